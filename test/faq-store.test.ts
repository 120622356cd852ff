// The store's own logic with a fake matcher factory: the prebuilt index is used only when it
// matches the corpus, the options, the format and its checksum; reloads hand the matcher a time
// slice, never stall the event loop while reading, and keep the old snapshot on any failure.
import t, { type Test } from 'tap'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FaqStore, type MatcherFactory } from '../src/faq/store.js'
import { decodeIndex, indexFileFor, writeIndexSnapshot } from '../src/faq/index-snapshot.js'
import type { FaqCorpus } from '../src/faq/schema.js'
import type { Matcher, MatcherOptions } from '../src/match/index.js'

const entry = (id: string) => ({ id, category: ['테스트'], question: `질문 ${id}`, answer: `답변 ${id}입니다.` })

/** A matcher that remembers how it was made. */
interface FakeMatcher extends Matcher {
  madeBy: 'create' | 'restore'
  options: MatcherOptions
}

function fakeFactory (opts: { restoreFails?: boolean, yields?: number } = {}) {
  const calls = { create: 0, restore: 0, snapshot: 0 }
  const make = (corpus: FaqCorpus, madeBy: FakeMatcher['madeBy'], options: MatcherOptions): FakeMatcher => ({
    corpus,
    madeBy,
    options,
    match: () => ({ outcome: 'none', candidates: [], score: 0 }),
    explain: () => {
      throw new Error('not used')
    },
    entry: (id) => corpus.entries.find((e) => e.id === id),
  })
  const factory: MatcherFactory = {
    async create (corpus, options) {
      calls.create++
      // A cooperative build: gives the event loop a turn between slices.
      for (let i = 0; i < (opts.yields ?? 0); i++) await new Promise((resolve) => setImmediate(resolve))
      return make(corpus, 'create', options)
    },
    async snapshot (m) {
      calls.snapshot++
      return Buffer.from(JSON.stringify(m.corpus.entries.map((e) => e.id)))
    },
    async restore (corpus, bytes, options) {
      calls.restore++
      if (opts.restoreFails) throw new Error('matcher format 7, expected 8')
      const ids = JSON.parse(Buffer.from(bytes).toString('utf8')) as string[]
      if (ids.join() !== corpus.entries.map((e) => e.id).join()) throw new Error('ids differ')
      return make(corpus, 'restore', options)
    },
  }
  return { factory, calls }
}

