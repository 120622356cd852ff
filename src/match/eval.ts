// Answer-quality measurement, in-process, with the definitions of the HTTP eval runner (run-eval.mjs) (the
// HTTP eval we report with, reimplemented in scripts/eval-http.ts):
//   accuracy = answered and right / in-domain, wrong = answered and wrong / in-domain,
//   top-3 = an acceptable question among the first three distinct questions returned (whatever the outcome),
//   out-of-domain answered / offered choices = share of `expect: []` lines that got an answer / a choice list.
// The same figures are taken for any matcher, ours or the baseline (baseline.ts), so both are
// measured on the same corpus and lines in the same run.
import { readFile } from 'node:fs/promises'
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js'
import type { MatchResult } from './types.js'

export interface EvalCase {
  utterance: string
  /** Substrings of acceptable FAQ questions; empty = out of domain. */
  expect: string[]
  /** Which half of a set the line belongs to ('fit' to tune or fit on, 'check' to report on). */
  split?: string
}

/** What the figures read of a match: the outcome and the ranked candidates. */
export type Scored = Pick<MatchResult, 'outcome' | 'candidates'>

/** What the eval needs of a matcher: the contract's `match` (src/match/types.ts). */
export interface Matching {
  match(utterance: string, thresholds?: Partial<Thresholds>): Scored
}

export interface EvalCounts {
  cases: number
  inDomain: number
  outOfDomain: number
  /** In-domain lines answered with an acceptable question. */
  right: number
  /** In-domain lines answered with another question. */
  wrong: number
  /** In-domain lines whose first candidate is acceptable, whatever the outcome (ranking alone). */
  top1: number
  /** In-domain lines with an acceptable question in the first three. */
  top3: number
  oodAnswered: number
  oodChoices: number
}

export interface EvalFigures extends EvalCounts {
  answerAccuracy: number
  wrongAnswerRate: number
  top1Recall: number
  top3Recall: number
  outOfDomainAnswered: number
  /** Share of out-of-domain lines that got a "did you mean" list. */
  outOfDomainChoices: number
  /** Share of in-domain questions that got a confident answer (right or wrong). */
  coverage: number
}

export interface EvalMiss {
  utterance: string
  expect: string[]
  outcome: string
  got: string[]
}

export interface Latency {
  p50Ms: number
  p99Ms: number
}

export function parseEvalFile (text: string, source = 'eval file'): EvalCase[] {
  return text
    .split('\n')
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l)
    .map(([l, n]) => {
      let v: unknown
      try {
        v = JSON.parse(l)
      } catch {
        throw new Error(`${source}:${n}: not JSON`)
      }
      const c = v as Partial<EvalCase>
      if (typeof c.utterance !== 'string' || !Array.isArray(c.expect) || !c.expect.every((x) => typeof x === 'string')) {
        throw new Error(`${source}:${n}: expected {"utterance": string, "expect": string[]}`)
      }
      if (c.split !== undefined && typeof c.split !== 'string') throw new Error(`${source}:${n}: "split" must be a string`)
      return c.split === undefined ? { utterance: c.utterance, expect: c.expect } : { utterance: c.utterance, expect: c.expect, split: c.split }
    })
}

export async function loadEvalFile (file: string): Promise<EvalCase[]> {
  return parseEvalFile(await readFile(file, 'utf8'), file)
}

/** The lines of one half; lines that belong to no half are kept (a set without splits stays whole). */
export function selectSplit (cases: EvalCase[], split?: string): EvalCase[] {
  return split ? cases.filter((c) => c.split === undefined || c.split === split) : cases
}

const hits = (question: unknown, expect: string[]) => typeof question === 'string' && expect.some((k) => question.includes(k))

/**
 * Count one line into `n`: `outcome` is the reply's, `shown` the questions it names in order (the
 * answer first when it answered, else the choices). True when the line is a miss worth listing
 * (an off-topic line answered, an in-domain line not answered right). In-process and over HTTP
 * count the same way.
 */
export function tally (n: EvalCounts, expect: string[], outcome: unknown, shown: unknown[]): boolean {
  const answered = outcome === 'answer'
  if (expect.length === 0) {
    n.outOfDomain++
    if (outcome === 'choices') n.oodChoices++
    if (answered) n.oodAnswered++
    return answered
  }
  n.inDomain++
  const right = hits(shown[0], expect)
  if (answered && right) n.right++
  else if (answered) n.wrong++
  if (right) n.top1++
  if ([...new Set(shown)].slice(0, 3).some((q) => hits(q, expect))) n.top3++
  return !(answered && right)
}
const ratio = (a: number, b: number) => (b ? a / b : 0)

