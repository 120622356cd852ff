// Grouping what users typed: identical after folding first, then greedily by the Jaccard similarity
// of their stems' character bigrams to each group's most frequent wording, most frequent first (deterministic).
// Folding is the importer's (NFKC, case, spacing, punctuation), so "환불은?" and "환불 은" are one.
import { compare, fold } from '../faq/import/normalize.js'
import { stem } from '../match/hangul.js'

/**
 * The bigrams of what a wording is about: each word's particles and endings cut (the matcher's
 * `stem`), then spacing dropped, so "선물 포장 가능해요?", "선물포장 되나요" and "선물 포장 해주나요"
 * share 선물·물포·포장 and little else.
 */
export function bigrams (text: string): Set<string> {
  const words = text.normalize('NFKC').toLowerCase().split(/[\s\p{P}\p{S}]+/u).filter(Boolean)
  const cps = Array.from(words.map((w) => stem(w)).join(''))
  const out = new Set<string>()
  if (cps.length === 1) out.add(cps[0]!)
  for (let i = 0; i + 1 < cps.length; i++) out.add(cps[i]! + cps[i + 1]!)
  return out
}

/** Shared bigrams over all bigrams; two empty sets share nothing (0), so blank text never groups. */
export function jaccard (a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}

/**
 * How alike two wordings are: the overlap coefficient (shared over the smaller set) when both say
 * enough (3+ bigrams), so a wording that adds a verb ("…가능해요", "…해주나요") still joins its group;
 * Jaccard for short ones, so a lone topic word does not swallow every question that names it.
 */
export function similarity (a: Set<string>, b: Set<string>): number {
  if (a.size < 3 || b.size < 3) return jaccard(a, b)
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / Math.min(a.size, b.size)
}

/** One thing a user typed, with what the report wants to know about it. */
export interface Said {
  text: string
  day: string
  /** The FAQ it came close to (a low candidate, the suggestion the user rejected). */
  near?: string
}

export interface TextGroup {
  /** The most frequent wording. */
  text: string
  count: number
  /** Other wordings, most frequent first. */
  variants: Array<{ text: string; count: number }>
  /** The most common nearly-matching FAQ. */
  near?: string
  firstDay: string
  lastDay: string
}

const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n)
const ranked = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))

interface Bucket {
  key: string
  count: number
  wordings: Map<string, number>
  near: Map<string, number>
  days: string[]
}

export function groupSaid (items: Said[], threshold = 0.5): TextGroup[] {
  const byFold = new Map<string, Bucket>()
  for (const s of items) {
    const key = fold(s.text)
    if (!key) continue
    let b = byFold.get(key)
    if (!b) byFold.set(key, (b = { key, count: 0, wordings: new Map(), near: new Map(), days: [] }))
    b.count++
    bump(b.wordings, s.text)
    if (s.near) bump(b.near, s.near)
    b.days.push(s.day)
  }
  const buckets = [...byFold.values()].sort((a, b) => b.count - a.count || compare(a.key, b.key))
  const groups: Array<{ head: Set<string>; members: Bucket[] }> = []
  for (const b of buckets) {
    const grams = bigrams(b.key)
    const home = groups.find((g) => similarity(g.head, grams) >= threshold)
    if (home) home.members.push(b)
    else groups.push({ head: grams, members: [b] })
  }
  return groups.map((g) => summarize(g.members)).sort((a, b) => b.count - a.count || compare(a.text, b.text))
}

function summarize (members: Bucket[]): TextGroup {
  const wordings = new Map<string, number>()
  const near = new Map<string, number>()
  const days: string[] = []
  for (const m of members) {
    for (const [w, c] of m.wordings) bump(wordings, w, c)
    for (const [f, c] of m.near) bump(near, f, c)
    days.push(...m.days)
  }
  const words = ranked(wordings)
  days.sort()
  return {
    text: words[0]![0],
    count: words.reduce((s, [, c]) => s + c, 0),
    variants: words.slice(1).map(([text, count]) => ({ text, count })),
    near: ranked(near)[0]?.[0],
    firstDay: days[0]!,
    lastDay: days[days.length - 1]!,
  }
}
