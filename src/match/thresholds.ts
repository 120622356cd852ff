// Outcome thresholds, kept free of imports so config.ts can read the defaults without loading
// the search engine. They are probabilities from the confidence model (model.ts), so they mean
// the same on a 2-entry corpus and a 3,000-entry one. Chosen with `faq-skill eval` on our own
// labelled corpora (docs/matching.md).
export interface Thresholds {
  /** Minimum probability that the top entry is right, for an answer. */
  answerMin: number
  /** Minimum lead of the answer's probability over the best different entry's. */
  marginMin: number
  /** Minimum probability for an entry to be offered as a choice. */
  choicesMin: number
  /** Minimum matched terms (question or category) for an answer; 1 lets a one-word question through. */
  minTerms: number
}

export const DEFAULT_THRESHOLDS: Thresholds = { answerMin: 0.62, marginMin: 0.1, choicesMin: 0.5, minTerms: 0 }
