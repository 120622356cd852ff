// Small talk before the search (data/intents.json + messages), and what its replies and log lines are.
import t from 'tap'
import { intentKey, loadIntents } from '../src/conversation/intents.js'
import { buildConversation, tempJson } from './conversation-helpers.js'

const intents = loadIntents()

t.test('intents are recognized on normalized text: spacing, punctuation, case and repeated letters do not matter', async (t) => {
  const cases: Array<[string, string | undefined]> = [
    ['안녕하세요', 'greeting'],
    ['안녕하세요~', 'greeting'],
    ['안녕 하세요!!', 'greeting'],
    ['하이', 'greeting'],
    ['ㅎㅇ', 'greeting'],
    ['Hello', 'greeting'],
    ['안녕하세요 ㅎㅎ', 'greeting'],
    ['고마워요~~~', 'thanks'],
    ['고마워요요요', 'thanks'],
    ['감사합니다!', 'thanks'],
    ['정말 감사합니다', 'thanks'],
    ['땡큐', 'thanks'],
    ['ㄱㅅ', 'thanks'],
    ['ㄳㄳ', 'thanks'],
    ['안녕히 계세요', 'goodbye'],
    ['바이바이', 'goodbye'],
    ['ㅋㅋ', 'laughter'],
    ['ㅋㅋㅋㅋㅋㅋㅋㅋ', 'laughter'],
    ['ㅎㅎ', 'laughter'],
    ['ㅠㅠ', 'laughter'],
    ['😂', 'laughter'],
    ['😂😂 ㅋㅋ', 'laughter'],
    ['^^', 'laughter'],
    ['하하하', 'laughter'],
    ['/ask ㅋㅋㅋ', 'laughter'],
    ['메롱', 'laughter'],
    ['ㅏ', 'jamo'],
    ['ㅇ', 'jamo'],
    ['ㅁㄴㅇㄹ', 'jamo'],
    ['?', 'jamo'],
    ['최고예요', 'praise'],
    ['짱', 'praise'],
    ['답답해', 'complaint'],
    ['이게 뭐야', 'complaint'],
    ['이게 뭐야 진짜', 'complaint'],
    ['바보야', 'insult'],
    ['ㅅㅂ', 'insult'],
    ['상담원 연결해 주세요', 'handoff'],
    ['상담사', 'handoff'],
    ['사람이랑 얘기하고 싶어요', 'handoff'],
    ['직원 연결', 'handoff'],
    ['전화번호', 'handoff'],
    ['안녕하세요 상담원 연결 부탁드립니다', 'handoff'],
    ['처음으로', 'menu'],
    ['메뉴', 'menu'],
    ['도움말', 'menu'],
    ['자주 묻는 질문', 'menu'],
    // Not small talk: a question, a phrase with a question, fillers alone, words that only contain a phrase.
    ['안녕하세요 비밀번호를 잊어버렸어요', undefined],
    ['감사합니다 그런데 환불은 어떻게 하나요', undefined],
    ['전화번호 변경은 어떻게 하나요', undefined],
    ['오픈채팅 신고', undefined],
    ['진짜', undefined],
    ['너무하네', undefined],
    ['', undefined],
    ['   ', undefined],
    ['가'.repeat(300), undefined],
  ]
  for (const [utterance, want] of cases) t.equal(intents.classify(utterance), want, `"${utterance.slice(0, 30)}" → ${want ?? 'search'}`)
})

t.test('each intent gets a fitting 존댓말 reply with a way forward, logged as kind "intent"', async (t) => {
  const { ask, skillLogs } = await buildConversation(t)
  const greeting = await ask('/skills/faq', '안녕하세요~')
  t.match(greeting.data, { outcome: 'none', kind: 'intent', intent: 'greeting' })
  t.match(greeting.template.outputs[0]?.simpleText.text, /^안녕하세요!/)
  t.ok((greeting.template.quickReplies ?? []).length >= 3, 'the welcome menu: popular questions and the menu')
  t.match(greeting.template.quickReplies?.at(-1), { label: '자주 묻는 질문', extra: { tap: 'menu' } })

  const thanks = await ask('/skills/faq', '고마워요~~~')
  t.match(thanks.data, { kind: 'intent', intent: 'thanks' })
  t.same(thanks.template.quickReplies?.map((q) => q.label), ['처음으로'])

  const laughter = await ask('/skills/faq', 'ㅋㅋㅋㅋ')
  t.match(laughter.data, { kind: 'intent', intent: 'laughter' })
  t.ok((laughter.template.quickReplies ?? []).some((q) => q.extra?.tap === 'category'), 'categories offered')

  const insult = await ask('/skills/faq', '멍청한 봇 바보야')
  t.match(insult.data, { kind: 'intent', intent: 'insult' })
  const said = JSON.stringify(insult.template)
  t.notMatch(said, /바보|멍청/, 'the insult is never repeated')
  t.match(insult.template.outputs[0]?.simpleText.text, /존중/)

  const jamo = await ask('/skills/faq', 'ㅏ')
  t.match(jamo.data, { kind: 'intent', intent: 'jamo' })
  const complaint = await ask('/skills/faq', '답답해')
  t.match(complaint.template.outputs[0]?.simpleText.text, /죄송합니다/)

  const logs = skillLogs()
  t.match(logs[0], { kind: 'intent', outcome: 'none', intent: 'greeting', via: 'typed', utterance: '안녕하세요~' })
  t.match(logs[3], { kind: 'intent', intent: 'insult' })
  t.same(
    logs.map((l) => l.intent),
    ['greeting', 'thanks', 'laughter', 'insult', 'jamo', 'complaint']
  )
})

