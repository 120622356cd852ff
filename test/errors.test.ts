import t from 'tap'
import Fastify from 'fastify'
import fp from 'fastify-plugin'
import { Writable } from 'node:stream'
import { app as appPlugin, buildApp, fastifyOptions } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { defaultMessages } from '../src/messages.js'
import { FaqStore } from '../src/plugins/faq-store.js'
import type { Matcher } from '../src/match/types.js'
import { build, payload, responseErrors } from './helpers.js'

const JSON_TYPE = { 'content-type': 'application/json' }
const good = payload('배포란 무엇인가요?')
const withUser = (userRequest: Record<string, unknown>) => ({ ...good, userRequest: { ...good.userRequest, ...userRequest } })

/** Every malformed request: [name, inject options, expected status, what the message must name]. */
const malformed: Array<[string, Record<string, unknown>, number, RegExp]> = [
  ['malformed JSON', { payload: '{"userRequest": {', headers: JSON_TYPE }, 400, /not valid JSON/],
  ['trailing garbage', { payload: '{"a":1} x', headers: JSON_TYPE }, 400, /not valid JSON/],
  ['empty body', { payload: '', headers: JSON_TYPE }, 400, /empty/],
  ['whitespace body', { payload: '  \n', headers: JSON_TYPE }, 400, /empty/],
  ['a JSON array', { payload: '[{"userRequest":{}}]', headers: JSON_TYPE }, 400, /body must be object/],
  ['null', { payload: 'null', headers: JSON_TYPE }, 400, /body must be object/],
  ['a JSON string', { payload: '"안녕"', headers: JSON_TYPE }, 400, /body must be object/],
  ['a JSON number', { payload: '42', headers: JSON_TYPE }, 400, /body must be object/],
  ['{}', { payload: {} }, 400, /userRequest/],
  ['missing userRequest', { payload: { ...good, userRequest: undefined } }, 400, /required property 'userRequest'/],
  ['userRequest not an object', { payload: { ...good, userRequest: 'hi' } }, 400, /userRequest must be object/],
  ['missing user', { payload: withUser({ user: undefined }) }, 400, /required property 'user'/],
  ['user id missing', { payload: withUser({ user: { type: 'botUserKey' } }) }, 400, /required property 'id'/],
  ['user id empty', { payload: withUser({ user: { id: '' } }) }, 400, /user\.id/],
  ['user id a number', { payload: withUser({ user: { id: 12345 } }) }, 400, /user\.id must be string/],
  ['missing utterance', { payload: withUser({ utterance: undefined }) }, 400, /required property 'utterance'/],
  ['utterance a number', { payload: withUser({ utterance: 5 }) }, 400, /utterance must be string/],
  ['utterance an object', { payload: withUser({ utterance: { text: 'hi' } }) }, 400, /utterance must be string/],
  ['utterance null', { payload: withUser({ utterance: null }) }, 400, /utterance must be string/],
  ['utterance an array', { payload: withUser({ utterance: ['hi'] }) }, 400, /utterance must be string/],
  ['text/plain', { payload: JSON.stringify(good), headers: { 'content-type': 'text/plain' } }, 415, /application\/json/],
  ['application/xml', { payload: '<xml/>', headers: { 'content-type': 'application/xml' } }, 415, /application\/json/],
  ['form-urlencoded', { payload: 'utterance=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, /application\/json/],
  ['no content type', { payload: JSON.stringify(good), headers: { 'content-type': '' } }, 415, /application\/json/],
  ['a 2 MB body', { payload: JSON.stringify({ ...good, pad: 'x'.repeat(2 * 1024 * 1024) }), headers: JSON_TYPE }, 413, /64 KiB/],
  ['a 65 KiB body', { payload: JSON.stringify({ ...good, pad: '가'.repeat(22 * 1024) }), headers: JSON_TYPE }, 413, /64 KiB/],
  ['__proto__ at the top', { payload: `{"__proto__":{"isAdmin":true},${JSON.stringify(good).slice(1)}`, headers: JSON_TYPE }, 400, /forbidden key "__proto__"/],
  ['__proto__ nested', { payload: JSON.stringify(good).replace('"botUserKey":', '"__proto__":{"x":1},"botUserKey":'), headers: JSON_TYPE }, 400, /__proto__/],
  ['constructor.prototype', { payload: `{"constructor":{"prototype":{"x":1}},${JSON.stringify(good).slice(1)}`, headers: JSON_TYPE }, 400, /constructor\.prototype/],
  ['deeply nested arrays', { payload: '['.repeat(20000) + ']'.repeat(20000), headers: JSON_TYPE }, 400, /./],
]

/** Odd shapes in fields a skill does not need: real traffic has them, so they are answered. */
const oddButAnswered: Array<[string, Record<string, unknown>]> = [
  ['lang a number', withUser({ lang: 1 })],
  ['params an array', withUser({ params: ['x'] })],
  ['bot a string', { ...good, bot: 'bot' }],
  ['action.clientExtra a string', { ...good, action: { ...good.action, clientExtra: 'x' } }],
  ['contexts an object', { ...good, contexts: {} }],
  ['intent.name a number', { ...good, intent: { id: 'i', name: 7 } }],
]

t.test('odd shapes in the fields a skill does not need get a valid 200 reply', async (t) => {
  const app = await build(t)
  for (const [name, body] of oddButAnswered) {
    const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: body })
    t.equal(res.statusCode, 200, name)
    t.same(responseErrors(res.json()), [], `${name}: a valid SkillResponse`)
  }
})

