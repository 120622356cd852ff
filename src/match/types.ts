// The contract between matching and the skills. Matchers are immutable once built: reload
// builds a new one off to the side and swaps it in.
import type { FaqCorpus, FaqEntry } from '../faq/schema.js'

export type Outcome = 'answer' | 'choices' | 'none'

export interface Candidate {
  faqId: string
  question: string
  /** Confidence in 0..1 (same input, same score). */
  score: number
  /** Query terms (bigrams, whole Latin words) this entry matched, for explanations. */
  matched?: string[]
}

export interface MatchResult {
  outcome: Outcome
  /** Ranked best first; for "answer" the first one is the answer. */
  candidates: Candidate[]
  /** Free-form explanation for `faq-skill ask` and the playground. */
  explain?: Record<string, unknown>
}

export interface Matcher {
  readonly corpus: FaqCorpus
  match(utterance: string): MatchResult
  entry(faqId: string): FaqEntry | undefined
}
