// Builds the matcher the skills use: the Korean-aware matcher with the operator's synonym
// dictionary and thresholds.
import type { FaqCorpus } from '../faq/schema.js'
import { KoreanMatcher } from './korean.js'
import type { Thresholds } from './thresholds.js'
import { loadSynonyms } from './synonyms.js'

export interface MatcherOptions {
  synonymsFile?: string
  thresholds?: Partial<Thresholds>
}

export async function createMatcher(corpus: FaqCorpus, options: MatcherOptions = {}): Promise<KoreanMatcher> {
  const synonyms = await loadSynonyms(options.synonymsFile)
  return new KoreanMatcher(corpus, synonyms, options.thresholds)
}

export { KoreanMatcher } from './korean.js'
export { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js'
export type { Matcher, MatchResult, Candidate, Outcome } from './types.js'
