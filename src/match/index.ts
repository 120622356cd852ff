// Builds the matcher the skills use, restores one from a snapshot, and refits its confidence model.
import type { FaqCorpus } from '../faq/schema.js'
import { dataPath } from '../paths.js'
import { koreanHelpers } from './korean-helpers.js'
import { FaqMatcher, createIndex } from './matcher.js'
import { loadModel, type ConfidenceModel } from './model.js'
import { decodeSnapshot, encodeSnapshot, fingerprint } from './snapshot.js'
import { buildStore, indexTerms, type CorpusStore, type IndexedTerms } from './store.js'
import { exportPostings, fillPostings, importPostings, type Postings } from './postings.js'
import type { Index } from 'flexsearch'
import { Expansions, loadLexicon, loadOperatorLexicon, mergeLexicons, type Lexicon } from './lexicon.js'
import { Synonyms } from './synonyms.js'
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js'
import type { Matcher } from './types.js'
import { normalize } from './text.js'

export interface MatcherOptions {
  synonymsFile?: string
  thresholds?: Partial<Thresholds>
  /** Confidence model weights (default data/match-model.json). */
  modelFile?: string
  /** Build cooperatively: yield to the event loop at least every sliceMs ms (reloads never stall). */
  sliceMs?: number
}

export const DEFAULT_MODEL_FILE = dataPath('match-model.json')

interface Setup {
  /** The operator's synonyms merged over the shipped lexicon's equivalences. */
  synonyms: Synonyms
  /** The shipped lexicon with the operator's file's sections added (mergeLexicons). */
  lexicon: Lexicon
  model: ConfidenceModel
  thresholds: Thresholds
  pause: () => Promise<void> | undefined
}

async function setup (options: MatcherOptions): Promise<Setup> {
  const [operator, shipped, model] = await Promise.all([loadOperatorLexicon(options.synonymsFile), loadLexicon(), loadModel(options.modelFile ?? DEFAULT_MODEL_FILE)])
  const lexicon = mergeLexicons(operator, shipped)
  const synonyms = new Synonyms(lexicon.synonyms)
  return { synonyms, lexicon, model, thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds }, pause: pacer(options.sliceMs) }
}

/** A pause that yields to the event loop once `sliceMs` has passed since the last yield (none without sliceMs). */
export function pacer (sliceMs: number | undefined): () => Promise<void> | undefined {
  if (sliceMs === undefined) return () => undefined
  let since = performance.now()
  return () => {
    if (performance.now() - since < sliceMs) return undefined
    return new Promise<void>((resolve) => setImmediate(() => {
      since = performance.now()
      resolve()
    }))
  }
}

/** Each matcher's FlexSearch indexes and term ids, for its snapshot. */
const built = new WeakMap<FaqMatcher, { aboutIndex: Index, answerIndex: Index, termIds: Map<string, number> }>()

/** FlexSearch's indexes: from saved postings (a restore), else from what indexTerms chose to index. */
async function flexIndexes (store: CorpusStore, from: { indexed: IndexedTerms } | { postings: { about: Postings, answer: Postings } }, s: Setup) {
  const aboutIndex = createIndex()
  const answerIndex = createIndex()
  if ('postings' in from) {
    await importPostings(aboutIndex, from.postings.about, store.terms, s.pause)
    await importPostings(answerIndex, from.postings.answer, store.terms, s.pause)
    return { aboutIndex, answerIndex }
  }
  // The same lists as adding every entry's terms (addTerms) one entry at a time, built directly.
  const { indexed } = from
  await fillPostings(aboutIndex, indexed.aboutStart, indexed.about, store.terms, s.pause)
  await fillPostings(answerIndex, indexed.answerStart, indexed.answer, store.terms, s.pause)
  return { aboutIndex, answerIndex }
}

async function assemble (corpus: FaqCorpus, store: CorpusStore, from: Parameters<typeof flexIndexes>[1], s: Setup): Promise<FaqMatcher> {
  const { aboutIndex, answerIndex } = await flexIndexes(store, from, s)
  await s.pause()
  const korean = koreanHelpers(store)
  await s.pause()
  const expansions = new Expansions(s.lexicon.oneWay, s.synonyms)
  // The matcher's two lookup maps (100k terms, 100k ids: ~75 ms in one piece on a busy machine),
  // built here a slice at a time; the same maps its constructor would build.
  const termIds = new Map<string, number>()
  for (let i = 0; i < store.terms.length; i++) {
    if ((i & 8191) === 8191) await s.pause()
    termIds.set(store.terms[i]!, i)
  }
  const entryIndex = new Map<string, number>()
  for (let i = 0; i < corpus.entries.length; i++) {
    if ((i & 8191) === 8191) await s.pause()
    const id = corpus.entries[i]!.id
    if (!entryIndex.has(id)) entryIndex.set(id, i)
  }
  const matcher = new FaqMatcher({ corpus, store, aboutIndex, answerIndex, synonyms: s.synonyms, expansions, fillers: new Set(s.lexicon.fillers), services: s.lexicon.services, model: s.model, thresholds: s.thresholds, korean, termIds, entryIndex })
  built.set(matcher, { aboutIndex, answerIndex, termIds })
  return matcher
}

export async function createMatcher (corpus: FaqCorpus, options: MatcherOptions = {}): Promise<FaqMatcher> {
  const s = await setup(options)
  await s.pause()
  const rewrite = (text: string) => s.synonyms.apply(normalize(text)).text
  const store = await buildStore(corpus, rewrite, s.pause)
  return assemble(corpus, store, { indexed: await indexTerms(store, s.pause) }, s)
}

/** Fast cold start: a serialized index for exactly this corpus + options; restore throws on any mismatch. */
export async function snapshotMatcher (m: Matcher): Promise<Uint8Array> {
  const parts = m instanceof FaqMatcher ? built.get(m) : undefined
  if (!(m instanceof FaqMatcher) || !parts) throw new Error('snapshotMatcher: not a matcher built by createMatcher')
  const none = () => undefined
  const postings = { about: await exportPostings(parts.aboutIndex, parts.termIds, none), answer: await exportPostings(parts.answerIndex, parts.termIds, none) }
  return encodeSnapshot(m.store, postings, await fingerprint(m.corpus, m.synonyms, none))
}

/** The matcher may view its arrays in `bytes` (when they are aligned): do not modify them afterwards. */
export async function restoreMatcher (corpus: FaqCorpus, bytes: Uint8Array, options: MatcherOptions = {}): Promise<FaqMatcher> {
  const s = await setup(options)
  // Setup parses the lexicon and merges the synonyms: a slice of its own.
  await s.pause()
  const { store, postings } = await decodeSnapshot(bytes, await fingerprint(corpus, s.synonyms, s.pause), s.pause)
  return assemble(corpus, store, { postings }, s)
}

export { FaqMatcher } from './matcher.js'
export { fitConfidenceModel, type FitSet } from './fit.js'
export { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js'
export type { Matcher, MatchResult, MatchExplanation, Candidate, Outcome } from './types.js'
export type { ConfidenceModel } from './model.js'
