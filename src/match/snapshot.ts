// A matcher snapshot: the analyzed corpus (CorpusStore) as bytes, so a cold start skips
// normalization, synonyms and analysis of every entry. A header names the format, and a
// fingerprint of exactly what the store was built from (the corpus, the effective synonyms and
// lexicon, the term weights); restore refuses a snapshot whose fingerprint differs. It also holds
// FlexSearch's own postings (postings.ts), so a restore neither analyzes nor indexes anything.
//
//   u32 LE header length | header JSON | padding to 8 | terms (utf8, '\n'-joined) | typed arrays, each padded to 4
//
// Restore runs on reloads too (sliceMs): every step that grows with the corpus yields between pieces.
import { createHash } from 'node:crypto'
import type { FaqCorpus } from '../faq/schema.js'
import { SCORING } from './scoring.js'
import type { AnswerSlices, CorpusStore, FieldSlices, VariantSlices } from './store.js'
import { POSTINGS_FIELDS, type Postings } from './postings.js'
import type { Synonyms } from './synonyms.js'

/** Bump when the store layout or the analysis (text.ts) changes. */
export const SNAPSHOT_FORMAT = 7
const MAGIC = 'faq-matcher-snapshot'

type Pause = () => Promise<void> | undefined

/**
 * SHA-256 of JSON.stringify(corpus.entries), the synonyms' signature and the term weights. The
 * entries are hashed one at a time (the same bytes as stringifying the array whole), so a reload
 * never holds a 40 MB string nor blocks while it is made.
 */
export async function fingerprint (corpus: FaqCorpus, synonyms: Synonyms, pause: Pause): Promise<string> {
  const h = createHash('sha256')
  h.update('[')
  const { entries } = corpus
  for (let i = 0; i < entries.length; i++) {
    if ((i & 255) === 255) await pause()
    if (i) h.update(',')
    h.update(JSON.stringify(entries[i]))
  }
  h.update(']')
  h.update('\0')
  h.update(synonyms.signature())
  h.update('\0')
  h.update(JSON.stringify(SCORING.term))
  return h.digest('hex')
}

// The arrays, in this order: the store's per-entry and per-term arrays, each field's slices (a
// variant keeps its weights, an answer whether each term is strong), then FlexSearch's postings
// for both indexes. What FlexSearch was fed (IndexedTerms) is not saved: a restore fills FlexSearch
// from the postings, and a restored matcher's snapshot derives it from the store again.
const FIELD = ['start', 'term', 'tf', 'length'] as const
const VARIANT = [...FIELD, 'weight', 'mass'] as const
const ANSWER = [...FIELD, 'strong'] as const
type AnyArray = Int32Array | Float32Array | Uint16Array | Uint8Array
type Arrays = AnyArray[]

interface Saved { about: Postings, answer: Postings }
const LAYOUT = 5 + VARIANT.length + FIELD.length + ANSWER.length + 2 * POSTINGS_FIELDS.length

/** How each array is written: its kind in the header, and its element size. */
const KINDS = { i: Int32Array, f: Float32Array, h: Uint16Array, b: Uint8Array } as const
type Kind = keyof typeof KINDS
const kindOf = (a: AnyArray): Kind => (a instanceof Int32Array ? 'i' : a instanceof Float32Array ? 'f' : a instanceof Uint16Array ? 'h' : 'b')

function arraysOf (store: CorpusStore, postings: Saved): Arrays {
  const lists = (p: Postings) => POSTINGS_FIELDS.map((k) => p[k])
  return [
    store.dfAbout, store.dfAnswer, store.variantStart, store.categoryOf, store.platforms,
    ...VARIANT.map((k) => store.variants[k]), ...FIELD.map((k) => store.categories[k]), ...ANSWER.map((k) => store.answers[k]),
    ...lists(postings.about), ...lists(postings.answer),
  ]
}

const COPY_BYTES = 4 << 20
const align = (n: number, to: number) => (n + to - 1) & ~(to - 1)

export function encodeSnapshot (store: CorpusStore, postings: Saved, print: string): Uint8Array {
  const arrays = arraysOf(store, postings)
  const terms = Buffer.from(store.terms.join('\n'), 'utf8')
  const header = Buffer.from(JSON.stringify({
    magic: MAGIC,
    format: SNAPSHOT_FORMAT,
    fingerprint: print,
    avg: store.avg,
    termCount: store.terms.length,
    termBytes: terms.length,
    arrays: arrays.map((a) => [kindOf(a), a.length]),
  }))
  const termsAt = align(4 + header.length, 8)
  // Every array starts on a 4-byte boundary, whatever its element size, so each can be viewed in place.
  const body = align(termsAt + terms.length, 4)
  const out = new Uint8Array(arrays.reduce((at, a) => align(at + a.byteLength, 4), body))
  new DataView(out.buffer).setUint32(0, header.length, true)
  out.set(header, 4)
  out.set(terms, termsAt)
  let at = body
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at)
    at = align(at + a.byteLength, 4)
  }
  return out
}

