import t from 'tap'
import { build, payload, responseErrors } from './helpers.js'
import { tokenMatches } from '../src/plugins/auth.js'
import { createHash } from 'node:crypto'

const TOKEN = 's3cret-Token_with.chars'
const BOT = '64f0c0ffee0000000000beef'
const env = { SKILL_AUTH_TOKEN: TOKEN, ALLOWED_BOT_IDS: `other-bot, ${BOT}` }
const post = (headers: Record<string, string>, body: unknown = payload('배포란 무엇인가요?')) =>
  ({ method: 'POST' as const, url: '/skills/faq', headers, payload: body as object })

t.test('with a token and an allowlist: no header → 401, another bot → 403, the right one → 200', async (t) => {
  const app = await build(t, env)

  const none = await app.inject(post({}))
  t.equal(none.statusCode, 401)
  t.same(Object.keys(none.json()).sort(), ['error', 'message', 'statusCode'])
  t.equal(none.json().statusCode, 401)
  t.match(none.json().message, /x-skill-token/)

  for (const wrong of ['', 'x', TOKEN.slice(0, -1), `${TOKEN} `, TOKEN.toUpperCase(), `${TOKEN}${TOKEN}`]) {
    const res = await app.inject(post({ 'x-skill-token': wrong }))
    t.equal(res.statusCode, 401, `wrong token ${JSON.stringify(wrong)}`)
  }

  const other = await app.inject(post({ 'x-skill-token': TOKEN }, payload('배포란 무엇인가요?', { botId: 'intruder' })))
  t.equal(other.statusCode, 403)
  t.same(other.json(), { error: 'Forbidden', message: other.json().message, statusCode: 403 })

  const noBot = { ...payload('배포란 무엇인가요?'), bot: null }
  t.equal((await app.inject(post({ 'x-skill-token': TOKEN }, noBot))).statusCode, 403, 'a payload without bot.id is refused')

  const ok = await app.inject(post({ 'X-Skill-Token': TOKEN }))
  t.equal(ok.statusCode, 200)
  t.same(responseErrors(ok.json()), [])
  t.equal(ok.json().data.outcome, 'answer')
})

t.test('the token is checked before the body is read: a bad body without a token is 401, not 400', async (t) => {
  const app = await build(t, env)
  const res = await app.inject({ method: 'POST', url: '/skills/faq', headers: { 'content-type': 'application/json' }, payload: '{not json' })
  t.equal(res.statusCode, 401)
})

t.test('an allowed bot with an invalid payload still gets a 400, not a 403', async (t) => {
  const app = await build(t, env)
  const body = { bot: { id: BOT }, userRequest: { utterance: 5 } }
  const res = await app.inject(post({ 'x-skill-token': TOKEN }, body))
  t.equal(res.statusCode, 400)
})

t.test('/health and /ready stay open; unknown routes are a plain 404', async (t) => {
  const app = await build(t, env)
  t.equal((await app.inject({ url: '/health' })).statusCode, 200)
  const ready = await app.inject({ url: '/ready' })
  t.equal(ready.statusCode, 200)
  t.equal(ready.json().status, 'ready')
  t.equal((await app.inject({ url: '/nope' })).statusCode, 404)
})

t.test('a custom header name is honoured', async (t) => {
  const app = await build(t, { SKILL_AUTH_TOKEN: TOKEN, SKILL_AUTH_HEADER: 'X-Kakao-Secret' })
  t.equal((await app.inject(post({ 'x-skill-token': TOKEN }))).statusCode, 401)
  t.equal((await app.inject(post({ 'x-kakao-secret': TOKEN }))).statusCode, 200)
})

t.test('only the allowlist: any token-less request from a listed bot passes', async (t) => {
  const app = await build(t, { ALLOWED_BOT_IDS: BOT })
  t.equal((await app.inject(post({}))).statusCode, 200)
  t.equal((await app.inject(post({}, payload('x', { botId: 'nope' })))).statusCode, 403)
})

t.test('without SKILL_AUTH_TOKEN and ALLOWED_BOT_IDS skills are open', async (t) => {
  const app = await build(t)
  t.equal((await app.inject(post({}, payload('x', { botId: 'anything' })))).statusCode, 200)
})

t.test('tokenMatches compares whole values only', async (t) => {
  const expected = createHash('sha256').update('abc').digest()
  t.equal(tokenMatches('abc', expected), true)
  t.equal(tokenMatches('abcd', expected), false)
  t.equal(tokenMatches('ab', expected), false)
  t.equal(tokenMatches(undefined, expected), false)
  t.equal(tokenMatches(['abc', 'abc'], expected), false, 'a repeated header is refused')
})