t.test('malformed requests get 4xx JSON { error, message, statusCode } naming the problem, never 5xx', async (t) => {
  const app = await build(t)
  for (const [name, opts, status, names] of malformed) {
    const res = await app.inject({ method: 'POST', url: '/skills/faq', ...opts })
    t.equal(res.statusCode, status, `${name}: HTTP ${status}`)
    t.match(res.headers['content-type'], /^application\/json/, `${name}: JSON`)
    const body = res.json()
    t.same(Object.keys(body).sort(), ['error', 'message', 'statusCode'], `${name}: exactly error, message, statusCode`)
    t.equal(body.statusCode, status)
    t.type(body.error, 'string')
    t.match(body.message, names, `${name}: message "${body.message}" names the problem`)
  }
  const health = await app.inject({ method: 'GET', url: '/health' })
  t.equal(health.statusCode, 200, 'after all of them /health still answers')
  const ok = await app.inject({ method: 'POST', url: '/skills/faq', payload: good })
  t.equal(ok.statusCode, 200, 'and the skill still answers')
  t.equal(ok.json().data.outcome, 'answer')
})

t.test('a constructor key without prototype is an ordinary key', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: { ...good, action: { ...good.action, params: { constructor: 'x' } } } })
  t.equal(res.statusCode, 200)
})

t.test('unknown routes and wrong methods: 404 / 405 JSON', async (t) => {
  const app = await build(t)
  for (const [method, url] of [['GET', '/nope'], ['POST', '/skills/nope'], ['GET', '/'], ['DELETE', '/health']] as const) {
    const res = await app.inject({ method, url })
    t.equal(res.statusCode, 404, `${method} ${url}`)
    t.same(res.json(), { error: 'Not Found', message: `Route ${method} ${url} not found`, statusCode: 404 })
  }
  const get = await app.inject({ method: 'GET', url: '/skills/faq' })
  t.equal(get.statusCode, 405, 'GET on the skill URL')
  t.equal(get.headers.allow, 'POST')
  t.match(get.json(), { error: 'Method Not Allowed', statusCode: 405, message: /POST/ })
})

/** A logger that writes JSON lines into an array. */
function capture () {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write (chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>)
      cb()
    },
  })
  return { lines, stream }
}