t.test('an intent phrase with a real question goes to the FAQ search', async (t) => {
  const { ask } = await buildConversation(t)
  const reply = await ask('/skills/faq', '안녕하세요 배포란 무엇인가요?')
  t.equal(reply.data.kind, 'answer')
  t.equal(reply.data.faqId, 'faq-963be53d')
})

t.test('asking for a person: an honest sentence without a handoff, the configured ways with one', async (t) => {
  const without = await buildConversation(t)
  const honest = await without.ask('/skills/faq', '상담원 연결해 주세요')
  t.match(honest.data, { kind: 'intent', intent: 'handoff' })
  t.match(honest.template.outputs[0]?.simpleText.text, /상담원 연결을 제공하지 않아요/)
  t.ok((honest.template.quickReplies ?? []).some((q) => q.extra?.tap === 'category'), 'what the user can do instead')

  const operator = await buildConversation(t, { env: { OPERATOR_HANDOFF: 'true' } })
  const handed = await operator.ask('/skills/faq', '사람이랑 얘기하고 싶어요')
  t.same(handed.template.outputs[0]?.textCard?.buttons, [{ label: '상담원 연결', action: 'operator' }])

  const all = await buildConversation(t, { env: { OPERATOR_HANDOFF: 'true', OPERATOR_PHONE: '1577-0000', OPERATOR_URL: 'https://cs.example.com/ask' } })
  const three = await all.ask('/skills/faq', '직원 연결')
  t.same(three.template.outputs[0]?.textCard?.buttons, [
    { label: '상담원 연결', action: 'operator' },
    { label: '전화 상담', action: 'phone', phoneNumber: '1577-0000' },
    { label: '1:1 문의하기', action: 'webLink', webLinkUrl: 'https://cs.example.com/ask' },
  ])
  t.match(all.skillLogs()[0], { kind: 'intent', intent: 'handoff' })
  // A miss offers the same ways.
  const miss = await all.ask('/skills/faq', 'zxqv 쀍뷁 qwpz')
  t.equal(miss.template.outputs[1]?.textCard?.buttons?.length, 3)
})

t.test('intentKey: the one-pass path for ASCII and Hangul syllables gives what the regex path gives', async (t) => {
  // The general definition, as intentKey had it for every text.
  const reference = (text: string) => text.normalize('NFC').toLowerCase().replace(/^\s*\/[a-z]+\s+/u, '').replace(/[^\p{L}\p{N}]/gu, '').replace(/(.)\1+/gu, '$1')
  const pieces = ['안녕', '하세요', '고마워요', '요', 'ㅋ', '크', 'A', 'b', 'Z', '7', ' ', '  ', '~', '!', '/ask ', '\n', '\t', '가', '😀', 'é', 'e\u0301', 'İ']
  let seed = 11
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  for (let i = 0; i < 5000; i++) {
    let text = ''
    for (let k = next() % 8; k >= 0; k--) text += pieces[next() % pieces.length]
    t.equal(intentKey(text), reference(text), JSON.stringify(text))
  }
})

t.test('INTENTS_FILE replaces the phrases; a bad file stops the app with a message naming it', async (t) => {
  const file = tempJson('intents.json', { intents: { greeting: ['좋은 하루'], thanks: [] } })
  const { ask } = await buildConversation(t, { env: { INTENTS_FILE: file } })
  t.match((await ask('/skills/faq', '좋은 하루!')).data, { intent: 'greeting' })
  t.notMatch((await ask('/skills/faq', '고마워요')).data, { kind: 'intent' }, 'phrases not in the file are not intents')
  const bad = tempJson('intents.json', { intents: { smalltalk: ['x'] } })
  t.throws(() => loadIntents(bad), new RegExp(`INTENTS_FILE ${bad}`))
  t.throws(() => loadIntents('/nonexistent/intents.json'), /INTENTS_FILE \/nonexistent/)
})
