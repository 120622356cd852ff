// The matcher's own compact view of the corpus: a vocabulary of term ids, and per entry the sorted
// term ids and frequencies of each field, in a few typed arrays (100k entries fit in tens of MB,
// and the whole thing serializes as-is for a fast cold start, see snapshot.ts).
// Built in one pass over the corpus, linear in its size.
import type { FaqCorpus } from '../faq/schema.js'
import { SCORING } from './scoring.js'
import { analyze } from './text.js'

/** A growable Int32/Float32 array (push only), so the build never holds millions of JS numbers. */
export class Pool<T extends Int32Array | Float32Array> {
  length = 0
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => T)(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = v
  }
  done(): T {
    return this.data.slice(0, this.length) as T
  }
}

/** Term ids, frequencies and kind weights of one field of one entry, sorted by term id. */
export interface FieldSlices {
  /** Start of each slice in `term`/`tf`/`weight`; slice k is [start[k], start[k + 1]). */
  start: Int32Array
  term: Int32Array
  tf: Float32Array
  /** Strongest kind weight of the term in that slice (SCORING.term). */
  weight: Float32Array
  /** Sum of tf per slice (BM25 length). */
  length: Float32Array
  /** Sum of `weight` per slice (how much the slice says, for the backward share). */
  mass: Float32Array
}

export interface CorpusStore {
  /** Term strings by id. */
  terms: string[]
  /** Entries whose question, alternates or category hold the term. */
  dfAbout: Int32Array
  /** Entries whose answer holds the term. */
  dfAnswer: Int32Array
  /** Question variants (question, then alternates): entry i owns slices [variantStart[i], variantStart[i + 1]). */
  variantStart: Int32Array
  variants: FieldSlices
  /** Category path slice of each entry (paths repeat, stored once). */
  categoryOf: Int32Array
  categories: FieldSlices
  /** Answer slice k belongs to entry k. */
  answers: FieldSlices
  /** Platform bits of each entry (PLATFORMS order). */
  platforms: Int32Array
  avg: { question: number; category: number; answer: number }
}

/** Platform words (after normalization and synonyms) → platform bit. 모바일 is both phones. */
export const PLATFORMS: ReadonlyArray<[RegExp, number]> = [
  [/(?<![a-z])ios(?![a-z])|아이폰|iphone|ipad|아이패드/, 1],
  [/안드로이드|android|원스토어|갤럭시/, 2],
  [/(?<![a-z])(pc|mac|windows|macos)(?![a-z])|윈도우|컴퓨터|데스크톱/, 4],
  [/모바일|mobile|스마트폰/, 1 | 2],
]

export function platformBits(normalized: string): number {
  let bits = 0
  for (const [re, bit] of PLATFORMS) if (re.test(normalized)) bits |= bit
  return bits
}

class FieldBuilder {
  start = new Pool(new Int32Array(1024))
  term = new Pool(new Int32Array(4096))
  tf = new Pool(new Float32Array(4096))
  weight = new Pool(new Float32Array(4096))
  length = new Pool(new Float32Array(1024))
  mass = new Pool(new Float32Array(1024))

  /** Appends one slice; returns its term ids (sorted, distinct). */
  add(terms: Map<number, { tf: number; w: number }>): number[] {
    this.start.push(this.term.length)
    const ids = [...terms.keys()].sort((a, b) => a - b)
    let len = 0
    let mass = 0
    for (const id of ids) {
      const t = terms.get(id)!
      this.term.push(id)
      this.tf.push(t.tf)
      this.weight.push(t.w)
      len += t.tf
      mass += t.w
    }
    this.length.push(len)
    this.mass.push(mass)
    return ids
  }

  done(): FieldSlices {
    this.start.push(this.term.length)
    return { start: this.start.done(), term: this.term.done(), tf: this.tf.done(), weight: this.weight.done(), length: this.length.done(), mass: this.mass.done() }
  }
}

export interface StoreBuild {
  store: CorpusStore
  /** Per entry, the distinct terms of question + alternates + category, and of the answer (for FlexSearch). */
  about: string[]
  answer: string[]
}

/**
 * Builds the store. `rewrite` is normalization + synonyms (the query side uses the same).
 * `pause` is awaited between chunks of entries so a large corpus never blocks the event loop long.
 */
export async function buildStore(corpus: FaqCorpus, rewrite: (text: string) => string, pause: () => Promise<void> | undefined): Promise<StoreBuild> {
  const ids = new Map<string, number>()
  const terms: string[] = []
  const dfAbout: number[] = []
  const dfAnswer: number[] = []
  const lastAbout: number[] = []
  const variants = new FieldBuilder()
  const categories = new FieldBuilder()
  const answers = new FieldBuilder()
  const n = corpus.entries.length
  const variantStart = new Int32Array(n + 1)
  const categoryOf = new Int32Array(n)
  const platforms = new Int32Array(n)
  const categoryIds = new Map<string, { id: number; terms: number[] }>()
  const about: string[] = new Array(n)
  const answer: string[] = new Array(n)
  let variantCount = 0

  const collect = (text: string) => {
    const out = new Map<number, { tf: number; w: number }>()
    analyze(text, (term, kind) => {
      let id = ids.get(term)
      if (id === undefined) {
        id = terms.length
        ids.set(term, id)
        terms.push(term)
        dfAbout.push(0)
        dfAnswer.push(0)
        lastAbout.push(-1)
      }
      const w = SCORING.term[kind]
      const t = out.get(id)
      if (t) {
        t.tf++
        if (t.w < w) t.w = w
      } else out.set(id, { tf: 1, w })
    })
    return out
  }

  for (let i = 0; i < n; i++) {
    if ((i & 255) === 255) await pause()
    const entry = corpus.entries[i]!
    variantStart[i] = variantCount
    const aboutTerms: string[] = []
    const countAbout = (list: number[]) => {
      for (const id of list) {
        if (lastAbout[id] === i) continue
        lastAbout[id] = i
        dfAbout[id]!++
        aboutTerms.push(terms[id]!)
      }
    }
    for (const q of [entry.question, ...entry.alternates]) {
      if (!q.trim()) continue
      countAbout(variants.add(collect(rewrite(q))))
      variantCount++
    }
    const path = entry.category.join(' ')
    let category = categoryIds.get(path)
    if (!category) {
      const list = categories.add(collect(rewrite(path)))
      categoryIds.set(path, (category = { id: categoryIds.size, terms: list }))
    }
    categoryOf[i] = category.id
    countAbout(category.terms)
    const answerIds = answers.add(collect(rewrite(entry.answer)))
    for (const id of answerIds) dfAnswer[id]!++
    about[i] = aboutTerms.join(' ')
    answer[i] = answerIds.map((id) => terms[id]!).join(' ')
    platforms[i] = platformBits(rewrite(entry.platforms.join(' ')))
  }
  variantStart[n] = variantCount
  const v = variants.done()
  const c = categories.done()
  const a = answers.done()
  const mean = (xs: Float32Array) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 1) || 1
  const store: CorpusStore = {
    terms,
    dfAbout: Int32Array.from(dfAbout),
    dfAnswer: Int32Array.from(dfAnswer),
    variantStart,
    variants: v,
    categoryOf,
    categories: c,
    answers: a,
    platforms,
    avg: { question: mean(v.length), category: mean(c.length), answer: mean(a.length) },
  }
  return { store, about, answer }
}

/** Position of `id` in the sorted slice [from, to) of `term`, or -1. */
export function find(term: Int32Array, from: number, to: number, id: number): number {
  let lo = from
  let hi = to - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const x = term[mid]!
    if (x === id) return mid
    if (x < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}