export function ratios (c: EvalCounts): EvalFigures {
  return {
    ...c,
    answerAccuracy: ratio(c.right, c.inDomain),
    wrongAnswerRate: ratio(c.wrong, c.inDomain),
    top1Recall: ratio(c.top1, c.inDomain),
    top3Recall: ratio(c.top3, c.inDomain),
    outOfDomainAnswered: ratio(c.oodAnswered, c.outOfDomain),
    outOfDomainChoices: ratio(c.oodChoices, c.outOfDomain),
    coverage: ratio(c.right + c.wrong, c.inDomain),
  }
}

/** Counts summed over sets, e.g. to pool a sweep over several corpora. */
export function addCounts (a: EvalCounts, b: EvalCounts): EvalCounts {
  return {
    cases: a.cases + b.cases,
    inDomain: a.inDomain + b.inDomain,
    outOfDomain: a.outOfDomain + b.outOfDomain,
    right: a.right + b.right,
    wrong: a.wrong + b.wrong,
    top1: a.top1 + b.top1,
    top3: a.top3 + b.top3,
    oodAnswered: a.oodAnswered + b.oodAnswered,
    oodChoices: a.oodChoices + b.oodChoices,
  }
}

export const NO_COUNTS: EvalCounts = { cases: 0, inDomain: 0, outOfDomain: 0, right: 0, wrong: 0, top1: 0, top3: 0, oodAnswered: 0, oodChoices: 0 }

/** Figures for results already computed, one per case. */
export function figures (cases: EvalCase[], results: Scored[]): { figures: EvalFigures; misses: EvalMiss[] } {
  const n = { ...NO_COUNTS, cases: cases.length }
  const misses: EvalMiss[] = []
  cases.forEach((c, i) => {
    const r = results[i] ?? { outcome: 'none', candidates: [] }
    const questions = r.candidates.map((x) => x.question)
    if (tally(n, c.expect, r.outcome, questions)) misses.push({ utterance: c.utterance, expect: c.expect, outcome: r.outcome, got: questions.slice(0, 3) })
  })
  return { figures: ratios(n), misses }
}

/** The value below which a share p of the sorted values lie (the definition run-eval.mjs uses). */
export function percentile (sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN
}

export function evaluate (matcher: Matching, cases: EvalCase[], thresholds?: Partial<Thresholds>) {
  return figures(cases, cases.map((c) => matcher.match(c.utterance, thresholds)))
}

/** Timed calls wanted for a p99 that is not just the slowest call of a small set. */
const LATENCY_SAMPLES = 1000
const MAX_TIMED_PASSES = 10

/**
 * Figures plus the time of each match call: one untimed pass first (JIT, lazily built structures),
 * then timed passes until about LATENCY_SAMPLES calls were timed; the first timed pass is counted.
 */
export function measure (matcher: Matching, cases: EvalCase[]): { figures: EvalFigures; misses: EvalMiss[]; latency: Latency } {
  for (const c of cases) matcher.match(c.utterance)
  const times: number[] = []
  const timed = (c: EvalCase) => {
    const t0 = performance.now()
    const r = matcher.match(c.utterance)
    times.push(performance.now() - t0)
    return r
  }
  const results = cases.map(timed)
  const passes = Math.min(MAX_TIMED_PASSES, Math.ceil(LATENCY_SAMPLES / Math.max(1, cases.length)))
  for (let p = 1; p < passes; p++) cases.forEach(timed)
  times.sort((a, b) => a - b)
  return { ...figures(cases, results), latency: { p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99) } }
}

export interface SweepRow extends EvalFigures {
  answerMin: number
  marginMin: number
}

const SWEEP_ANSWER_MIN = Array.from({ length: 15 }, (_, i) => (20 + 5 * i) / 100)
const SWEEP_MARGIN_MIN = [0, 0.05, 0.1, 0.2, 0.3]

/** Figures over a grid of answer/margin thresholds, the other thresholds as in `base`. */
export function sweep (matcher: Matching, cases: EvalCase[], base: Thresholds = DEFAULT_THRESHOLDS): SweepRow[] {
  const rows: SweepRow[] = []
  for (const answerMin of SWEEP_ANSWER_MIN) {
    for (const marginMin of SWEEP_MARGIN_MIN) {
      rows.push({ answerMin, marginMin, ...evaluate(matcher, cases, { ...base, answerMin, marginMin }).figures })
    }
  }
  return rows
}

/** One sweep over several sets: the counts of the same grid point summed, then the shares. */
export function poolSweeps (sweeps: SweepRow[][]): SweepRow[] {
  const [first, ...rest] = sweeps
  if (!first) return []
  return first.map((row, i) => {
    const counts = rest.reduce<EvalCounts>((acc, s) => addCounts(acc, s[i]!), row)
    return { answerMin: row.answerMin, marginMin: row.marginMin, ...ratios(counts) }
  })
}
