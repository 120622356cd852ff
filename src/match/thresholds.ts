// Outcome thresholds, kept free of imports so config.ts can read the defaults without loading
// the search engine. Defaults tuned with `faq-skill eval` on data/eval/*.jsonl (docs/matching.md).
export interface Thresholds {
  /** Minimum confidence for a confident answer. */
  answerMin: number
  /** Minimum lead of the answer over the best candidate that is not a near-duplicate of it. */
  marginMin: number
  /** Minimum confidence to offer a candidate as a choice. */
  choicesMin: number
  /** Minimum matched evidence (bigrams; a whole Latin word of 3+ letters counts 2) for an answer. */
  minTerms: number
}

export const DEFAULT_THRESHOLDS: Thresholds = { answerMin: 0.25, marginMin: 0.05, choicesMin: 0.2, minTerms: 2 }
