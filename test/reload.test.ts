import t, { type Test } from 'tap'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataPath } from '../src/paths.js'
import { loadConfig } from '../src/config.js'
import { FaqStore } from '../src/plugins/faq-store.js'
import { payload, responseErrors } from './helpers.js'
import { startServer } from './server-process.js'

const NEW_Q = '리로드 테스트 전용 질문은 무엇인가요?'
const newEntry = { id: 'reload-test', category: ['테스트'], question: NEW_Q, answer: '리로드 후에 새 항목이 바로 답변됩니다.' }

function tempCorpus (t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'faq-reload-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'faq.json')
  const original = JSON.parse(readFileSync(dataPath('faq.json'), 'utf8')) as { version: 1; entries: unknown[] }
  writeFileSync(file, JSON.stringify(original))
  return { file, original }
}

async function ask (url: string, utterance: string) {
  const res = await fetch(`${url}/skills/faq`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload(utterance)) })
  const body = (await res.json()) as { data: { outcome: string; faqId?: string } }
  return { status: res.status, body }
}
const ready = async (url: string) => (await (await fetch(`${url}/ready`)).json()) as { entries: number; version: string }

t.test('SIGHUP reloads FAQ_FILE; a corrupt or invalid file keeps the old corpus serving', async (t) => {
  const { file, original } = tempCorpus(t)
  const server = await startServer({ FAQ_FILE: file })
  t.teardown(() => server.stop())

  const before = await ready(server.url)
  t.equal(before.entries, original.entries.length)
  t.equal((await ask(server.url, NEW_Q)).body.data.outcome, 'none', 'the new question is unknown at first')

  // Add an entry and reload.
  writeFileSync(file, JSON.stringify({ version: 1, entries: [...original.entries, newEntry] }))
  let mark = server.logs.length
  server.child.kill('SIGHUP')
  const reloaded = await server.waitForLog('corpus reloaded', mark)
  t.equal(reloaded.entries, original.entries.length + 1)
  const afterAdd = await ready(server.url)
  t.equal(afterAdd.entries, original.entries.length + 1)
  t.not(afterAdd.version, before.version, 'the version changes with the content')
  const answered = await ask(server.url, NEW_Q)
  t.equal(answered.status, 200)
  t.same(responseErrors(answered.body), [])
  t.equal(answered.body.data.outcome, 'answer')
  t.equal(answered.body.data.faqId, 'reload-test')

  // Corrupt JSON, then a well-formed file with an invalid entry: both refused, old corpus kept.
  for (const [what, text] of [
    ['corrupt JSON', '{"version": 1, "entries": [ {"id": "x", '],
    ['invalid entry', JSON.stringify({ version: 1, entries: [{ id: 'no-answer', category: [], question: '답이 없는 질문' }] })],
  ] as const) {
    writeFileSync(file, text)
    mark = server.logs.length
    server.child.kill('SIGHUP')
    const failed = await server.waitForLog('reload failed; still serving the previous corpus', mark)
    t.ok(failed.err, `${what}: the error is logged`)
    t.same(await ready(server.url), afterAdd, `${what}: /ready is unchanged`)
    const still = await ask(server.url, NEW_Q)
    t.equal(still.status, 200)
    t.equal(still.body.data.faqId, 'reload-test', `${what}: the previous corpus still answers`)
  }

  // A missing file is the same kind of failure.
  rmSync(file)
  mark = server.logs.length
  server.child.kill('SIGHUP')
  await server.waitForLog('reload failed; still serving the previous corpus', mark)
  t.equal((await ready(server.url)).version, afterAdd.version)

  t.equal(server.child.exitCode, null, 'the process is still up')
})

t.test('reloads coalesce: calls during a running reload share one follow-up build', async (t) => {
  const { file, original } = tempCorpus(t)
  const store = await FaqStore.open(loadConfig({ FAQ_FILE: file }))
  const first = store.reload()
  writeFileSync(file, JSON.stringify({ version: 1, entries: [...original.entries, newEntry] }))
  const burst = [store.reload(), store.reload(), store.reload(), store.reload()]
  t.ok(burst.every((p) => p === burst[0]), 'the burst shares one promise')
  t.not(burst[0], first)
  const [a, b] = await Promise.all([first, burst[0]!])
  t.ok(b.corpus.entries.length >= a.corpus.entries.length)
  t.equal(store.current, b, 'the follow-up build, which saw the last write, is serving')
  t.equal(store.current.corpus.entries.length, original.entries.length + 1)

  // A failed reload keeps the snapshot, and the next reload works again.
  writeFileSync(file, 'not json')
  await t.rejects(store.reload(), /not valid JSON/)
  t.equal(store.current, b)
  writeFileSync(file, JSON.stringify(original))
  t.equal((await store.reload()).corpus.entries.length, original.entries.length)
})

t.test('a store built from a matcher cannot reload and keeps serving', async (t) => {
  const { file } = tempCorpus(t)
  const opened = await FaqStore.open(loadConfig({ FAQ_FILE: file }))
  const store = FaqStore.fromMatcher(opened.current.matcher)
  const snap = store.current
  await t.rejects(store.reload(), /cannot be reloaded/)
  t.equal(store.current, snap)
})
