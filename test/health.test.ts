import t from 'tap'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataPath } from '../src/paths.js'
import { build } from './helpers.js'

t.test('GET /health: liveness', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/health' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  const body = res.json()
  t.equal(body.status, 'ok')
  t.type(body.uptimeSec, 'number')
  const head = await app.inject({ method: 'HEAD', url: '/health' })
  t.equal(head.statusCode, 200, 'HEAD works too (some probes use it)')
})

t.test('GET /ready: the serving corpus with its entry count and version', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  const bundled = JSON.parse(readFileSync(dataPath('faq.json'), 'utf8')) as { entries: unknown[] }
  t.equal(body.status, 'ready')
  t.equal(body.entries, bundled.entries.length, 'entry count of data/faq.json')
  t.match(body.version, /^[0-9a-f]{12}$/)
  t.ok(!Number.isNaN(Date.parse(body.loadedAt)), 'loadedAt is a date')
})

t.test('/ready reflects FAQ_FILE', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faq-ready-'))
  const file = join(dir, 'faq.json')
  const entry = (id: string) => ({ id, category: ['테스트'], question: `질문 ${id}`, answer: `답변 ${id}입니다.` })
  writeFileSync(file, JSON.stringify({ version: 1, entries: [entry('a'), entry('b')] }))
  const app = await build(t, { FAQ_FILE: file })
  const body = (await app.inject({ method: 'GET', url: '/ready' })).json()
  t.equal(body.entries, 2)
})

t.test('/ready answers 503 once draining; every reply then closes its connection', async (t) => {
  const app = await build(t)
  const before = await app.inject({ method: 'GET', url: '/health' })
  t.not(before.headers.connection, 'close')
  app.startDraining()
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 503)
  t.same(ready.json(), { status: 'draining' })
  const health = await app.inject({ method: 'GET', url: '/health' })
  t.equal(health.statusCode, 200, 'liveness is unaffected')
  t.equal(health.headers.connection, 'close')
})
