import t, { type Test } from 'tap'
import type { MatchResult } from '../src/match/types.js'
import { bundledMatcher, buildConversation, ScriptedMatcher } from './conversation-helpers.js'

// Real corpus entries; the scripted matcher decides the outcome so these tests do not depend on
// how fuzzy the real matcher is.
const OPEN_CHAT: MatchResult = {
  outcome: 'choices',
  candidates: [
    { faqId: 'faq-07e6c1fb', question: '오픈채팅 이용제한이 적용되는 사유는 어떤 것이 있나요?', score: 0.62 },
    { faqId: 'faq-619e0450', question: '제가 생성한 오픈채팅 대화방이 검색결과에 나타나지 않아요.', score: 0.58 },
    { faqId: 'faq-bacaa8db', question: '일반채팅방으로 전환 되는 무엇인가요?', score: 0.41 },
  ],
  score: 0.62,
}
const NEAR_MISS: MatchResult = {
  outcome: 'none',
  candidates: [{ faqId: 'faq-963be53d', question: '배포란 무엇인가요?', score: 0.12 }],
  score: 0.12,
}

async function setup(t: Test, env: Record<string, string> = {}) {
  const matcher = new ScriptedMatcher(await bundledMatcher(), { 오픈채팅: OPEN_CHAT, '010-1234-5678로 연락 주세요 날씨 어때': NEAR_MISS })
  return buildConversation(t, { matcher, env })
}

t.test('an ambiguous query gets a "혹시 이런 질문이신가요?" list; tapping the first choice answers it', async (t) => {
  const { ask, skillLogs } = await setup(t)
  const reply = await ask('/skills/faq', '오픈채팅')
  t.equal(reply.data.outcome, 'choices')
  t.same(
    reply.data.candidates.map((c: { faqId: string }) => c.faqId),
    OPEN_CHAT.candidates.map((c) => c.faqId),
  )
  const list = reply.template.outputs[0]?.listCard
  t.equal(list?.header.title, '혹시 이런 질문이신가요?')
  t.equal(list?.items.length, 3)
  t.match(list?.items[0], {
    title: '오픈채팅 이용제한이 적용되는 사유는 어떤 것이 있나요?',
    action: 'message',
    messageText: '오픈채팅 이용제한이 적용되는 사유는 어떤 것이 있나요?',
    extra: { faqId: 'faq-07e6c1fb' },
  })
  t.match(skillLogs()[0], { outcome: 'choices', candidates: [{ faqId: 'faq-07e6c1fb' }] })

  const first = list.items[0]
  const answered = await ask('/skills/faq', first.messageText, first.extra)
  t.equal(answered.data.outcome, 'answer')
  t.equal(answered.data.faqId, 'faq-07e6c1fb')
  t.equal(answered.template.outputs[0]?.textCard?.title, '오픈채팅 이용제한이 적용되는 사유는 어떤 것이 있나요?')
})

t.test('"찾는 질문이 없어요" is logged as a miss with the query and the offered ids', async (t) => {
  const { ask, skillLogs } = await setup(t)
  const reply = await ask('/skills/faq', '오픈채팅')
  const notFound = reply.template.quickReplies?.find((q) => q.label === '찾는 질문이 없어요')
  t.ok(notFound, 'the list offers "찾는 질문이 없어요"')
  t.match(notFound?.extra, { missed: true, query: '오픈채팅', offered: ['faq-07e6c1fb', 'faq-619e0450', 'faq-bacaa8db'] })

  const missed = await ask('/skills/faq', notFound!.messageText!, notFound!.extra!)
  t.equal(missed.data.kind, 'missed')
  t.match(missed.template.outputs[0]?.simpleText.text, /죄송합니다/)
  t.ok((missed.template.quickReplies ?? []).some((q) => q.extra?.category), 'categories offered as a way forward')
  const log = skillLogs()[1]
  t.match(log, { outcome: 'missed', miss: true, query: '오픈채팅', offered: ['faq-07e6c1fb', 'faq-619e0450', 'faq-bacaa8db'] })
  // Strings are accepted as well.
  const asStrings = await ask('/skills/faq', '찾는 질문이 없어요', { missed: 'true', offered: 'faq-07e6c1fb' })
  t.equal(asStrings.data.kind, 'missed')
})

t.test('an off-topic question gets "none" with categories, and the miss is logged masked', async (t) => {
  const { ask, skillLogs } = await setup(t)
  const reply = await ask('/skills/faq', '010-1234-5678로 연락 주세요 날씨 어때')
  t.equal(reply.data.outcome, 'none')
  t.equal(reply.template.outputs.length, 1)
  t.match(reply.template.outputs[0]?.simpleText.text, /찾지 못했어요/)
  const qrs = reply.template.quickReplies ?? []
  t.match(qrs[0], { label: '카카오톡', extra: { category: '카카오톡' } }, 'largest category first')
  t.match(qrs.at(-1), { label: '처음으로', extra: { home: true } })
  const log = skillLogs()[0]
  t.match(log, { outcome: 'none', miss: true, candidates: [{ faqId: 'faq-963be53d', score: 0.12 }] })
  t.notMatch(JSON.stringify(log), /1234-5678/, 'the phone number is masked in the log')

  const category = await ask('/skills/faq', qrs[0]!.messageText!, qrs[0]!.extra!)
  t.equal(category.data.kind, 'category')
  t.equal(category.template.outputs[0]?.listCard.header.title.startsWith('카카오톡 질문'), true)
})

t.test('with OPERATOR_HANDOFF a miss also offers 상담원 연결', async (t) => {
  const { ask } = await setup(t, { OPERATOR_HANDOFF: 'true' })
  const reply = await ask('/skills/faq', '010-1234-5678로 연락 주세요 날씨 어때')
  t.same(reply.template.outputs[1]?.textCard?.buttons, [{ label: '상담원 연결', action: 'operator' }])
  const missed = await ask('/skills/faq', '찾는 질문이 없어요', { missed: true })
  t.same(missed.template.outputs[1]?.textCard?.buttons, [{ label: '상담원 연결', action: 'operator' }])
})

t.test('a typed off-topic question against the real corpus is "none" with a way forward', async (t) => {
  const { ask } = await buildConversation(t)
  const reply = await ask('/skills/faq', 'zxqv 쀍뷁 qwpz')
  t.equal(reply.data.outcome, 'none')
  t.ok((reply.template.quickReplies ?? []).length >= 2)
})

t.test('an empty utterance gets a prompt with categories, not an error', async (t) => {
  const { ask } = await buildConversation(t)
  const reply = await ask('/skills/faq', '  ')
  t.equal(reply.data.kind, 'empty')
  t.ok((reply.template.quickReplies ?? []).some((q) => q.extra?.category))
})
