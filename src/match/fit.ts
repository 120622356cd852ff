// Fitting the confidence model on labelled utterances: every considered candidate of every
// utterance is one sample (right entry or not), so the model learns both when the top is right
// and when a runner-up is still plausible. Several corpora go in at once: a model fitted on one
// corpus learns that corpus, not Korean FAQ matching.
import { FEATURES, featureVector, fitLogistic, type ConfidenceModel, type Sample } from './model.js'
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

export function samplesOf (set: FitSet): Sample[] {
  const out: Sample[] = []
  for (const c of set.cases) {
    for (const r of set.matcher.explain(c.utterance).ranked) {
      const right = c.expect.some((k) => r.question.includes(k))
      out.push({ x: featureVector(r.features), y: right ? 1 : 0 })
    }
  }
  return out
}

/**
 * Fits the model on the sets. Each set weighs the same whatever its size (its samples are
 * repeated up to the largest set's count), so one big corpus does not decide the weights alone.
 */
export function fitConfidenceModel (sets: FitSet[], options: FitOptions = {}): ConfidenceModel {
  if (!sets.length) throw new Error('fitConfidenceModel: no labelled sets')
  const per = sets.map(samplesOf)
  const largest = Math.max(...per.map((s) => s.length))
  const samples: Sample[] = []
  for (const s of per) {
    if (!s.length) continue
    const times = Math.max(1, Math.round(largest / s.length))
    for (let k = 0; k < times; k++) samples.push(...s)
  }
  if (!samples.some((s) => s.y === 1) || !samples.some((s) => s.y === 0)) {
    throw new Error('fitConfidenceModel: need both right and wrong candidates (are the expect keys substrings of the questions?)')
  }
  const weights = fitLogistic(samples, options.l2 ?? 1)
  const fittedOn = sets.map((s, i) => `${s.name} (${s.cases.length} utterances, ${per[i]!.length} candidates)`).join('; ')
  return { version: 1, features: [...FEATURES], weights, fittedOn }
}