t.test('an exception inside a skill: logged with reqId, HTTP 200 with a polite valid reply', async (t) => {
  const config = loadConfig({ LOG_LEVEL: 'info' })
  const { lines, stream } = capture()
  const app = Fastify(fastifyOptions(config, { level: 'info', stream }))
  // Unencapsulated, so the app's error handler also covers the test route added below.
  await app.register(fp(appPlugin), { config })
  app.post('/skills/broken', { config: { skill: 'broken' } }, async () => {
    throw new Error('kaboom in the skill')
  })
  await app.ready()
  t.teardown(() => app.close())

  const res = await app.inject({ method: 'POST', url: '/skills/broken', payload: good, headers: { 'x-request-id': 'req-boom-1' } })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(responseErrors(body), [])
  t.equal(body.template.outputs[0].simpleText.text, defaultMessages.error, 'the polite sentence from messages')
  t.match(body.data, { outcome: 'none', error: true })
  t.notMatch(res.body, /kaboom/, 'the error text never reaches the user')
  const logged = lines.find((l) => l.msg === 'request failed')
  t.ok(logged, 'the failure is logged')
  t.equal(logged?.reqId, 'req-boom-1', 'with the request id')
  t.match(logged?.err, { message: 'kaboom in the skill' })
  t.match(lines.find((l) => l.msg === 'skill reply'), { skill: 'broken', kind: 'error', outcome: 'none', status: 200 })

  const other = await app.inject({ method: 'GET', url: '/health' })
  t.equal(other.statusCode, 200)
})

t.test('a matcher that throws inside /skills/faq still gets a polite 200', async (t) => {
  const config = loadConfig({ LOG_LEVEL: 'silent' })
  const matcher = {
    corpus: { version: 1, entries: [] },
    match () {
      throw new TypeError('matcher exploded')
    },
    entry: () => undefined,
  }
  const store = FaqStore.fromMatcher(matcher as unknown as Matcher)
  const app = await buildApp({ config, store })
  t.teardown(() => app.close())
  const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: good })
  t.equal(res.statusCode, 200)
  t.same(responseErrors(res.json()), [])
  t.equal(res.json().template.outputs[0].simpleText.text, defaultMessages.error)
  t.notMatch(res.body, /exploded/)
})

t.test('an error outside a skill route is a generic 500 JSON without details', async (t) => {
  const config = loadConfig({ LOG_LEVEL: 'silent' })
  const app = Fastify(fastifyOptions(config, false))
  // Unencapsulated, so the app's error handler also covers the test route added below.
  await app.register(fp(appPlugin), { config })
  app.get('/broken', async () => {
    throw new Error('secret detail')
  })
  await app.ready()
  t.teardown(() => app.close())
  const res = await app.inject({ method: 'GET', url: '/broken' })
  t.equal(res.statusCode, 500)
  t.same(res.json(), { error: 'Internal Server Error', message: 'Something went wrong on our side', statusCode: 500 })
})

t.test('JSON error messages point at the problem without quoting the body', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/skills/faq', headers: JSON_TYPE, payload: '{"userRequest": {"utterance": "내 번호 010-1234-5678"} oops' })
  t.equal(res.statusCode, 400)
  t.match(res.json().message, /^The body is not valid JSON: /)
  t.notMatch(res.json().message, /010-1234-5678|utterance/, 'no piece of the body in the message')
})

t.test('harmless variations of a good request are accepted', async (t) => {
  const app = await build(t)
  const body = JSON.stringify(good)
  for (const [name, headers, payload] of [
    ['charset=utf-8', { 'content-type': 'application/json; charset=utf-8' }, body],
    ['upper-case type', { 'content-type': 'Application/JSON' }, body],
    ['a byte-order mark', JSON_TYPE, `\uFEFF${body}`],
    ['pretty-printed', JSON_TYPE, JSON.stringify(good, null, 2)],
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/skills/faq', headers, payload })
    t.equal(res.statusCode, 200, name)
    t.same(responseErrors(res.json()), [], `${name}: valid reply`)
  }
})

t.test('validation errors outside a skill body name their part of the request', async (t) => {
  const config = loadConfig({ LOG_LEVEL: 'silent' })
  const app = Fastify(fastifyOptions(config, false))
  await app.register(fp(appPlugin), { config })
  app.get('/search', { schema: { querystring: { type: 'object', properties: { limit: { type: 'integer' } } } } }, async () => ({ ok: true }))
  await app.ready()
  t.teardown(() => app.close())
  const res = await app.inject({ method: 'GET', url: '/search?limit=many' })
  t.equal(res.statusCode, 400)
  t.equal(res.json().message, 'Invalid request: querystring.limit must be integer')
})
