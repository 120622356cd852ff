// One log line per request; for skills: skill, outcome, latency and a salted hash of the
// botUserKey, never the key itself, and utterances with personal data masked.
import t, { type Test } from 'tap'
import { Writable } from 'node:stream'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { hashUserKey } from '../src/privacy.js'
import { payload } from './helpers.js'

const USER_KEY = 'c0ffee00deadbeef1234567890abcdef1234567890abcdef1234567890abcdef12'

async function logged (t: Test, env: Record<string, string> = {}) {
  const raw: string[] = []
  const stream = new Writable({
    write (chunk, _enc, cb) {
      raw.push(String(chunk))
      cb()
    },
  })
  const config = loadConfig({ LOG_LEVEL: 'info', ...env })
  const app = await buildApp({ config }, { level: 'info', stream })
  t.teardown(() => app.close())
  const lines = () =>
    raw
      .join('')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, any>)
  return { app, raw, lines, config }
}

t.test('exactly one "skill reply" line per skill request, with skill, outcome, latency and a user hash', async (t) => {
  const { app, raw, lines, config } = await logged(t)
  const asks = ['배포란 무엇인가요?', '전혀 상관없는 질문', '']
  for (const u of asks) {
    const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: payload(u, { userId: USER_KEY }) })
    t.equal(res.statusCode, 200)
  }
  const replies = lines().filter((l) => l.msg === 'skill reply')
  t.equal(replies.length, asks.length, 'one line per request')
  for (const l of replies) {
    t.equal(l.skill, 'faq')
    t.ok(['answer', 'choices', 'none', 'empty'].includes(l.outcome), `outcome ${l.outcome}`)
    t.type(l.latencyMs, 'number')
    t.ok(l.latencyMs >= 0)
    t.match(l.user, /^[0-9a-f]{16}$/, 'user is a 16-hex hash')
    t.equal(l.user, hashUserKey(USER_KEY, config.LOG_SALT))
    t.equal(l.status, 200)
    t.equal(l.url, '/skills/faq')
    t.type(l.reqId, 'string')
  }
  t.match(replies[0], { outcome: 'answer', faqId: 'faq-963be53d', utterance: '배포란 무엇인가요?' })
  t.ok(replies[0]!.score > 0.9, 'the exact question is answered with a high probability')
  t.notOk(raw.join('').includes(USER_KEY), 'the raw botUserKey appears nowhere in the output')
  t.notOk(raw.join('').includes(USER_KEY.slice(0, 24)), 'not even a piece of it')
  t.equal(lines().filter((l) => l.msg === 'incoming request' || l.msg === 'request completed').length, 0, "Fastify's own request lines are off")
})

t.test('the hash depends on LOG_SALT, so logs of two deployments cannot be joined', async (t) => {
  t.not(hashUserKey(USER_KEY, 'a'), hashUserKey(USER_KEY, 'b'))
  t.equal(hashUserKey(USER_KEY, 'a'), hashUserKey(USER_KEY, 'a'))
  t.equal(hashUserKey(undefined, 'a'), undefined)
  const { app, lines } = await logged(t, { LOG_SALT: 'other-salt' })
  await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('배포', { userId: USER_KEY }) })
  t.equal(lines().find((l) => l.msg === 'skill reply')?.user, hashUserKey(USER_KEY, 'other-salt'))
})

t.test('phone numbers, e-mails and resident registration numbers are masked in the logged utterance', async (t) => {
  const { app, raw, lines } = await logged(t)
  const secrets = ['010-1234-5678', '01012345678', '+82 10 1234 5678', '02-123-4567', 'hong.gildong@example.com', '900101-1234567']
  const utterance = `제 연락처 ${secrets[0]}, ${secrets[1]}, ${secrets[2]}, 회사 ${secrets[3]}, 메일 ${secrets[4]}, 주민번호 ${secrets[5]} 입니다. 2024-01-01에 가입했어요.`
  await app.inject({ method: 'POST', url: '/skills/faq', payload: payload(utterance, { userId: USER_KEY }) })
  const line = lines().find((l) => l.msg === 'skill reply')
  t.equal(
    line?.utterance,
    '제 연락처 [phone], [phone], [phone], 회사 [phone], 메일 [email], 주민번호 [rrn] 입니다. 2024-01-01에 가입했어요.'
  )
  for (const s of secrets) t.notOk(raw.join('').includes(s), `${s} is nowhere in the log`)
})

t.test('a long utterance is shortened in the log', async (t) => {
  const { app, lines } = await logged(t)
  await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('가'.repeat(1000)) })
  const u = lines().find((l) => l.msg === 'skill reply')?.utterance as string
  t.ok(Array.from(u).length <= 201, `${Array.from(u).length} characters`)
})

t.test('a malformed request is one "request" line without body content; /health stays at debug', async (t) => {
  const { app, raw, lines } = await logged(t)
  await app.inject({ method: 'POST', url: '/skills/faq', headers: { 'content-type': 'application/json' }, payload: `{"userRequest": {"utterance": "010-9999-8888", "user": {"id": "${USER_KEY}"` })
  await app.inject({ method: 'GET', url: '/health' })
  const requests = lines().filter((l) => l.msg === 'request')
  t.equal(requests.length, 1, 'the health probe is not logged at info')
  t.match(requests[0], { method: 'POST', url: '/skills/faq', status: 400 })
  t.equal(lines().filter((l) => l.msg === 'skill reply').length, 0)
  t.notOk(raw.join('').includes(USER_KEY), 'no user key from a broken body')
  t.notOk(raw.join('').includes('010-9999-8888'), 'no utterance from a broken body')
})

t.test('a secret header sent with a request never reaches the log', async (t) => {
  const { app, raw } = await logged(t, { SKILL_AUTH_TOKEN: 's3cret-token-value' })
  await app.inject({
    method: 'POST',
    url: '/skills/faq',
    headers: { 'x-skill-token': 's3cret-token-value', authorization: 'Bearer s3cret-token-value' },
    payload: payload('배포'),
  })
  t.ok(raw.join('').length > 0, 'something was logged')
  t.notOk(raw.join('').includes('s3cret'))
})

t.test('buildApp also takes a ready pino instance', async (t) => {
  const { pino } = await import('pino')
  const raw: string[] = []
  const stream = new Writable({
    write (chunk, _enc, cb) {
      raw.push(String(chunk))
      cb()
    },
  })
  const app = await buildApp({ config: loadConfig({}) }, pino({ level: 'info' }, stream))
  t.teardown(() => app.close())
  await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('배포', { userId: USER_KEY }) })
  t.match(raw.join(''), /"msg":"skill reply"/)
  t.notOk(raw.join('').includes(USER_KEY))
})
