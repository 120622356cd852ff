// The contract between matching and the skills. Matchers are immutable once built: reload
// builds a new one off to the side and swaps it in.
import type { FaqCorpus, FaqEntry } from '../faq/schema.js'
import type { Features } from './model.js'
import type { Applied } from './synonyms.js'
import type { Thresholds } from './thresholds.js'

export type Outcome = 'answer' | 'choices' | 'none'

export interface Candidate {
  faqId: string
  question: string
  /** Estimated probability (0..1) that this entry is the right answer (same input, same score). */
  score: number
  /** Query terms this entry matched, for explanations. */
  matched?: string[]
}

export interface MatchResult {
  outcome: Outcome
  /** Best first. For 'answer' the first is the answer. For 'choices' the plausible entries (1..5, never
   *  padding: `offered` of them), then the next-ranked ones up to three in all, for logs and evaluation
   *  only. For 'none' it may be empty (or hold the nearest candidates for logs; not shown to users). */
  candidates: Candidate[]
  /** For 'choices': how many of the first candidates are plausible enough to offer. */
  offered?: number
  /** Estimated probability (0..1) that candidates[0] is the right answer. */
  score: number
}

/** One ranked candidate with what the confidence model saw. */
export interface ExplainedCandidate extends Candidate {
  /** BM25F relevance (after the platform preference). */
  relevance: number
  matched: string[]
  features: Features
}

/** The decision trail of one utterance: what `faq-skill ask` and the playground show. */
export interface MatchExplanation extends MatchResult {
  normalized: string
  /** After synonyms, lexicon and Korean typed on an English keyboard. */
  rewritten: string
  synonyms: Applied[]
  /** Latin tokens read as Hangul typed on an English keyboard (dhvmscoxld → 오픈채팅). */
  keyboard: Applied[]
  /** Help-centre terms the lexicon's one-way entries added for the customer's words (까먹 → 찾기). */
  expansions: string[]
  /** Query terms with their weight, IDF and, for typo-corrected ones, what they were read as. */
  terms: Array<{ term: string; weight: number; idf: number; seen: boolean; typoOf?: string }>
  platforms: string[]
  /** The considered candidates, best first, with features and probability. */
  ranked: ExplainedCandidate[]
  thresholds: Thresholds
  reason: string
}

export interface Matcher {
  readonly corpus: FaqCorpus
  /** The lean hot path. */
  match(utterance: string, thresholds?: Partial<Thresholds>): MatchResult
  /** `match` plus features and trail. */
  explain(utterance: string, thresholds?: Partial<Thresholds>): MatchExplanation
  entry(faqId: string): FaqEntry | undefined
}
