// The confidence model: a conditional logit over the considered candidates and "none of them".
// Each candidate gets a linear score z = w·features; the probability that candidate i is the right
// answer is e^z_i / (1 + Σ_j e^z_j), where the 1 is "none of them is right" (out of domain, or the
// right entry was not found). The probabilities of one utterance's candidates add up to at most 1:
// a strong top takes probability from its runners-up, and a list of choices holds the answer with
// the sum of its members' probabilities. A model that rated each candidate on its own (the first
// version) underrated a clear top (0.5 meant right 64 % of the time) and overrated the runners-up
// (0.3-0.6 meant right 10-20 %), so a threshold meant something else at each rank.
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
  /** Share of the typed words (each counted once, however long) with a term the entry holds in any field. */
  'words',
  /** The best question variant's share of words (each once) that hold a term of the utterance. */
  'backWords',
  /** 1 when the utterance names another company's service (lexicon `_services`) that no entry mentions. */
  'foreign',
] as const

export type FeatureName = (typeof FEATURES)[number]

/**
 * The direction each feature may move the probability (0 = either). Fitting keeps these signs:
 * more of the utterance explained never lowers confidence, more unseen words never raise it.
 * Without them a small labelled set can learn accidents (off-topic lines with no candidate at all
 * give no samples, so unseen words once came out as evidence for an answer).
 */
const SIGNS: Record<FeatureName, 1 | -1 | 0> = {
  relevance: 1, coverage: 1, answerOnly: 0, backward: 1, gap: 1, unseen: -1, length: 0, mutual: 1, platform: 1, crowd: -1, size: -1, words: 1, backWords: 1, foreign: -1,
}
export type Features = Record<FeatureName, number>

export interface ConfidenceModel {
  /** 2: the conditional logit (version 1 rated each candidate alone; refit such a file). */
  version: 2
  features: readonly string[]
  /** Bias first, then one weight per feature, in `features` order. */
  weights: number[]
  /** Where the weights came from (files, counts), for people. */
  fittedOn?: string
  /**
   * The largest corpus (entries) the weights were fitted on. `size` is held there for a bigger
   * corpus: a linear prior fitted on 36 to 352 entries, carried on to 2,700, made the model
   * withhold most right answers there (SmartStore: top-1 54.5 %, answered 23 %, 84 % of them right).
   */
  maxEntries?: number
}

/** The candidate's linear score z under `weights` (bias first): its odds against "none of them" are e^z. */
export function linearScore (weights: readonly number[], x: readonly number[]): number {
  let z = weights[0]!
  for (let i = 0; i < x.length; i++) z += weights[i + 1]! * x[i]!
  return z
}

/** Turns one utterance's candidate scores z into probabilities, in place (see the top of the file). */
export function toProbabilities (z: number[]): number[] {
  let max = 0
  for (const v of z) if (v > max) max = v
  let sum = Math.exp(-max)
  for (let i = 0; i < z.length; i++) sum += (z[i] = Math.exp(z[i]! - max))
  for (let i = 0; i < z.length; i++) z[i] = z[i]! / sum
  return z
}

export function featureVector (f: Features): number[] {
  return FEATURES.map((k) => f[k])
}

export function parseModel (json: unknown, source = 'match model'): ConfidenceModel {
  const m = json as Partial<ConfidenceModel>
  if (m && (m.version as number) === 1) throw new Error(`${source}: a version 1 model (each candidate rated alone); refit it with faq-skill eval --fit`)
  if (!m || m.version !== 2 || !Array.isArray(m.features) || !Array.isArray(m.weights)) {
    throw new Error(`${source}: expected { "version": 2, "features": [...], "weights": [...] }`)
  }
  if (m.features.length !== FEATURES.length || m.features.some((f, i) => f !== FEATURES[i])) {
    throw new Error(`${source}: features must be ${FEATURES.join(', ')} (refit with faq-skill eval --fit)`)
  }
  if (m.weights.length !== FEATURES.length + 1 || !m.weights.every((w) => typeof w === 'number' && Number.isFinite(w))) {
    throw new Error(`${source}: weights must be ${FEATURES.length + 1} finite numbers (bias first)`)
  }
  if (m.maxEntries !== undefined && !(Number.isInteger(m.maxEntries) && m.maxEntries > 0)) {
    throw new Error(`${source}: maxEntries must be a positive whole number`)
  }
  return { version: 2, features: m.features, weights: m.weights, fittedOn: m.fittedOn, ...(m.maxEntries ? { maxEntries: m.maxEntries } : {}) }
}

