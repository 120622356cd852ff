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

async function setup (t: Test, env: Record<string, string> = {}) {
  const matcher = new ScriptedMatcher(await bundledMatcher(), { 오픈채팅: OPEN_CHAT, '010-1234-5678로 연락 주세요 날씨 어때': NEAR_MISS })
  return buildConversation(t, { matcher, env })
}

t.test('an ambiguous query gets a "혹시 이런 질문이신가요?" list; tapping the first choice answers it', async (t) => {
  const { ask, skillLogs } = await setup(t)
  const reply = await ask('/skills/faq', '오픈채팅')
  t.equal(reply.data.outcome, 'choices')
  t.same(
    reply.data.candidates.map((c: { faqId: string }) => c.faqId),
    OPEN_CHAT.candidates.map((c) => c.faqId)
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
  t.match(skillLogs()[0], { kind: 'choices', outcome: 'choices', via: 'typed', candidates: ['faq-07e6c1fb', 'faq-619e0450', 'faq-bacaa8db'] })

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
  t.match(notFound?.extra, { tap: 'none-of-these', query: '오픈채팅', offered: ['faq-07e6c1fb', 'faq-619e0450', 'faq-bacaa8db'] })

  const missed = await ask('/skills/faq', notFound!.messageText!, notFound!.extra!)
  t.equal(missed.data.kind, 'missed')
  t.match(missed.template.outputs[0]?.simpleText.text, /죄송합니다/)
  t.ok((missed.template.quickReplies ?? []).some((q) => q.extra?.category), 'categories offered as a way forward')
  const log = skillLogs()[1]
  t.match(log, { kind: 'missed', outcome: 'none', via: 'tap', tap: 'none-of-these', query: '오픈채팅', candidates: ['faq-07e6c1fb', 'faq-619e0450', 'faq-bacaa8db'] })
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
  t.match(qrs.at(-1), { label: '처음으로', extra: { tap: 'menu' } })
  const log = skillLogs()[0]
  t.match(log, { kind: 'none', outcome: 'none', candidates: ['faq-963be53d'] })
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

// One plausible candidate, then two ranked after it that are not offered (the contract in src/match/types.ts).
const ONE_PLAUSIBLE: MatchResult = {
  outcome: 'choices',
  candidates: [
    { faqId: 'faq-963be53d', question: '배포란 무엇인가요?', score: 0.4 },
    { faqId: 'faq-07e6c1fb', question: '오픈채팅 이용제한이 적용되는 사유는 어떤 것이 있나요?', score: 0.08 },
    { faqId: 'faq-619e0450', question: '제가 생성한 오픈채팅 대화방이 검색결과에 나타나지 않아요.', score: 0.05 },
  ],
  offered: 1,
  score: 0.4,
}

async function confirming (t: Test, env: Record<string, string> = {}) {
  const matcher = new ScriptedMatcher(await bundledMatcher(), { '010-1234-5678 배포 그거': ONE_PLAUSIBLE, 오픈채팅: OPEN_CHAT })
  return buildConversation(t, { matcher, env })
}

t.test('exactly one plausible candidate: "혹시 \'…\'에 대해 물으신 건가요?" with 네 / 아니요; 네 answers it', async (t) => {
  const { ask, skillLogs } = await confirming(t)
  const asked = await ask('/skills/faq', '010-1234-5678 배포 그거')
  t.match(asked.data, { outcome: 'choices', kind: 'confirm', faqId: 'faq-963be53d' })
  // data keeps the ranking (what run-eval and operators read); only the first is asked about.
  t.same(asked.data.candidates.map((c: { faqId: string }) => c.faqId), ['faq-963be53d', 'faq-07e6c1fb', 'faq-619e0450'])
  t.equal(asked.template.outputs[0]?.simpleText.text, "혹시 '배포란 무엇인가요?'에 대해 물으신 건가요?")
  const [yes, no] = asked.template.quickReplies ?? []
  t.match(yes, { label: '네', messageText: '네', extra: { tap: 'confirm-yes', faqId: 'faq-963be53d', query: '[phone] 배포 그거' } })
  t.match(no, { label: '아니요', extra: { tap: 'confirm-no', faqId: 'faq-963be53d', query: '[phone] 배포 그거' } })
  t.notMatch(JSON.stringify(asked), /1234-5678/, 'the carried utterance is masked')

  const answered = await ask('/skills/faq', yes!.messageText!, yes!.extra!)
  t.match(answered.data, { outcome: 'answer', kind: 'answer', faqId: 'faq-963be53d' })
  t.equal(answered.template.outputs[0]?.textCard?.title, '배포란 무엇인가요?')
  t.match(answered.template.quickReplies?.[0]?.extra, { tap: 'feedback', faqId: 'faq-963be53d', query: '[phone] 배포 그거' }, 'feedback still knows the question')

  const logs = skillLogs()
  t.match(logs[0], { kind: 'confirm', outcome: 'choices', via: 'typed', utterance: '[phone] 배포 그거' })
  t.same(logs[0]?.candidates, ['faq-963be53d'], 'the log lists what was offered')
  t.match(logs[1], { kind: 'answer', outcome: 'answer', via: 'tap', tap: 'confirm-yes', faqId: 'faq-963be53d', query: '[phone] 배포 그거', utterance: '네' })
})

t.test('아니요 on the one candidate is a miss with the original question; the menu or a person next', async (t) => {
  const { ask, skillLogs } = await confirming(t, { OPERATOR_HANDOFF: 'true' })
  const asked = await ask('/skills/faq', '010-1234-5678 배포 그거')
  const no = asked.template.quickReplies?.[1]
  const rejected = await ask('/skills/faq', no!.messageText!, no!.extra!)
  t.match(rejected.data, { outcome: 'none', kind: 'missed', faqId: 'faq-963be53d' })
  t.match(rejected.template.outputs[0]?.simpleText.text, /자세히/)
  t.same(rejected.template.outputs[1]?.textCard?.buttons, [{ label: '상담원 연결', action: 'operator' }], 'a person, when configured')
  t.ok((rejected.template.quickReplies ?? []).some((q) => q.extra?.tap === 'category'), 'the menu')
  t.match(skillLogs()[1], { kind: 'missed', outcome: 'none', via: 'tap', tap: 'confirm-no', faqId: 'faq-963be53d', query: '[phone] 배포 그거' })
})

t.test('learning loop: a chosen item is logged as "typed X, chose Y"', async (t) => {
  const { ask, skillLogs } = await confirming(t)
  const list = await ask('/skills/faq', '오픈채팅')
  const second = list.template.outputs[0]?.listCard.items[1]
  t.match(second.extra, { tap: 'choice', faqId: 'faq-619e0450', query: '오픈채팅' })
  await ask('/skills/faq', second.messageText, second.extra)
  t.match(skillLogs()[1], { kind: 'answer', outcome: 'answer', via: 'tap', tap: 'choice', faqId: 'faq-619e0450', query: '오픈채팅', score: 1 })
  // A long utterance is carried capped at 200 characters.
  const long = `오픈채팅 ${'가'.repeat(400)}`
  const matcher = new ScriptedMatcher(await bundledMatcher(), { [long]: OPEN_CHAT })
  const other = await buildConversation(t, { matcher })
  const capped = await other.ask('/skills/faq', long)
  t.equal(Array.from(capped.template.outputs[0]?.listCard.items[0].extra.query as string).length, 200)
})
