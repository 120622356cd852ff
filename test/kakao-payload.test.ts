// Real-shaped payload variants OpenBuilder can send: every one gets HTTP 200 and a reply that
// keeps every limit (checked strictly against SkillResponse).
import t from 'tap'
import { clientExtraOf, type SkillPayload } from '../src/kakao/payload.js'
import { build, payload, responseErrors } from './helpers.js'

type P = ReturnType<typeof payload> & Record<string, any>
const variant = (utterance: string, change: (p: P) => void = () => {}) => {
  const p = structuredClone(payload(utterance)) as P
  change(p)
  return p
}

const variants: Array<[string, P]> = [
  ['lang "ko"', variant('배포란 무엇인가요?')],
  ['lang "kr"', variant('배포란 무엇인가요?', (p) => (p.userRequest.lang = 'kr'))],
  ['lang null', variant('배포란 무엇인가요?', (p) => ((p.userRequest as any).lang = null))],
  ['lang missing', variant('배포란 무엇인가요?', (p) => delete (p.userRequest as any).lang)],
  ['clientExtra null', variant('배포', (p) => (p.action.clientExtra = null))],
  ['clientExtra {}', variant('배포', (p) => ((p.action as any).clientExtra = {}))],
  ['clientExtra missing', variant('배포', (p) => delete (p.action as any).clientExtra)],
  ['user type accountId', variant('배포란 무엇인가요?', (p) => (p.userRequest.user = { id: '1234567890', type: 'accountId', properties: {} } as any))],
  ['user without type or properties', variant('배포', (p) => (p.userRequest.user = { id: 'u1' } as any))],
  ['user properties null', variant('배포', (p) => ((p.userRequest.user as any).properties = null))],
  ['snake_case properties', variant('배포', (p) => ((p.userRequest.user as any).properties = { bot_user_key: 'k', plusfriend_user_key: 'p', isFriend: true }))],
  ['no contexts, no flow', variant('배포', (p) => delete (p as any).contexts)],
  ['contexts null', variant('배포', (p) => ((p as any).contexts = null))],
  ['flow present', variant('배포', (p) => (p.flow = { trigger: { type: 'QUICKREPLY_BUTTON_MESSAGE', referrerBlock: { id: 'b', name: '폴백 블록' } }, lastBlock: { id: 'b', name: '폴백 블록' } }))],
  ['flow with nulls', variant('배포', (p) => (p.flow = { trigger: null, lastBlock: null }))],
  ['no intent, bot or action', variant('배포', (p) => { delete (p as any).intent; delete (p as any).bot; delete (p as any).action })],
  ['intent/bot/action null', variant('배포', (p) => { (p as any).intent = null; (p as any).bot = null; (p as any).action = null })],
  ['params.surface BuilderBotTest', variant('배포란 무엇인가요?', (p) => ((p.userRequest as any).params = { surface: 'BuilderBotTest', ignoreMe: 'true' }))],
  ['params null', variant('배포', (p) => ((p.userRequest as any).params = null))],
  ['callbackUrl', variant('배포란 무엇인가요?', (p) => ((p.userRequest as any).callbackUrl = 'https://bot-api.kakao.com/v1/bots/x/callback/abc'))],
  ['callbackUrl null', variant('배포', (p) => ((p.userRequest as any).callbackUrl = null))],
  ['Knowledge+ intent with matchedKnowledges', variant('결제 요청 가능해요?', (p) => (p.intent = { id: 'k', name: '지식+', extra: { reason: { code: 0, message: 'OK' }, knowledge: { matchedKnowledges: [{ categories: ['a'], question: 'q', answer: 'a', imageUrl: '', landingUrl: '' }] } } } as any))],
  ['Knowledge+ with null fields', variant('결제', (p) => (p.intent = { id: 'k', name: '지식+', extra: { reason: null, knowledge: { matchedKnowledges: [{ categories: null, question: 'q', answer: null, imageUrl: null, landingUrl: null }] } } } as any))],
  ['intent extra null', variant('배포', (p) => ((p.intent as any).extra = null))],
  ['entity params as JSON strings', variant('1월 1일에 배포', (p) => {
    const date = JSON.stringify({ value: '2025-01-01', userTimeZone: 'UTC+9' })
    p.action.params = { sys_date: date } as any
    p.action.detailParams = { sys_date: { origin: '1월 1일', value: date, groupName: '' } } as any
  })],
  ['unknown keys everywhere', variant('배포', (p) => { (p as any).newTopLevel = { x: 1 }; (p.userRequest as any).newField = [1]; (p.userRequest.user as any).extra = 'x' })],
  ['emoji', variant('배포가 뭐예요?? 😀🙏🏻👨‍👩‍👧🇰🇷')],
  ['control characters', variant('배포\u0000\u0007\u001b\u007f\u202e란\uFEFF 무엇\r\n인가요?\uD800')],
  ['a 1000-character utterance', variant('가'.repeat(1000))],
  ['a 1000-emoji utterance', variant('😀'.repeat(1000))],
  ['an empty utterance', variant('')],
  ['a whitespace utterance', variant(' \n\t ')],
  ['a 40 KB utterance (under the 64 KiB body limit)', variant('배포 '.repeat(6000))],
  ['a utterance of only PII', variant('010-1234-5678 hong@example.com 900101-1234567')],
  // Shapes seen in real traffic that a strict parser refuses.
  ['clientExtra the string "null"', variant('배포', (p) => ((p.action as any).clientExtra = 'null'))],
  ['clientExtra an array', variant('배포', (p) => ((p.action as any).clientExtra = [1, 'a']))],
  ['isFriend the string "true"', variant('배포', (p) => ((p.userRequest.user as any).properties = { isFriend: 'true', app_user_id: '123' }))],
  ['user type talk_user_id with a numeric id', variant('배포', (p) => (p.userRequest.user = { id: '1234567', type: 'talk_user_id', properties: {} } as any))],
  ['action.params values as objects', variant('중고 3번', (p) => (p.action.params = { sys_number: { amount: 3 }, list: [1] } as any))],
  ['action.params a string', variant('배포', (p) => ((p.action as any).params = 'x'))],
  ['userRequest.params with custom keys', variant('배포', (p) => ((p.userRequest as any).params = { surface: 'Mini', media: { type: 'image', url: 'https://example.com/a.png' } }))],
  ['flow with only lastBlock', variant('배포', (p) => ((p as any).flow = { lastBlock: { id: 'b', name: '블록' } }))],
  ['flow an IMAGE_UPLOAD trigger', variant('https://example.com/a.png', (p) => ((p as any).flow = { trigger: { type: 'IMAGE_UPLOAD' } }))],
  ['flow.trigger a string', variant('배포', (p) => ((p as any).flow = { trigger: 'TEXT_INPUT' }))],
  ['"indent" instead of "intent"', variant('배포', (p) => { (p as any).indent = p.intent; delete (p as any).intent })],
  ['intent a string', variant('배포', (p) => ((p as any).intent = 'fallback'))],
  ['intent.extra.reason a string', variant('배포', (p) => ((p.intent as any).extra = { reason: 'OK' }))],
  ['contexts an object', variant('배포', (p) => ((p as any).contexts = { name: 'x' }))],
  ['a top-level skillOption', variant('배포', (p) => ((p as any).skillOption = { timeout: 5 }))],
  ['bot id ending in "!" and a spaced name', variant('배포', (p) => (p.bot = { id: '5f00aa!', name: '  FAQ  봇 ' }))],
  ['lang a number', variant('배포', (p) => ((p.userRequest as any).lang = 1))],
  ['block with empty id', variant('배포', (p) => ((p.userRequest as any).block = { id: '', name: '' }))],
]

