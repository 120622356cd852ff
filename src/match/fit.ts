// Fitting the confidence model on labelled utterances: each utterance is one sample, its
// considered candidates with the ones that are right (none for an out-of-domain line, or when the
// right entry was not among them), so the model learns when the top is right, when a runner-up is
// still plausible and when none of them is. Several corpora go in at once: a model fitted on one
// corpus learns that corpus, not Korean FAQ matching.
import { FEATURES, featureVector, fitListwise, type Choice, type ConfidenceModel } from './model.js'
import type { Matcher } from './types.js'

export interface FitCase {
  utterance: string
  /** Substrings of acceptable FAQ questions; empty = out of domain. */
  expect: string[]
}

export interface FitSet {
  /** For `fittedOn` (a file name, a corpus name). */
  name: string
  matcher: Matcher
  cases: FitCase[]
}

export interface FitOptions {
  /** L2 penalty (default 1): more keeps the weights small when there are few utterances. */
  l2?: number
}

export function choicesOf (set: FitSet): Choice[] {
  const out: Choice[] = []
  // The corpus's own size, not the one the matcher's current model holds it at (maxEntries):
  // refitted on a bigger corpus, the model learns from its real size.
  const size = Math.log1p(set.matcher.corpus.entries.length)
  for (const c of set.cases) {
    const ranked = set.matcher.explain(c.utterance).ranked
    // No candidate: every model gives "none" probability 1; nothing to learn.
    if (!ranked.length) continue
    const right = ranked.map((r) => c.expect.some((k) => r.question.includes(k)))
    out.push({ xs: ranked.map((r) => featureVector({ ...r.features, size })), right, weight: 1 })
  }
  return out
}

/**
 * Fits the model on the sets. Each set weighs the same whatever its size (its utterances weigh
 * 1 / its count), so one big corpus does not decide the weights alone.
 */
export function fitConfidenceModel (sets: FitSet[], options: FitOptions = {}): ConfidenceModel {
  if (!sets.length) throw new Error('fitConfidenceModel: no labelled sets')
  const per = sets.map(choicesOf)
  const choices: Choice[] = []
  for (const s of per) for (const c of s) choices.push({ ...c, weight: 1 / s.length })
  if (!choices.some((c) => c.right.some(Boolean)) || !choices.some((c) => c.right.some((r) => !r))) {
    throw new Error('fitConfidenceModel: need both right and wrong candidates (are the expect keys substrings of the questions?)')
  }
  // Utterances weigh 1 / their set's count: the penalty is scaled the same way, so l2 = 1 weighs
  // like one utterance, as it did when every sample weighed 1.
  const weights = fitListwise(choices, (options.l2 ?? 1) * sets.length / choices.length)
  const fittedOn = sets.map((s, i) => `${s.name} (${s.cases.length} utterances, ${per[i]!.length} with candidates)`).join('; ')
  const maxEntries = Math.max(1, ...sets.map((s) => s.matcher.corpus.entries.length))
  return { version: 2, features: [...FEATURES], weights, fittedOn, maxEntries }
}
