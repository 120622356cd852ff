// The matcher's own compact view of the corpus: a vocabulary of term ids, and per entry the sorted
// term ids and frequencies of each field, in a few typed arrays (100k entries fit in tens of MB,
// and the whole thing serializes as-is for a fast cold start, see snapshot.ts).
// Built in one pass over the corpus, linear in its size.
import type { FaqCorpus, FaqEntry } from '../faq/schema.js'
import { SCORING } from './scoring.js'
import { analyze, bigramOf, type TermKind } from './text.js'

type Pause = () => Promise<void> | undefined

const CHUNK_BITS = 16
const CHUNK = 1 << CHUNK_BITS

/**
 * A growable Int32/Float32 array (push only), so the build never holds millions of JS numbers.
 * It grows by fixed chunks, never by copying what it holds: doubling a 4M-element array (three at
 * once: an answer field's terms, tfs and weights) stalled a cooperative build for tens of ms.
 */
export class Pool<T extends Int32Array | Float32Array | Uint8Array> {
  length = 0
  readonly #chunks: T[] = []
  #chunk: T
  #at = 0
  constructor (readonly make: (n: number) => T) {
    this.#chunk = make(CHUNK)
    this.#chunks.push(this.#chunk)
  }

  push (v: number): void {
    if (this.#at === CHUNK) {
      this.#chunk = this.make(CHUNK)
      this.#chunks.push(this.#chunk)
      this.#at = 0
    }
    this.#chunk[this.#at++] = v
    this.length++
  }

  get (i: number): number {
    return this.#chunks[i >>> CHUNK_BITS]![i & (CHUNK - 1)]!
  }

  /** One array of what was pushed, copied a chunk at a time with `pause` between. */
  async done (pause: Pause): Promise<T> {
    const out = this.make(this.length)
    for (let c = 0; c * CHUNK < this.length; c++) {
      if ((c & 15) === 15) await pause()
      const chunk = this.#chunks[c]!
      out.set(c * CHUNK + CHUNK > this.length ? chunk.subarray(0, this.length - c * CHUNK) : chunk, c * CHUNK)
    }
    return out
  }
}

/**
 * Scratch keys for the native numeric sorts of the build (a subarray of one reused buffer).
 * A key packs a sort value and an id or position into one double, exact below 2^53.
 */
let scratch = new Float64Array(256)
function sortScratch (n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n * 2)
  return scratch.subarray(0, n)
}
/** Term ids stay below this (33M terms) for packed sort keys; a corpus has a few hundred thousand. */
const ID_SPAN = 2 ** 25

const ints = (n: number) => new Int32Array(n)
const floats = (n: number) => new Float32Array(n)
const bytes = (n: number) => new Uint8Array(n)

/** Term ids and frequencies of one field of one entry, sorted by term id. */
export interface FieldSlices {
  /** Start of each slice in `term`/`tf`; slice k is [start[k], start[k + 1]). */
  start: Int32Array
  term: Int32Array
  /**
   * Term frequencies (counts). Uint16 when every count fits, which is any real corpus: half the
   * memory of Float32 (16 MB at 100k entries), the same numbers; Float32 otherwise.
   */
  tf: Uint16Array | Float32Array
  /** Sum of tf per slice (BM25 length). */
  length: Float32Array
}

/** Question variants also keep each term's kind weight: the backward share is scored from them. */
export interface VariantSlices extends FieldSlices {
  /** Strongest kind weight of the term in that slice (SCORING.term). */
  weight: Float32Array
  /** Sum of `weight` per slice (how much the slice says, for the backward share). */
  mass: Float32Array
}

/**
 * Answers keep, instead of each term's weight (which nothing reads at query time: 22 MB at 100k
 * entries), whether the term is a stem or stronger, as its weight stored as a Float32 compares:
 * what indexTerms needs to choose the answer terms FlexSearch indexes.
 */
export interface AnswerSlices extends FieldSlices {
  strong: Uint8Array
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
  variants: VariantSlices
  /** Category path slice of each entry (paths repeat, stored once). */
  categoryOf: Int32Array
  categories: FieldSlices
  /** Answer slice k belongs to entry k. */
  answers: AnswerSlices
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

export function platformBits (normalized: string): number {
  let bits = 0
  for (const [re, bit] of PLATFORMS) if (re.test(normalized)) bits |= bit
  return bits
}

/**
 * Bigram code → term id, open addressing over two Int32Arrays: every bigram of every field of the
 * corpus is looked up here, and a Map<number, number> was a sixteenth of a 100k-entry build.
 * Codes are below 11,172² (< 2^27); -1 marks an empty slot and is what `get` returns for a miss.
 */
class CodeIds {
  #keys = new Int32Array(1 << 16).fill(-1)
  #values = new Int32Array(1 << 16)
  #size = 0

