// Builds the matcher the skills use. The Korean-aware matcher replaces the exact lookup here.
import type { FaqCorpus } from '../faq/schema.js'
import { ExactMatcher } from './exact.js'
import type { Matcher } from './types.js'

export interface MatcherOptions {
  synonymsFile?: string
}

export async function createMatcher(corpus: FaqCorpus, _options: MatcherOptions = {}): Promise<Matcher> {
  return new ExactMatcher(corpus)
}

export type { Matcher, MatchResult, Candidate, Outcome } from './types.js'
