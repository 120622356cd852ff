// Loading the corpus: both shapes are accepted, an invalid file is refused with a message naming
// the file, the entry and the field, and the server refuses to start on it.
import t, { type Test } from 'tap'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { loadCorpusFile, parseCorpus, CorpusError } from '../src/faq/load.js'
import { build, payload } from './helpers.js'

function file (t: Test, name: string, content: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'faq-load-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

const entry = { id: 'faq-1', category: ['앱'], question: '앱은 무료인가요?', answer: '네, 무료입니다.' }

t.test('a bare array of entries loads, with the optional arrays defaulted', async (t) => {
  const { corpus, version } = await loadCorpusFile(file(t, 'bare.json', [entry]))
  t.same(corpus, { version: 1, entries: [{ ...entry, alternates: [], platforms: [], links: [] }] })
  t.match(version, /^[0-9a-f]{12}$/)
})

t.test('the server answers from a bare-array corpus', async (t) => {
  const app = await build(t, { FAQ_FILE: file(t, 'bare.json', [entry]) })
  const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('앱은 무료인가요?') })
  t.equal(res.json().data.outcome, 'answer')
  t.equal(res.json().data.question, '앱은 무료인가요?')
})

t.test('invalid corpora are refused naming file, entry and field', async (t) => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['not JSON', '{"version": 1, "entries": [', /^x\.json: not valid JSON/],
    ['wrong version', { version: 2, entries: [] }, /^x\.json: "version" must be 1 \(got 2\)/],
    ['empty answer', [entry, { ...entry, id: 'faq-2', answer: '  ' }], /^x\.json: entry 1 \(id "faq-2"\): field "answer" must not be empty/],
    ['missing question', [{ id: 'a', category: [], answer: 'x' }], /^x\.json: entry 0 \(id "a"\): field "question" is missing/],
    ['duplicate id', [entry, { ...entry, question: '다른 질문' }], /^x\.json: entry 1 \(id "faq-1"\): field "id" duplicates entry 0/],
    ['bad link', [{ ...entry, links: [{ label: '안내', url: 'ftp://x' }] }], /^x\.json: entry 0 \(id "faq-1"\): field "links\.0\.url" is not an http\(s\) URL: "ftp:\/\/x"/],
    ['unknown field', [{ ...entry, answr: '오타' }], /^x\.json: entry 0 \(id "faq-1"\): field "answr"/],
  ]
  for (const [name, content, message] of cases) {
    t.throws(() => parseCorpus(typeof content === 'string' ? content : JSON.stringify(content), 'x.json'), { name: 'CorpusError', message }, name)
  }
})

t.test('the server refuses to start on an invalid corpus', async (t) => {
  const bad = file(t, 'bad.json', { version: 1, entries: [entry, { ...entry, id: 'faq-2', question: '' }] })
  await t.rejects(build(t, { FAQ_FILE: bad }), new CorpusError(`${bad}: entry 1 (id "faq-2"): field "question" must not be empty`))
  await t.rejects(build(t, { FAQ_FILE: join(tmpdir(), 'no-such-corpus.json') }), { message: /no-such-corpus\.json: cannot read corpus file/ })
})
