// When two imported questions are the same FAQ: equal after folding, a typo apart, or one an
// excerpt of the other (the help centre's search results cut the searched word out of sentences
// and truncate long ones).
import { fold } from './normalize.js'

export type Relation = 'same' | 'typo' | 'excerpt' | 'prefix'

/** Levenshtein distance, or max+1 as soon as it must exceed `max`. Only the diagonal band of width
 * 2·max+1 is computed, so comparing many questions with a small `max` stays cheap. */
export function editDistance (a: string, b: string, max: number): number {
  return bandedDistance(Array.from(a), Array.from(b), max)
}

function bandedDistance (x: string[], y: string[], max: number): number {
  const n = x.length
  const m = y.length
  if (Math.abs(n - m) > max) return max + 1
  const INF = max + 1
  let prev = new Int32Array(m + 1).fill(INF)
  let cur = new Int32Array(m + 1).fill(INF)
  for (let j = 0; j <= Math.min(m, max); j++) prev[j] = j
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max)
    const hi = Math.min(m, i + max)
    cur[lo - 1] = lo === 1 && i <= max ? i : INF
    let best = cur[lo - 1]!
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
      cur[j] = v > INF ? INF : v
      if (v < best) best = v
    }
    if (hi < m) cur[hi + 1] = INF
    if (best > max) return INF
    ;[prev, cur] = [cur, prev]
  }
  return Math.min(prev[m]!, INF)
}

/** Is `short` what is left of `long` after deleting a few characters? */
function isSubsequence (short: string[], long: string[]): boolean {
  let i = 0
  for (const c of long) if (c === short[i]) i++
  return i === short.length
}

/** Length of the longest common substring (code points). */
export function longestCommonSubstring (a: string, b: string): number {
  const x = Array.from(a)
  const y = Array.from(b)
  let best = 0
  let prev = new Array<number>(y.length + 1).fill(0)
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(0)
    for (let j = 1; j <= y.length; j++) {
      if (x[i - 1] === y[j - 1]) {
        const v = (prev[j - 1] ?? 0) + 1
        cur[j] = v
        if (v > best) best = v
      }
    }
    prev = cur
  }
  return best
}

/**
 * Do two answers tell the same thing? Equal, one containing the other, or sharing a long run of
 * text (two excerpts of one answer). Guards the fuzzy question rules: two different FAQs whose
 * questions happen to be a syllable apart ("방장"/"부방장") have different answers.
 */
export function answersAgree (a: string, b: string, foldedA = fold(a), foldedB = fold(b)): boolean {
  const x = foldedA
  const y = foldedB
  if (x === y || x.includes(y) || y.includes(x)) return true
  const shorter = Math.min(Array.from(x).length, Array.from(y).length)
  return longestCommonSubstring(x, y) >= Math.min(40, Math.ceil(shorter / 2))
}

// A one-character typo is only trusted in a question long enough that one character is noise:
// one edit per 25 folded characters ("급상성/급상승" in a 48-character question, but not
// "배포란/배차란" in an 8-character one).
const CHARS_PER_TYPO = 25
// An excerpt may lack a few characters (the cut-out search word), never much of the question.
const MAX_CUT = 4
const MIN_EXCERPT = 8
const MIN_PREFIX = 10

export interface QuestionInfo {
  question: string
  answer: string
}

/** A question folded once, for comparing it with many others. */
export interface Prepared extends QuestionInfo {
  folded: string
  chars: string[]
  truncated: boolean
  foldedAnswer: string
}

export function prepare (q: QuestionInfo): Prepared {
  const folded = fold(q.question)
  return { question: q.question, answer: q.answer, folded, chars: Array.from(folded), foldedAnswer: fold(q.answer), truncated: /(…|\.\.\.)\s*$/.test(q.question) }
}

/** Furthest apart (in folded code points) two questions can be and still count as typo or excerpt. */
export function maxLengthGap (length: number): number {
  return Math.max(MAX_CUT, Math.floor(length / CHARS_PER_TYPO))
}

export function relate (x: QuestionInfo | Prepared, y: QuestionInfo | Prepared): { relation: Relation; detail: string } | undefined {
  const a = 'chars' in x ? x : prepare(x)
  const b = 'chars' in y ? y : prepare(y)
  if (a.folded === b.folded) return { relation: 'same', detail: 'same question after normalization' }
  const agree = () => answersAgree(a.answer, b.answer, a.foldedAnswer, b.foldedAnswer)
  const [short, long] = a.chars.length <= b.chars.length ? [a, b] : [b, a]
  const sc = short.chars
  const lc = long.chars
  const allowed = Math.floor(lc.length / CHARS_PER_TYPO)
  if (allowed > 0 && lc.length - sc.length <= allowed) {
    const d = bandedDistance(sc, lc, allowed)
    // Digits are facts ("1단계"/"2단계"), never typos.
    if (d <= allowed && diffChars(sc, lc).every((c) => !/\d/.test(c)) && agree()) {
      return { relation: 'typo', detail: `typo (${d} character${d > 1 ? 's' : ''} apart)` }
    }
  }
  if (sc.length >= MIN_PREFIX && long.folded.startsWith(short.folded) && (a.truncated || b.truncated || agree())) {
    return { relation: 'prefix', detail: 'one question is a truncated copy of the other' }
  }
  const cut = lc.length - sc.length
  // As with typos, a cut-out digit changes the fact ("1번"/"11번").
  if (cut > 0 && cut <= MAX_CUT && sc.length >= MIN_EXCERPT && isSubsequence(sc, lc) && diffChars(sc, lc).every((c) => !/\d/.test(c)) && agree()) {
    return { relation: 'excerpt', detail: `excerpt (${cut} character${cut > 1 ? 's' : ''} cut out of the question)` }
  }
  return undefined
}

/** Characters in one string and not the other (multiset difference, both ways). */
function diffChars (a: string[], b: string[]): string[] {
  const count = new Map<string, number>()
  for (const c of a) count.set(c, (count.get(c) ?? 0) + 1)
  for (const c of b) count.set(c, (count.get(c) ?? 0) - 1)
  return [...count].filter(([, n]) => n !== 0).map(([c]) => c)
}
