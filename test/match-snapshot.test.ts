// The snapshot path at a size where the build's chunked pools, the saved FlexSearch postings and the
// cooperative restore all do real work: a restored matcher is the same matcher, byte for byte.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { createMatcher, restoreMatcher, snapshotMatcher } from '../src/match/index.js'
import type { FaqCorpus, FaqEntry } from '../src/faq/schema.js'
import { normalize } from '../src/match/text.js'
import { addTerms, createIndex } from '../src/match/matcher.js'
import { exportPostings, fillPostings } from '../src/match/postings.js'
import { buildStore, indexTerms } from '../src/match/store.js'
import { loadSynonyms } from '../src/match/synonyms.js'
import { projectRoot } from '../src/paths.js'

const base = JSON.parse(readFileSync(join(projectRoot, 'test', 'data', 'match-corpus.json'), 'utf8')) as FaqCorpus
const synonymsFile = join(projectRoot, 'data', 'synonyms.json')
// The small corpus repeated with numbered ids and words: a few thousand entries, over 64k terms per
// answer pool, so pools span several chunks.
const entries: FaqEntry[] = []
for (let r = 0; r < 120; r++) for (const e of base.entries) entries.push({ ...e, id: `${e.id}-${r}`, question: `${e.question} ${r}번`, answer: `${e.answer} 안내${r}` })
const corpus: FaqCorpus = { version: 1, entries }

t.test('a restored matcher snapshots to the same bytes and answers the same', async (t) => {
  const built = await createMatcher(corpus, { synonymsFile })
  const bytes = await snapshotMatcher(built)
  const restored = await restoreMatcher(corpus, bytes, { synonymsFile, sliceMs: 1 })
  t.ok(Buffer.from(await snapshotMatcher(restored)).equals(Buffer.from(bytes)), 'same terms, store arrays and FlexSearch postings')
  const sliced = await createMatcher(corpus, { synonymsFile, sliceMs: 0 })
  t.ok(Buffer.from(await snapshotMatcher(sliced)).equals(Buffer.from(bytes)), 'a cooperative build makes the same store')
  const utterances = ['카톡 비번 까먹었어요', '오픈채팅 3번', '안내7', '오늘 날씨', ...base.entries.map((e) => e.question)]
  t.ok(utterances.every((u) => isDeepStrictEqual(restored.explain(u), built.explain(u))), 'explain() agrees on every utterance')
})

t.test('term counts over 65535 keep Float32 frequencies, and such a store snapshots and restores too', async (t) => {
  const huge: FaqCorpus = { version: 1, entries: [...base.entries.slice(0, 3), { ...base.entries[3]!, id: 'huge', answer: '배포 '.repeat(70_000) }] }
  const built = await createMatcher(huge, { synonymsFile })
  t.ok(built.store.answers.tf instanceof Float32Array, 'a count that does not fit Uint16')
  t.ok(built.store.variants.tf instanceof Uint16Array, 'the other fields still fit')
  const bytes = await snapshotMatcher(built)
  const restored = await restoreMatcher(huge, bytes, { synonymsFile })
  t.ok(Buffer.from(await snapshotMatcher(restored)).equals(Buffer.from(bytes)))
  for (const u of ['배포', '배포 방법', base.entries[0]!.question]) t.same(restored.explain(u), built.explain(u), u)
})

t.test('fillPostings builds the index adding every entry one by one would', async (t) => {
  const synonyms = await loadSynonyms(synonymsFile)
  const none = () => undefined
  const store = await buildStore(corpus, (text) => synonyms.apply(normalize(text)).text, none)
  const indexed = await indexTerms(store, none)
  const termIds = new Map(store.terms.map((term, id) => [term, id]))
  for (const [start, ids] of [[indexed.aboutStart, indexed.about], [indexed.answerStart, indexed.answer]] as const) {
    const added = createIndex()
    for (let i = 0; i + 1 < start.length; i++) addTerms(added, i, Array.from(ids.subarray(start[i], start[i + 1]), (id) => store.terms[id]!))
    const filled = createIndex()
    await fillPostings(filled, start, ids, store.terms, none)
    t.same(await exportPostings(filled, termIds, none), await exportPostings(added, termIds, none), 'same terms, lists and ids, in the same order')
    const internals = (index: unknown) => index as { map: Map<string, unknown>, reg: Set<number> }
    t.same([...internals(filled).map.keys()], [...internals(added).map.keys()], 'terms in the order they first appear')
    t.same([...internals(filled).reg], [...internals(added).reg], 'the same register')
  }
})

t.test('normalize: the ASCII + syllable fast path folds, lowercases and collapses like the general path', async (t) => {
  // Each pair: text on the fast path, and the same with a character that sends it the general way.
  const pairs: Array<[string, string]> = [['  PC버전  Login!! 안돼요 ', '  PC버전  Login!! 안돼요 \u3000'], ['패널티 잔존률?', '패널티 잔존률？'], ['A-B_c 123', 'A-B_c 123 —']]
  for (const [fast, general] of pairs) {
    t.equal(normalize(fast), normalize(general), fast)
  }
  t.equal(normalize('  Hello, 카카오톡!  돼요 '), `hello 카카오톡 ${normalize('되요')}`, 'lowercased, punctuation folded, trimmed, 돼/되 alike')
  t.equal(normalize('1:1 문의'), normalize('1대1 문의'), 'a colon between digits still takes the general path')
  t.equal(normalize('...'), '')
})
