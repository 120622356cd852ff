// Replays every request fixture (fixtures/*.json, not *.expected.json) through the app: each must
// be a SkillPayload, get HTTP 200 and a reply that strictly matches SkillResponse.
import t from 'tap'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { SkillPayload } from '../src/kakao/payload.js'
import { build, fixtures, responseErrors } from './helpers.js'

const payloadCheck = TypeCompiler.Compile(SkillPayload)

t.test('every fixture gets HTTP 200 and a strictly valid SkillResponse', async (t) => {
  const all = fixtures()
  t.ok(all.length >= 12, `${all.length} request fixtures`)
  const app = await build(t)
  for (const { name, body } of all) {
    t.same([...payloadCheck.Errors(body)].map((e) => `${e.path} ${e.message}`).slice(0, 3), [], `${name} is a SkillPayload`)
    const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: body as object })
    t.equal(res.statusCode, 200, `${name}: HTTP 200`)
    const reply = res.json()
    t.same(responseErrors(reply), [], `${name}: valid SkillResponse`)
    t.ok(['answer', 'choices', 'none'].includes(reply.data?.outcome), `${name}: outcome "${reply.data?.outcome}"`)
    t.ok(Array.isArray(reply.data?.candidates), `${name}: data.candidates is an array`)
    t.ok(Buffer.byteLength(res.body) < 30 * 1024, `${name}: under 30 KB`)
  }
})

t.test('the fixtures cover the variants real traffic shows', async (t) => {
  const bodies = fixtures().map((f) => f.body as Record<string, any>)
  const some = (what: string, test: (b: Record<string, any>) => boolean) => t.ok(bodies.some(test), what)
  some('lang "kr"', (b) => b.userRequest.lang === 'kr')
  some('lang null', (b) => b.userRequest.lang === null)
  some('clientExtra null', (b) => b.action?.clientExtra === null)
  some('clientExtra with a value', (b) => Object.keys(b.action?.clientExtra ?? {}).length > 0)
  some('user type accountId', (b) => b.userRequest.user.type === 'accountId')
  some('no contexts and no flow', (b) => !('contexts' in b) && !('flow' in b))
  some('the admin bot tester', (b) => b.userRequest.params?.surface === 'BuilderBotTest' && b.userRequest.params?.ignoreMe === 'true')
  some('a callbackUrl', (b) => typeof b.userRequest.callbackUrl === 'string')
  some('a Knowledge+ intent', (b) => b.intent?.name === '지식+' && b.intent.extra.knowledge.matchedKnowledges.length > 0)
  some('entity params as JSON strings', (b) => Object.values(b.action?.params ?? {}).some((v) => typeof v === 'string' && v.startsWith('{')))
  some('a quick reply tap', (b) => b.flow?.trigger?.type === 'QUICKREPLY_BUTTON_MESSAGE')
  some('a list item tap', (b) => b.flow?.trigger?.type === 'LIST_ITEM_MESSAGE')
  some('snake_case user properties', (b) => 'bot_user_key' in (b.userRequest.user.properties ?? {}))
  some('emoji', (b) => /\p{Extended_Pictographic}/u.test(b.userRequest.utterance))
  some('a 1000-character utterance', (b) => Array.from(b.userRequest.utterance as string).length === 1000)
  some('clientExtra the string "null"', (b) => b.action?.clientExtra === 'null')
  some('isFriend as a string', (b) => typeof b.userRequest.user.properties?.isFriend === 'string')
  some('a talk_user_id user', (b) => b.userRequest.user.type === 'talk_user_id')
  some('action.params values that are objects', (b) => Object.values(b.action?.params ?? {}).some((v) => typeof v === 'object' && v !== null))
  some('flow with only lastBlock', (b) => b.flow && !('trigger' in b.flow) && 'lastBlock' in b.flow)
  some('an IMAGE_UPLOAD trigger with media', (b) => b.flow?.trigger?.type === 'IMAGE_UPLOAD' && !!b.userRequest.params?.media)
  some('"indent" and no intent', (b) => 'indent' in b && !('intent' in b))
  some('a top-level skillOption', (b) => 'skillOption' in b)
  some('a development bot id ending in "!"', (b) => typeof b.bot?.id === 'string' && b.bot.id.endsWith('!'))
  some('the Kakao Mini surface', (b) => b.userRequest.params?.surface === 'Mini')
  some('an utterance ending in a newline', (b) => (b.userRequest.utterance as string).endsWith('\n'))
  some('a single jamo', (b) => /^[\u3131-\u318e]$/u.test(b.userRequest.utterance))
  some('a slash command', (b) => (b.userRequest.utterance as string).startsWith('/'))
  some('English only', (b) => /^[\x20-\x7e]+$/.test(b.userRequest.utterance) && /[a-z]{3}/i.test(b.userRequest.utterance))
})

t.test('fixtures that ask a corpus question exactly are answered', async (t) => {
  const app = await build(t)
  for (const name of ['typed-text.json', 'quick-reply-tap.json', 'list-item-tap.json']) {
    const f = fixtures().find((x) => x.name === name)
    t.ok(f, name)
    const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: f?.body as object })
    t.equal(res.json().data.outcome, 'answer', `${name} is answered`)
  }
})
