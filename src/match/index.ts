// Builds the matcher the skills use: the Korean-aware matcher with the operator's synonym
// dictionary and thresholds.
import type { FaqCorpus } from '../faq/schema.js'
import { KoreanMatcher } from './korean.js'
import type { Thresholds } from './thresholds.js'
import type { Matcher } from './types.js'
import { loadSynonyms } from './synonyms.js'

export interface MatcherOptions {
  synonymsFile?: string
  thresholds?: Partial<Thresholds>
  /** Build cooperatively, yielding at least every sliceMs ms (not yet: today's build is one piece). */
  sliceMs?: number
}

export async function createMatcher(corpus: FaqCorpus, options: MatcherOptions = {}): Promise<KoreanMatcher> {
  const synonyms = await loadSynonyms(options.synonymsFile)
  return new KoreanMatcher(corpus, synonyms, options.thresholds)
}

/** Thrown by snapshotMatcher/restoreMatcher while the matcher has no serialized form. */
export class SnapshotUnsupportedError extends Error {
  override name = 'SnapshotUnsupportedError'
  readonly code = 'ERR_MATCHER_SNAPSHOT_UNSUPPORTED'
}

/** A serialized index for exactly this matcher's corpus and options (not supported yet). */
export async function snapshotMatcher (_m: Matcher): Promise<Uint8Array> {
  throw new SnapshotUnsupportedError('this matcher cannot be saved as an index snapshot yet')
}

/** Rebuild a matcher from snapshotMatcher's bytes; throws on any mismatch (and, for now, always). */
export async function restoreMatcher (_corpus: FaqCorpus, _bytes: Uint8Array, _options?: MatcherOptions): Promise<Matcher> {
  throw new SnapshotUnsupportedError('this matcher cannot be restored from an index snapshot yet')
}

export { KoreanMatcher } from './korean.js'
export { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js'
export type { Matcher, MatchResult, Candidate, Outcome } from './types.js'
