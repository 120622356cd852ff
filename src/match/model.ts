// The confidence model: a logistic regression over a few corpus-size-free features of a candidate
// gives the probability that the candidate is the right answer. The same model rates the top
// (its probability is the reply's `score`) and every runner-up (only plausible ones are offered).
// Weights are fitted with `fitConfidenceModel` on labelled utterances of several corpora and
// committed in data/match-model.json; `faq-skill eval --fit` refits on an operator's own lines.
import { readFile } from 'node:fs/promises'

/** Feature names, in the order of the weight vector (after the bias). */
export const FEATURES = [
  /** BM25F relevance as a share of what the utterance could score at most (idf-weighted coverage). */
  'relevance',
  /** Share of the utterance's term weight found in the entry's question, alternates or category. */
  'coverage',
  /** Share found only in the answer. */
  'answerOnly',
  /** Share of the best question variant's term weight the utterance contains. */
  'backward',
  /** Lead over the best other (non-duplicate) candidate, in the units of `relevance` (-1..1). */
  'gap',
  /** Share of the utterance's term weight the corpus has never seen (off-topic words). */
  'unseen',
  /** log(1 + the utterance's term weight): how much was said. */
  'length',
  /** coverage × backward: both sides explain each other. */
  'mutual',
  /** +1 the entry is for the platform the utterance names, -1 for another one, 0 otherwise. */
  'platform',
  /**
   * log(1 + other considered entries scoring at least SCORING.crowdShare of this one): how many
   * entries the matched words fit about as well. A big help centre has many entries on one topic
   * (15 about 보험금 청구), where a lead in relevance means less than among a few distinct entries.
   */
  'crowd',
  /**
   * log(1 + entries in the corpus): the prior. The same lead and coverage are worth less among 3,000
   * entries than among 30, where a near rival the candidates missed is less likely; fitted on
   * corpora of 36 to 350 entries, so the model learns how confidence falls with size.
   */
  'size',
] as const

export type FeatureName = (typeof FEATURES)[number]

/**
 * The direction each feature may move the probability (0 = either). Fitting keeps these signs:
 * more of the utterance explained never lowers confidence, more unseen words never raise it.
 * Without them a small labelled set can learn accidents (off-topic lines with no candidate at all
 * give no samples, so unseen words once came out as evidence for an answer).
 */
const SIGNS: Record<FeatureName, 1 | -1 | 0> = {
  relevance: 1, coverage: 1, answerOnly: 0, backward: 1, gap: 1, unseen: -1, length: 0, mutual: 1, platform: 1, crowd: -1, size: -1,
}
export type Features = Record<FeatureName, number>

export interface ConfidenceModel {
  version: 1
  features: readonly string[]
  /** Bias first, then one weight per feature, in `features` order. */
  weights: number[]
  /** Where the weights came from (files, counts), for people. */
  fittedOn?: string
}

export function probability (model: ConfidenceModel, x: readonly number[]): number {
  let z = model.weights[0]!
  for (let i = 0; i < x.length; i++) z += model.weights[i + 1]! * x[i]!
  return 1 / (1 + Math.exp(-z))
}

export function featureVector (f: Features): number[] {
  return FEATURES.map((k) => f[k])
}

export function parseModel (json: unknown, source = 'match model'): ConfidenceModel {
  const m = json as Partial<ConfidenceModel>
  if (!m || m.version !== 1 || !Array.isArray(m.features) || !Array.isArray(m.weights)) {
    throw new Error(`${source}: expected { "version": 1, "features": [...], "weights": [...] }`)
  }
  if (m.features.length !== FEATURES.length || m.features.some((f, i) => f !== FEATURES[i])) {
    throw new Error(`${source}: features must be ${FEATURES.join(', ')} (refit with faq-skill eval --fit)`)
  }
  if (m.weights.length !== FEATURES.length + 1 || !m.weights.every((w) => typeof w === 'number' && Number.isFinite(w))) {
    throw new Error(`${source}: weights must be ${FEATURES.length + 1} finite numbers (bias first)`)
  }
  return { version: 1, features: m.features, weights: m.weights, fittedOn: m.fittedOn }
}

export async function loadModel (file: string): Promise<ConfidenceModel> {
  return parseModel(JSON.parse(await readFile(file, 'utf8')), file)
}

export interface Sample {
  x: number[]
  /** 1 when the candidate is a right answer for its utterance. */
  y: 0 | 1
}

/**
 * L2-regularized logistic regression by Newton's method (IRLS): deterministic, no learning rate,
 * converges in a few steps on a handful of features. `l2` pulls weights towards 0 (not the bias).
 */
export function fitLogistic (samples: readonly Sample[], l2 = 1, iterations = 25): number[] {
  const d = FEATURES.length + 1
  const w = new Array<number>(d).fill(0)
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0)
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0))
    for (const s of samples) {
      const x = [1, ...s.x]
      let z = 0
      for (let i = 0; i < d; i++) z += w[i]! * x[i]!
      const p = 1 / (1 + Math.exp(-z))
      const r = Math.max(p * (1 - p), 1e-9)
      for (let i = 0; i < d; i++) {
        g[i]! += (p - s.y) * x[i]!
        for (let j = 0; j < d; j++) h[i]![j]! += r * x[i]! * x[j]!
      }
    }
    for (let i = 1; i < d; i++) {
      g[i]! += l2 * w[i]!
      h[i]![i]! += l2
    }
    const step = solve(h, g)
    let change = 0
    for (let i = 0; i < d; i++) {
      const before = w[i]!
      w[i]! -= step[i]!
      // Projected step: a weight that would take the wrong sign stays at 0.
      const sign = i === 0 ? 0 : SIGNS[FEATURES[i - 1]!]
      if (sign * w[i]! < 0) w[i] = 0
      change = Math.max(change, Math.abs(w[i]! - before))
    }
    if (change < 1e-8) break
  }
  return w.map((x) => Math.round(x * 1e4) / 1e4)
}

/** Gaussian elimination with partial pivoting (the system is tiny and positive definite). */
function solve (a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i]!])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r
    ;[m[c], m[p]] = [m[p]!, m[c]!]
    const pivot = m[c]![c]! || 1e-12
    for (let r = 0; r < n; r++) {
      if (r === c) continue
      const f = m[r]![c]! / pivot
      if (f) for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12))
}