/** Splits the '\n'-joined terms, yielding between pieces (a million terms is tens of ms in one go). */
async function splitTerms (text: string, count: number, pause: Pause): Promise<string[]> {
  const terms: string[] = new Array(count)
  let from = 0
  for (let i = 0; i < count; i++) {
    if ((i & 16383) === 16383) await pause()
    const to = i === count - 1 ? text.length : text.indexOf('\n', from)
    if (to < 0) throw new Error('matcher snapshot rejected: truncated terms')
    terms[i] = text.slice(from, to)
    from = to + 1
  }
  return terms
}

/** The kinds each array may have, by position: tf is Uint16 or (a count over 65535) Float32. */
const EXPECTED: Array<readonly Kind[]> = [
  ...Array.from({ length: 5 }, () => ['i'] as const),
  ...[...VARIANT, ...FIELD, ...ANSWER].map((k) => (k === 'tf' ? ['h', 'f'] : k === 'length' || k === 'weight' || k === 'mass' ? ['f'] : k === 'strong' ? ['b'] : ['i']) as readonly Kind[]),
  ...Array.from({ length: 2 * POSTINGS_FIELDS.length }, () => ['i'] as const),
]

export async function decodeSnapshot (bytes: Uint8Array, print: string, pause: Pause): Promise<{ store: CorpusStore; postings: Saved }> {
  const fail = (why: string): never => {
    throw new Error(`matcher snapshot rejected: ${why}`)
  }
  if (bytes.length < 4) fail('too short')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(0, true)
  if (4 + headerLength > bytes.length) fail('truncated header')
  let header: { magic?: string; format?: number; fingerprint?: string; avg: CorpusStore['avg']; termCount: number; termBytes: number; arrays: Array<[Kind, number]> }
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(4, 4 + headerLength)).toString('utf8'))
  } catch {
    return fail('unreadable header')
  }
  if (header.magic !== MAGIC) fail('not a matcher snapshot')
  if (header.format !== SNAPSHOT_FORMAT) fail(`format ${header.format}, this build reads ${SNAPSHOT_FORMAT}`)
  if (header.fingerprint !== print) fail('built from another corpus, synonyms or analysis')
  if (header.arrays.length !== LAYOUT || header.arrays.some(([kind], i) => !EXPECTED[i]!.includes(kind))) fail('unexpected layout')
  const termsAt = align(4 + headerLength, 8)
  if (termsAt + header.termBytes > bytes.length) fail('truncated terms')
  const terms = header.termCount ? await splitTerms(Buffer.from(bytes.buffer, bytes.byteOffset + termsAt, header.termBytes).toString('utf8'), header.termCount, pause) : []
  await pause()
  // A typed array needs its element size's alignment: an aligned payload is viewed in place, any
  // other is copied array by array, yielding between pieces.
  let at = align(termsAt + header.termBytes, 4)
  const arrays: Arrays = []
  for (const [kind, length] of header.arrays) {
    const Type = KINDS[kind]
    const byteLength = length * Type.BYTES_PER_ELEMENT
    if (at + byteLength > bytes.length) fail('truncated body')
    const offset = bytes.byteOffset + at
    if (offset % Type.BYTES_PER_ELEMENT === 0) {
      // Aligned (an index file pads its header for this): a view, no copy; the arrays keep the
      // file's buffer alive, which is what they are made of anyway.
      arrays.push(new Type(bytes.buffer as ArrayBuffer, offset, length))
    } else {
      const a = new Type(length)
      const into = new Uint8Array(a.buffer)
      // 4 MB at a time: copying a 30 MB array in one go is a stall of its own.
      for (let from = 0; from < byteLength; from += COPY_BYTES) {
        into.set(bytes.subarray(at + from, at + Math.min(byteLength, from + COPY_BYTES)), from)
        await pause()
      }
      arrays.push(a)
    }
    at = align(at + byteLength, 4)
  }
  let next = 5
  // Each field's arrays in the order arraysOf wrote them.
  const take = <K extends string>(keys: readonly K[]) => {
    const out = Object.fromEntries(keys.map((k, i) => [k, arrays[next + i]]))
    next += keys.length
    return out
  }
  const variants = take(VARIANT) as unknown as VariantSlices
  const categories = take(FIELD) as unknown as FieldSlices
  const answers = take(ANSWER) as unknown as AnswerSlices
  const about = take(POSTINGS_FIELDS) as unknown as Postings
  const answer = take(POSTINGS_FIELDS) as unknown as Postings
  return {
    store: {
      terms,
      dfAbout: arrays[0] as Int32Array,
      dfAnswer: arrays[1] as Int32Array,
      variantStart: arrays[2] as Int32Array,
      categoryOf: arrays[3] as Int32Array,
      platforms: arrays[4] as Int32Array,
      variants,
      categories,
      answers,
      avg: header.avg,
    },
    postings: { about, answer },
  }
}
