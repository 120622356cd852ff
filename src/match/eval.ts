// Answer-quality measurement, in-process, with the same definitions as the HTTP eval script:
// accuracy = confident and right / in-domain, wrong = confident and wrong / in-domain,
// top-3 recall over the answer plus candidates, out-of-domain answered = confident on expect [].
import { readFile } from 'node:fs/promises'
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js'
import type { Matcher, MatchResult } from './types.js'

export interface EvalCase {
  utterance: string
  /** Substrings of acceptable FAQ questions; empty = out of domain. */
  expect: string[]
}

export interface EvalFigures {
  cases: number
  inDomain: number
  outOfDomain: number
  answerAccuracy: number
  wrongAnswerRate: number
  top3Recall: number
  outOfDomainAnswered: number
  /** Share of in-domain questions that got a confident answer. */
  coverage: number
}

export interface EvalMiss {
  utterance: string
  expect: string[]
  outcome: string
  got: string[]
}

export function parseEvalFile(text: string, source = 'eval file'): EvalCase[] {
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
      return { utterance: c.utterance, expect: c.expect }
    })
}

export async function loadEvalFile(file: string): Promise<EvalCase[]> {
  return parseEvalFile(await readFile(file, 'utf8'), file)
}

const hits = (question: string | undefined, expect: string[]) => typeof question === 'string' && expect.some((k) => question.includes(k))
const ratio = (a: number, b: number) => (b ? a / b : 0)

/** Figures for results already computed, one per case. */
export function figures(cases: EvalCase[], results: MatchResult[]): { figures: EvalFigures; misses: EvalMiss[] } {
  let inDomain = 0, right = 0, wrong = 0, top3 = 0, ood = 0, oodAnswered = 0
  const misses: EvalMiss[] = []
  cases.forEach((c, i) => {
    const r = results[i] ?? { outcome: 'none', candidates: [] }
    const answered = r.outcome === 'answer'
    const questions = r.candidates.map((x) => x.question)
    const miss = () => misses.push({ utterance: c.utterance, expect: c.expect, outcome: r.outcome, got: questions.slice(0, 3) })
    if (c.expect.length === 0) {
      ood++
      if (answered) {
        oodAnswered++
        miss()
      }
      return
    }
    inDomain++
    if (answered && hits(questions[0], c.expect)) right++
    else {
      if (answered) wrong++
      miss()
    }
    if ([...new Set(questions)].slice(0, 3).some((q) => hits(q, c.expect))) top3++
  })
  return {
    figures: {
      cases: cases.length,
      inDomain,
      outOfDomain: ood,
      answerAccuracy: ratio(right, inDomain),
      wrongAnswerRate: ratio(wrong, inDomain),
      top3Recall: ratio(top3, inDomain),
      outOfDomainAnswered: ratio(oodAnswered, ood),
      coverage: ratio(right + wrong, inDomain),
    },
    misses,
  }
}

export function evaluate(matcher: Matcher, cases: EvalCase[], thresholds?: Partial<Thresholds>) {
  return figures(cases, cases.map((c) => matcher.match(c.utterance, thresholds)))
}

export interface SweepRow extends EvalFigures {
  answerMin: number
  marginMin: number
}

/** Figures over a grid of answer/margin thresholds, the other thresholds as configured. */
export function sweep(matcher: Matcher, cases: EvalCase[], base: Thresholds = DEFAULT_THRESHOLDS): SweepRow[] {
  const rows: SweepRow[] = []
  for (let a = 20; a <= 90; a += 5) {
    for (const m of [0, 0.05, 0.1, 0.2, 0.3]) {
      const th = { ...base, answerMin: a / 100, marginMin: m }
      rows.push({ answerMin: th.answerMin, marginMin: m, ...evaluate(matcher, cases, th).figures })
    }
  }
  return rows
}