function corpusDir (t: Test, ids = ['a', 'b']) {
  const dir = mkdtempSync(join(tmpdir(), 'faq-store-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'faq.json')
  const synonyms = join(dir, 'synonyms.json')
  writeFileSync(file, JSON.stringify({ version: 1, entries: ids.map(entry) }))
  writeFileSync(synonyms, JSON.stringify({ 비밀번호: ['비번'] }))
  return { dir, file, synonyms }
}

const options = (file: string, synonyms: string, factory: MatcherFactory) => ({
  file,
  matcher: { synonymsFile: synonyms, thresholds: { answerMin: 0.3 } },
  factory,
  sliceMs: 5,
})

t.test('a matching index is restored; a missing one means building', async (t) => {
  const { file, synonyms } = corpusDir(t)
  const { factory, calls } = fakeFactory()
  const without = await FaqStore.open(options(file, synonyms, factory))
  t.same(without.current.index, { restored: false, reason: 'no index file' })
  t.equal((without.current.matcher as FakeMatcher).madeBy, 'create')

  const written = await writeIndexSnapshot(file, { matcher: options(file, synonyms, factory).matcher, factory })
  t.match(written, { written: true, file: indexFileFor(file), entries: 2 })
  const store = await FaqStore.open(options(file, synonyms, factory))
  t.same(store.current.index, { restored: true })
  t.equal((store.current.matcher as FakeMatcher).madeBy, 'restore')
  t.same(calls, { create: 2, snapshot: 1, restore: 1 })
  t.equal(store.current.corpus.entries.length, 2)
})

t.test('a stale or damaged index is never used', async (t) => {
  const { file, synonyms } = corpusDir(t)
  const { factory } = fakeFactory()
  const opts = options(file, synonyms, factory)
  await writeIndexSnapshot(file, { matcher: opts.matcher, factory })
  const good = readFileSync(indexFileFor(file))
  const reasonWith = async (change: () => void, o = opts) => {
    writeFileSync(indexFileFor(file), good)
    change()
    const store = await FaqStore.open(o)
    t.equal((store.current.matcher as FakeMatcher).madeBy, 'create', 'built, not restored')
    return (store.current.index as { reason: string }).reason
  }

  const corpusText = readFileSync(file, 'utf8')
  t.match(await reasonWith(() => writeFileSync(file, JSON.stringify({ version: 1, entries: ['a', 'b', 'c'].map(entry) }))), /^stale: built from another corpus/)
  writeFileSync(file, corpusText)
  // Same entries, same length: only the content hash tells them apart.
  t.match(await reasonWith(() => writeFileSync(file, corpusText.replace('답변 a', '답변 A'))), /^stale: built from another corpus/)
  writeFileSync(file, corpusText)
  t.match(await reasonWith(() => writeFileSync(synonyms, JSON.stringify({ 비밀번호: ['비번', '패스워드'] }))), /^stale: built with other matcher options/)
  writeFileSync(synonyms, JSON.stringify({ 비밀번호: ['비번'] }))
  t.match(await reasonWith(() => {}, { ...opts, matcher: { ...opts.matcher, thresholds: { answerMin: 0.4 } } }), /^stale: built with other matcher options/)

  const flipped = Buffer.from(good)
  flipped.writeUInt8(flipped.readUInt8(flipped.length - 2) ^ 0x01, flipped.length - 2)
  t.match(await reasonWith(() => writeFileSync(indexFileFor(file), flipped)), /^damaged: payload checksum/)
  t.match(await reasonWith(() => writeFileSync(indexFileFor(file), good.subarray(0, good.length - 3))), /^truncated/)
  t.match(await reasonWith(() => writeFileSync(indexFileFor(file), good.subarray(0, 30))), /truncated header|damaged header/)
  t.match(await reasonWith(() => writeFileSync(indexFileFor(file), 'not an index at all, just text')), /^not an index file/)
  const otherFormat = Buffer.from(good)
  const header = otherFormat.indexOf('"format":1')
  otherFormat.write('"format":9', header)
  t.match(await reasonWith(() => writeFileSync(indexFileFor(file), otherFormat)), /^format 9, expected 1/)

  // And the untouched file is used again.
  writeFileSync(indexFileFor(file), good)
  t.same((await FaqStore.open(opts)).current.index, { restored: true })
})

t.test('an index the matcher refuses to restore falls back to building', async (t) => {
  const { file, synonyms } = corpusDir(t)
  await writeIndexSnapshot(file, { matcher: { synonymsFile: synonyms }, factory: fakeFactory().factory })
  const { factory } = fakeFactory({ restoreFails: true })
  const store = await FaqStore.open({ ...options(file, synonyms, factory), matcher: { synonymsFile: synonyms } })
  t.same(store.current.index, { restored: false, reason: 'restore failed: matcher format 7, expected 8' })
  t.equal((store.current.matcher as FakeMatcher).madeBy, 'create')
})

t.test('the real matcher: faq-skill build either saves an index the store restores, or says why and writes nothing', async (t) => {
  const { file, synonyms } = corpusDir(t)
  const matcher = { synonymsFile: synonyms }
  const result = await writeIndexSnapshot(file, { matcher })
  const store = await FaqStore.open({ file, matcher })
  if (result.written) {
    t.same(store.current.index, { restored: true }, 'the saved index is used')
    const built = await FaqStore.open({ file, matcher, indexFile: null })
    t.same(store.current.matcher.match('질문 a'), built.current.matcher.match('질문 a'), 'restored and built answer alike')
  } else {
    // Today's matcher has no serialized form yet.
    t.match(result.reason, /cannot be saved/)
    t.throws(() => readFileSync(indexFileFor(file)), { code: 'ENOENT' })
    t.same(store.current.index, { restored: false, reason: 'no index file' })
  }
})

t.test('decodeIndex refuses an index for another corpus even with a valid checksum', async (t) => {
  const { file, synonyms } = corpusDir(t)
  await writeIndexSnapshot(file, { factory: fakeFactory().factory, matcher: { synonymsFile: synonyms } })
  const check = decodeIndex(readFileSync(indexFileFor(file)), { corpus: '0'.repeat(64), options: 'x' })
  t.same(check, { ok: false, reason: 'stale: built from another corpus file' })
})

t.test('a reload reads off the main thread, builds with sliceMs, and swaps only when done', async (t) => {
  // Enough entries for several chunks of the worker's hand-over.
  const ids = Array.from({ length: 9000 }, (_, i) => `e${i}`)
  const { file, synonyms } = corpusDir(t, ids)
  const { factory } = fakeFactory({ yields: 20 })
  const store = await FaqStore.open(options(file, synonyms, factory))
  const first = store.current
  t.equal((first.matcher as FakeMatcher).options.sliceMs, undefined, 'the first build (nothing served yet) runs in one piece')

  writeFileSync(file, JSON.stringify({ version: 1, entries: [...ids, 'new'].map(entry) }))
  let turns = 0
  let sawOld = 0
  let stop = false
  const spin = () => {
    if (stop) return
    turns++
    if (store.current === first) sawOld++
    setImmediate(spin)
  }
  spin()
  const next = await store.reload()
  stop = true
  t.equal(store.current, next)
  t.equal(next.corpus.entries.length, 9001)
  t.equal((next.matcher as FakeMatcher).options.sliceMs, 5, 'the reload build is told to yield every 5 ms')
  t.ok(turns >= 20, `the event loop kept turning during the reload (${turns} turns)`)
  t.ok(sawOld >= turns - 1, 'requests meanwhile saw the old snapshot')

  // A corrupt file: the reload fails in the worker and the snapshot stays.
  writeFileSync(file, '{"version": 1, "entries": [')
  await t.rejects(store.reload(), { name: 'CorpusError', message: /not valid JSON/ })
  t.equal(store.current, next)
  writeFileSync(file, JSON.stringify({ version: 1, entries: [{ id: 'x', category: [], question: '답이 없는 질문' }] }))
  await t.rejects(store.reload(), /field "answer" is missing/)
  t.equal(store.current, next)
})

t.test('faq-skill build: exit 0 with the index beside the corpus, or 1 saying why', async (t) => {
  const { file } = corpusDir(t)
  const { run } = await import('../src/cli/build.js')
  const errors: string[] = []
  const error = console.error
  console.error = (...a: unknown[]) => void errors.push(a.join(' '))
  t.teardown(() => {
    console.error = error
  })
  const code = await run([file])
  t.equal(code, existsSync(indexFileFor(file)) ? 0 : 1)
  t.match(errors.join('\n'), code === 0 ? /index .* → / : /no index written/)
  t.equal(await run(['--help']), 0)
})