export async function loadModel (file: string): Promise<ConfidenceModel> {
  return parseModel(JSON.parse(await readFile(file, 'utf8')), file)
}

/** One labelled utterance: its considered candidates' features, which of them are right, its weight. */
export interface Choice {
  xs: number[][]
  /** Per candidate: an acceptable answer. None right = the answer is "none of them". */
  right: boolean[]
  weight: number
}

/** Minus the weighted log-likelihood plus the L2 penalty (not on the bias). */
function loss (choices: readonly Choice[], w: readonly number[], l2: number): number {
  let sum = 0
  for (let i = 1; i < w.length; i++) sum += 0.5 * l2 * w[i]! * w[i]!
  for (const c of choices) {
    const p = toProbabilities(c.xs.map((x) => linearScore(w, x)))
    let good = 0
    for (let i = 0; i < p.length; i++) if (c.right[i]) good += p[i]!
    if (!c.right.some(Boolean)) good = 1 - p.reduce((a, b) => a + b, 0)
    sum -= c.weight * Math.log(Math.max(good, 1e-12))
  }
  return sum
}

/**
 * Fits the conditional logit by Newton's method with the model's own covariance as the curvature
 * (always positive definite, where an utterance with two acceptable entries would make the exact
 * Hessian indefinite) and a halving line search: deterministic, no learning rate, a few dozen steps
 * on a dozen features. `l2` pulls weights towards 0 (not the bias). Signs are kept (SIGNS).
 */
export function fitListwise (choices: readonly Choice[], l2 = 1, iterations = 60): number[] {
  const d = FEATURES.length + 1
  let w = new Array<number>(d).fill(0)
  let current = loss(choices, w, l2)
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0)
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0))
    for (const c of choices) {
      const p = toProbabilities(c.xs.map((x) => linearScore(w, x)))
      const xs = c.xs.map((x) => [1, ...x])
      const anyRight = c.right.some(Boolean)
      let good = 0
      for (let i = 0; i < p.length; i++) if (c.right[i]) good += p[i]!
      const mean = new Array<number>(d).fill(0)
      for (let i = 0; i < xs.length; i++) for (let k = 0; k < d; k++) mean[k]! += p[i]! * xs[i]![k]!
      for (let i = 0; i < xs.length; i++) {
        // d(-log P(observed))/dz_i = p_i - P(i | observed)
        const target = anyRight ? (c.right[i] ? p[i]! / Math.max(good, 1e-12) : 0) : 0
        const r = p[i]! - target
        for (let k = 0; k < d; k++) {
          g[k]! += c.weight * r * xs[i]![k]!
          for (let l = 0; l < d; l++) h[k]![l]! += c.weight * p[i]! * xs[i]![k]! * xs[i]![l]!
        }
      }
      for (let k = 0; k < d; k++) for (let l = 0; l < d; l++) h[k]![l]! -= c.weight * mean[k]! * mean[l]!
    }
    for (let i = 0; i < d; i++) {
      if (i) g[i]! += l2 * w[i]!
      h[i]![i]! += i ? l2 : 1e-6
    }
    // A weight held at 0 by its sign whose gradient still points past 0 stays out of the Newton
    // step: left in, its clamped share of the step made the line search fail and the fit stopped
    // short of the optimum, wherever that happened to be.
    for (let i = 1; i < d; i++) {
      const sign = SIGNS[FEATURES[i - 1]!]
      if (sign === 0 || w[i] !== 0 || sign * g[i]! < 0) continue
      for (let k = 0; k < d; k++) h[i]![k] = h[k]![i] = 0
      h[i]![i] = 1
      g[i] = 0
    }
    const step = solve(h, g)
    let t = 1
    let next = w
    let value = current
    for (let tries = 0; tries < 20; tries++, t /= 2) {
      next = w.map((v, i) => {
        const x = v - t * step[i]!
        // Projected step: a weight that would take the wrong sign stays at 0.
        const sign = i === 0 ? 0 : SIGNS[FEATURES[i - 1]!]
        return sign * x < 0 ? 0 : x
      })
      value = loss(choices, next, l2)
      if (value <= current) break
    }
    const change = Math.max(...next.map((v, i) => Math.abs(v - w[i]!)))
    if (value > current) break
    w = next
    current = value
    if (change < 1e-7) break
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