t.test('real-shaped payload variants: HTTP 200 and a reply within every limit', async (t) => {
  const app = await build(t)
  for (const [name, body] of variants) {
    const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: body })
    t.equal(res.statusCode, 200, `${name}: HTTP 200 (${res.statusCode === 200 ? '' : res.body})`)
    if (res.statusCode !== 200) continue
    const reply = res.json()
    t.same(responseErrors(reply), [], `${name}: strictly valid`)
    t.ok(['answer', 'choices', 'none'].includes(reply.data?.outcome), `${name}: outcome ${reply.data?.outcome}`)
    t.ok(Buffer.byteLength(res.body) < 30 * 1024, `${name}: under 30 KB`)
  }
})

t.test('clientExtraOf turns null and missing into {}', async (t) => {
  const p = payload('x') as unknown as SkillPayload
  t.same(clientExtraOf(p), {})
  t.same(clientExtraOf({ ...p, action: { clientExtra: { faqId: 'a' } } }), { faqId: 'a' })
  t.same(clientExtraOf({ ...p, action: null }), {})
  t.same(clientExtraOf({ ...p, action: undefined }), {})
  t.same(clientExtraOf({ ...p, action: { clientExtra: 'null' } }), {}, 'the string "null" is no state')
  t.same(clientExtraOf({ ...p, action: { clientExtra: ['faqId'] } }), {}, 'an array is no state')
})

t.test('a body that is not a skill request (the validation API) is still refused with 400', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: { value: { origin: '1', resolved: '1' }, user: { id: 'u' } } })
  t.equal(res.statusCode, 400)
})
