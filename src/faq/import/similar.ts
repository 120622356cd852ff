// When two imported questions are the same FAQ: equal after folding, a typo apart, or one an
// excerpt of the other (the help centre's search results cut the searched word out of sentences
// and truncate long ones).
import { fold } from './normalize.js'

export type Relation = 'same' | 'typo' | 'excerpt' | 'prefix'

/** Levenshtein distance, or max+1 as soon as it must exceed `max` (banded, so cheap for small max). */
export function editDistance(a: string, b: string, max: number): number {
  const x = Array.from(a)
  const y = Array.from(b)
  if (Math.abs(x.length - y.length) > max) return max + 1
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const cur = [i]
    let best = i
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1))
      cur.push(v)
      if (v < best) best = v
    }
    if (best > max) return max + 1
    prev = cur
  }
  return prev[y.length] ?? max + 1
}

/** Is `short` what is left of `long` after deleting a few characters? */
function isSubsequence(short: string[], long: string[]): boolean {
  let i = 0
  for (const c of long) if (c === short[i]) i++
  return i === short.length
}

/** Length of the longest common substring (code points). */
export function longestCommonSubstring(a: string, b: string): number {
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
export function answersAgree(a: string, b: string): boolean {
  const x = fold(a)
  const y = fold(b)
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

export function relate(a: QuestionInfo, b: QuestionInfo): { relation: Relation; detail: string } | undefined {
  const fa = fold(a.question)
  const fb = fold(b.question)
  if (fa === fb) return { relation: 'same', detail: 'same question after normalization' }
  const [s, l] = fa.length <= fb.length ? [fa, fb] : [fb, fa]
  const sc = Array.from(s)
  const lc = Array.from(l)
  const allowed = Math.floor(lc.length / CHARS_PER_TYPO)
  if (allowed > 0) {
    const d = editDistance(s, l, allowed)
    // Digits are facts ("1단계"/"2단계"), never typos.
    if (d <= allowed && diffChars(sc, lc).every((c) => !/\d/.test(c)) && answersAgree(a.answer, b.answer)) {
      return { relation: 'typo', detail: `typo (${d} character${d > 1 ? 's' : ''} apart)` }
    }
  }
  const truncated = /(…|\.\.\.)\s*$/.test(a.question) || /(…|\.\.\.)\s*$/.test(b.question)
  if (sc.length >= MIN_PREFIX && l.startsWith(s) && (truncated || answersAgree(a.answer, b.answer))) {
    return { relation: 'prefix', detail: 'one question is a truncated copy of the other' }
  }
  const cut = lc.length - sc.length
  if (cut > 0 && cut <= MAX_CUT && sc.length >= MIN_EXCERPT && isSubsequence(sc, lc) && answersAgree(a.answer, b.answer)) {
    return { relation: 'excerpt', detail: `excerpt (${cut} character${cut > 1 ? 's' : ''} cut out of the question)` }
  }
  return undefined
}

/** Characters in one string and not the other (multiset difference, both ways). */
function diffChars(a: string[], b: string[]): string[] {
  const count = new Map<string, number>()
  for (const c of a) count.set(c, (count.get(c) ?? 0) + 1)
  for (const c of b) count.set(c, (count.get(c) ?? 0) - 1)
  return [...count].filter(([, n]) => n !== 0).map(([c]) => c)
}