  get (code: number): number {
    const mask = this.#keys.length - 1
    for (let at = hashCode(code) & mask; ; at = (at + 1) & mask) {
      const k = this.#keys[at]!
      if (k === code) return this.#values[at]!
      if (k === -1) return -1
    }
  }

  set (code: number, id: number): void {
    if (2 * (this.#size + 1) > this.#keys.length) this.#grow()
    const mask = this.#keys.length - 1
    let at = hashCode(code) & mask
    while (this.#keys[at] !== -1 && this.#keys[at] !== code) at = (at + 1) & mask
    if (this.#keys[at] === -1) this.#size++
    this.#keys[at] = code
    this.#values[at] = id
  }

  #grow (): void {
    const keys = this.#keys
    const values = this.#values
    this.#keys = new Int32Array(keys.length * 2).fill(-1)
    this.#values = new Int32Array(keys.length * 2)
    this.#size = 0
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) this.set(keys[i]!, values[i]!)
  }
}

/** A multiplicative hash (Knuth): consecutive codes (one syllable's bigrams) spread over the table. */
const hashCode = (code: number) => Math.imul(code, 0x9e3779b1) >>> 7

/** What a field keeps besides terms and frequencies (see VariantSlices, AnswerSlices). */
type Keeps = 'weights' | 'strong' | 'none'

class FieldBuilder {
  start = new Pool(ints)
  term = new Pool(ints)
  tf = new Pool(floats)
  #maxTf = 0
  weight = new Pool(floats)
  length = new Pool(floats)
  mass = new Pool(floats)
  strong = new Pool(bytes)

  constructor (readonly keeps: Keeps) {}

  /** Positions of the slice being added, sorted by term id; reused (a field has tens of terms). */
  #order = new Int32Array(256)

  /** Appends one slice from parallel (unsorted, distinct) ids, tfs and weights. */
  add (ids: number[], tfs: number[], ws: number[]): void {
    this.start.push(this.term.length)
    const n = ids.length
    if (n > this.#order.length) this.#order = new Int32Array(n * 2)
    const order = this.#order
    // Insertion sort of positions by id: the ids are distinct, so the order is the one any sort
    // gives, without a closure, an array per field, or the comparator calls of Array.prototype.sort.
    if (n > 64) {
      // A long field (a long answer): a sort that stays n log n. Each position rides in the low
      // bits of its id (id · 2^16 + k, exact in a double), so the typed array's native numeric
      // sort does it: a comparator sort of the positions was an eighth of a 100k-entry build.
      if (n > 0xffff) throw new Error('a field with more than 65,535 distinct terms')
      const keys = sortScratch(n)
      for (let k = 0; k < n; k++) keys[k] = ids[k]! * 0x10000 + k
      keys.sort()
      for (let k = 0; k < n; k++) order[k] = keys[k]! % 0x10000
    } else {
      for (let k = 0; k < n; k++) {
        const id = ids[k]!
        let j = k
        while (j > 0 && ids[order[j - 1]!]! > id) {
          order[j] = order[j - 1]!
          j--
        }
        order[j] = k
      }
    }
    let len = 0
    let mass = 0
    const keeps = this.keeps
    for (let o = 0; o < n; o++) {
      const k = order[o]!
      this.term.push(ids[k]!)
      this.tf.push(tfs[k]!)
      if (tfs[k]! > this.#maxTf) this.#maxTf = tfs[k]!
      if (keeps === 'weights') this.weight.push(ws[k]!)
      else if (keeps === 'strong') this.strong.push(Math.fround(ws[k]!) >= SCORING.term.stem ? 1 : 0)
      len += tfs[k]!
      mass += ws[k]!
    }
    this.length.push(len)
    if (keeps === 'weights') this.mass.push(mass)
  }

  async #slices (pause: Pause): Promise<FieldSlices> {
    this.start.push(this.term.length)
    const start = await this.start.done(pause)
    const term = await this.term.done(pause)
    const counts = await this.tf.done(pause)
    let tf: Uint16Array | Float32Array = counts
    if (this.#maxTf <= 0xffff) {
      // Converted 1M counts at a time: 5M answer terms at once stalled a cooperative build.
      tf = new Uint16Array(counts.length)
      for (let at = 0; at < counts.length; at += 1 << 20) {
        tf.set(counts.subarray(at, at + (1 << 20)), at)
        await pause()
      }
    }
    return { start, term, tf, length: await this.length.done(pause) }
  }

  async variants (pause: Pause): Promise<VariantSlices> {
    return { ...(await this.#slices(pause)), weight: await this.weight.done(pause), mass: await this.mass.done(pause) }
  }

  async answers (pause: Pause): Promise<AnswerSlices> {
    return { ...(await this.#slices(pause)), strong: await this.strong.done(pause) }
  }

  done (pause: Pause): Promise<FieldSlices> {
    return this.#slices(pause)
  }
}

/**
 * Builds the store. `rewrite` is normalization + synonyms (the query side uses the same).
 * `pause` is awaited between chunks of entries so a large corpus never blocks the event loop long.
 */
export async function buildStore (corpus: FaqCorpus, rewrite: (text: string) => string, pause: Pause): Promise<CorpusStore> {
  const ids = new Map<string, number>()
  const terms: string[] = []
  const dfAbout: number[] = []
  const dfAnswer: number[] = []
  /** Per term: the last entry counted in dfAbout, and its slot + 1 in the field being collected. */
  const lastAbout: number[] = []
  const slot: number[] = []
  const variants = new FieldBuilder('weights')
  const categories = new FieldBuilder('none')
  const answers = new FieldBuilder('strong')
  const n = corpus.entries.length
  const variantStart = new Int32Array(n + 1)
  const categoryOf = new Int32Array(n)
  const platforms = new Int32Array(n)
  const categoryIds = new Map<string, number>()
  let variantCount = 0
  // The field being analyzed; reused (emptied) for every field, its ids read before the next one.
  const fIds: number[] = []
  const fTf: number[] = []
  const fW: number[] = []

  /** Hangul bigrams by their code (text.ts): no string is made for a bigram already known. */
  const codeIds = new CodeIds()
  const newTerm = (term: string) => {
    const id = terms.length
    if (id >= ID_SPAN) throw new Error(`more than ${ID_SPAN} distinct terms`)
    terms.push(term)
    dfAbout.push(0)
    dfAnswer.push(0)
    lastAbout.push(-1)
    slot.push(0)
    return id
  }
  const count = (id: number, kind: TermKind) => {
    const w = SCORING.term[kind]
    const at = slot[id]!
    if (at) {
      fTf[at - 1]!++
      if (fW[at - 1]! < w) fW[at - 1] = w
    } else {
      slot[id] = fIds.push(id)
      fTf.push(1)
      fW.push(w)
    }
  }
  const emit = (term: string, kind: TermKind) => {
    let id = ids.get(term)
    if (id === undefined) ids.set(term, (id = newTerm(term)))
    count(id, kind)
  }
  const emitBigram = (code: number, kind: TermKind) => {
    let id = codeIds.get(code)
    if (id < 0) codeIds.set(code, (id = newTerm(bigramOf(code))))
    count(id, kind)
  }
  /** Analyzes one field into `into`; returns its distinct term ids. */
  const field = (text: string, into: FieldBuilder): number[] => {
    fIds.length = 0
    fTf.length = 0
    fW.length = 0
    analyze(rewrite(text), emit, emitBigram)
    for (const id of fIds) slot[id] = 0
    into.add(fIds, fTf, fW)
    return fIds
  }

  for (let i = 0; i < n; i++) {
    if ((i & 31) === 31) await pause()
    const entry = corpus.entries[i]!
    variantStart[i] = variantCount
    const countAbout = (list: number[]) => {
      for (const id of list) {
        if (lastAbout[id] === i) continue
        lastAbout[id] = i
        dfAbout[id]!++
      }
    }
    for (const q of questionVariants(entry)) {
      countAbout(field(q, variants))
      variantCount++
    }
    const path = entry.category.join(' ')
    let category = categoryIds.get(path)
    if (category === undefined) {
      category = categoryIds.size
      categoryIds.set(path, category)
      field(path, categories)
    }
    categoryOf[i] = category
    const c = categories.start.get(category)
    const cEnd = category + 1 < categories.start.length ? categories.start.get(category + 1) : categories.term.length
    for (let k = c; k < cEnd; k++) {
      const id = categories.term.get(k)
      if (lastAbout[id] !== i) {
        lastAbout[id] = i
        dfAbout[id]!++
      }
    }
    for (const id of field(entry.answer, answers)) dfAnswer[id]!++
    platforms[i] = entry.platforms.length ? platformBits(rewrite(entry.platforms.join(' '))) : 0
  }
  variantStart[n] = variantCount
  await pause()
  const v = await variants.variants(pause)
  const c = await categories.done(pause)
  const a = await answers.answers(pause)
  const mean = (xs: Float32Array) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 1) || 1
  await pause()
  const avg = { question: mean(v.length), category: mean(c.length), answer: mean(a.length) }
  await pause()
  return {
    terms,
    dfAbout: new Int32Array(dfAbout),
    dfAnswer: new Int32Array(dfAnswer),
    variantStart,
    variants: v,
    categoryOf,
    categories: c,
    answers: a,
    platforms,
    avg,
  }
}

/** What FlexSearch indexes, as term ids: entry i's terms are `ids[start[i] .. start[i + 1])`. */
export interface IndexedTerms {
  aboutStart: Int32Array
  about: Int32Array
  answerStart: Int32Array
  answer: Int32Array
}

/**
 * What FlexSearch indexes per entry: the distinct terms of question, alternates and category, and
 * the answer's rarest content terms (no glue or cross-space bigrams) that those fields do not hold.
 * Kept as term ids in typed arrays (no string array per entry for the GC to trace) and saved in the
 * snapshot, so a restore hands them straight to FlexSearch.
 */
export async function indexTerms (store: CorpusStore, pause: Pause): Promise<IndexedTerms> {
  const { variants, categories, answers, variantStart, categoryOf, terms } = store
  const n = categoryOf.length
  const aboutStart = new Int32Array(n + 1)
  const answerStart = new Int32Array(n + 1)
  const about = new Pool(ints)
  const answer = new Pool(ints)
  const mark = new Int32Array(terms.length).fill(-1)
  const rest: number[] = []
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 255) await pause()
    aboutStart[i] = about.length
    const take = (id: number) => {
      if (mark[id] === i) return
      mark[id] = i
      about.push(id)
    }
    for (let k = variants.start[variantStart[i]!]!; k < variants.start[variantStart[i + 1]!]!; k++) take(variants.term[k]!)
    const c = categoryOf[i]!
    for (let k = categories.start[c]!; k < categories.start[c + 1]!; k++) take(categories.term[k]!)
    rest.length = 0
    for (let k = answers.start[i]!; k < answers.start[i + 1]!; k++) {
      const id = answers.term[k]!
      if (mark[id] !== i && answers.strong[k] === 1) rest.push(id)
    }
    answerStart[i] = answer.length
    if (rest.length > SCORING.candidates.answerTerms) {
      // The rarest first, ties by id: df · 2^25 + id sorts natively (ids stay below ID_SPAN = 2^25).
      const keys = sortScratch(rest.length)
      for (let k = 0; k < rest.length; k++) keys[k] = store.dfAnswer[rest[k]!]! * ID_SPAN + rest[k]!
      keys.sort()
      for (let k = 0; k < SCORING.candidates.answerTerms; k++) answer.push(keys[k]! % ID_SPAN)
    } else for (const id of rest) answer.push(id)
  }
  aboutStart[n] = about.length
  answerStart[n] = answer.length
  return { aboutStart, about: await about.done(pause), answerStart, answer: await answer.done(pause) }
}

/** Position of `id` in the sorted slice [from, to) of `term`, or -1. */
export function find (term: Int32Array, from: number, to: number, id: number): number {
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

/**
 * The ways an entry's question is asked, the question first: its alternates (blank ones skipped)
 * and, for a question with an aside in brackets (KVS(Kakao Voice Service)는 무엇인가요?,
 * 앱플레이어(에뮬레이터)로 해도 되나요?), the question without it. The aside's words stay searchable in
 * the question; the bracket-free variant lets "KVS가 뭔가요" cover the whole question.
 */
export function questionVariants (entry: Pick<FaqEntry, 'question' | 'alternates'>): string[] {
  const bare = withoutAsides(entry.question)
  return [entry.question, ...entry.alternates.filter((q) => q.trim()), ...(bare === undefined ? [] : [bare])]
}

const ASIDE_OPEN = /[(（[]/

/** The question without its bracketed asides, when it has any and something is left; else undefined. */
export function withoutAsides (question: string): string | undefined {
  // Most questions have no bracket: two regex replaces per question were 4 % of a 100k build.
  if (!ASIDE_OPEN.test(question)) return undefined
  const bare = question.replace(/\s*[(（[][^()（）[\]]*[)）\]]/g, '').replace(/\s+/g, ' ').trim()
  return bare !== question.trim() && /[\p{L}\p{N}]{2}/u.test(bare) ? bare : undefined
}
