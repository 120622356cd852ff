// A matcher snapshot: the analyzed corpus (CorpusStore) as bytes, so a cold start skips
// normalization, synonyms and analysis of every entry. A header names the format, and a
// fingerprint of exactly what the store was built from (the corpus, the effective synonyms and
// lexicon, the term weights); restore refuses a snapshot whose fingerprint differs. It also holds
// the term ids FlexSearch is fed (IndexedTerms) and FlexSearch's own postings (postings.ts), so a
// restore neither analyzes nor indexes anything.
//
//   u32 LE header length | header JSON | padding to 8 | terms (utf8, '\n'-joined) | padding to 4 | typed arrays
//
// Restore runs on reloads too (sliceMs): every step that grows with the corpus yields between pieces.
import { createHash } from 'node:crypto'
import type { FaqCorpus } from '../faq/schema.js'
import { SCORING } from './scoring.js'
import type { CorpusStore, FieldSlices, IndexedTerms } from './store.js'
import { POSTINGS_FIELDS, type Postings } from './postings.js'
import type { Synonyms } from './synonyms.js'

/** Bump when the store layout or the analysis (text.ts) changes. */
export const SNAPSHOT_FORMAT = 4
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

const FIELDS = ['start', 'term', 'tf', 'weight', 'length', 'mass'] as const
const INDEXED = ['aboutStart', 'about', 'answerStart', 'answer'] as const
type Arrays = Array<Int32Array | Float32Array>

interface Saved { about: Postings, answer: Postings }
const LAYOUT = 5 + 3 * FIELDS.length + INDEXED.length + 2 * POSTINGS_FIELDS.length

function arraysOf (store: CorpusStore, indexed: IndexedTerms, postings: Saved): Arrays {
  const slices = (f: FieldSlices) => FIELDS.map((k) => f[k])
  const lists = (p: Postings) => POSTINGS_FIELDS.map((k) => p[k])
  return [store.dfAbout, store.dfAnswer, store.variantStart, store.categoryOf, store.platforms, ...slices(store.variants), ...slices(store.categories), ...slices(store.answers), ...INDEXED.map((k) => indexed[k]), ...lists(postings.about), ...lists(postings.answer)]
}

const COPY_BYTES = 4 << 20
const align = (n: number, to: number) => (n + to - 1) & ~(to - 1)

export function encodeSnapshot (store: CorpusStore, indexed: IndexedTerms, postings: Saved, print: string): Uint8Array {
  const arrays = arraysOf(store, indexed, postings)
  const terms = Buffer.from(store.terms.join('\n'), 'utf8')
  const header = Buffer.from(JSON.stringify({
    magic: MAGIC,
    format: SNAPSHOT_FORMAT,
    fingerprint: print,
    avg: store.avg,
    termCount: store.terms.length,
    termBytes: terms.length,
    arrays: arrays.map((a) => [a instanceof Int32Array ? 'i' : 'f', a.length]),
  }))
  const termsAt = align(4 + header.length, 8)
  let at = align(termsAt + terms.length, 4)
  const out = new Uint8Array(at + arrays.reduce((n, a) => n + a.byteLength, 0))
  new DataView(out.buffer).setUint32(0, header.length, true)
  out.set(header, 4)
  out.set(terms, termsAt)
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at)
    at += a.byteLength
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

export async function decodeSnapshot (bytes: Uint8Array, print: string, pause: Pause): Promise<{ store: CorpusStore; indexed: IndexedTerms; postings: Saved }> {
  const fail = (why: string): never => {
    throw new Error(`matcher snapshot rejected: ${why}`)
  }
  if (bytes.length < 4) fail('too short')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(0, true)
  if (4 + headerLength > bytes.length) fail('truncated header')
  let header: { magic?: string; format?: number; fingerprint?: string; avg: CorpusStore['avg']; termCount: number; termBytes: number; arrays: Array<['i' | 'f', number]> }
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(4, 4 + headerLength)).toString('utf8'))
  } catch {
    return fail('unreadable header')
  }
  if (header.magic !== MAGIC) fail('not a matcher snapshot')
  if (header.format !== SNAPSHOT_FORMAT) fail(`format ${header.format}, this build reads ${SNAPSHOT_FORMAT}`)
  if (header.fingerprint !== print) fail('built from another corpus, synonyms or analysis')
  if (header.arrays.length !== LAYOUT) fail('unexpected layout')
  const termsAt = align(4 + headerLength, 8)
  if (termsAt + header.termBytes > bytes.length) fail('truncated terms')
  const terms = header.termCount ? await splitTerms(Buffer.from(bytes.buffer, bytes.byteOffset + termsAt, header.termBytes).toString('utf8'), header.termCount, pause) : []
  await pause()
  // Typed arrays need 4-byte alignment: an aligned payload is viewed in place, any other is copied
  // array by array, yielding between pieces.
  let at = align(termsAt + header.termBytes, 4)
  const arrays: Arrays = []
  for (const [kind, length] of header.arrays) {
    const byteLength = length * 4
    if (at + byteLength > bytes.length) fail('truncated body')
    const offset = bytes.byteOffset + at
    if (offset % 4 === 0) {
      // Aligned (an index file pads its header for this): a view, no copy; the arrays keep the
      // file's buffer alive, which is what they are made of anyway.
      arrays.push(kind === 'i' ? new Int32Array(bytes.buffer, offset, length) : new Float32Array(bytes.buffer, offset, length))
    } else {
      const a = kind === 'i' ? new Int32Array(length) : new Float32Array(length)
      const into = new Uint8Array(a.buffer)
      // 4 MB at a time: copying a 30 MB array in one go is a stall of its own.
      for (let from = 0; from < byteLength; from += COPY_BYTES) {
        into.set(bytes.subarray(at + from, at + Math.min(byteLength, from + COPY_BYTES)), from)
        await pause()
      }
      arrays.push(a)
    }
    at += byteLength
  }
  const slices = (from: number): FieldSlices => Object.fromEntries(FIELDS.map((k, i) => [k, arrays[from + i]])) as unknown as FieldSlices
  const indexedFrom = 5 + 3 * FIELDS.length
  const indexed = Object.fromEntries(INDEXED.map((k, i) => [k, arrays[indexedFrom + i]])) as unknown as IndexedTerms
  const lists = (from: number): Postings => Object.fromEntries(POSTINGS_FIELDS.map((k, i) => [k, arrays[from + i]])) as unknown as Postings
  const postingsFrom = indexedFrom + INDEXED.length
  const postings = { about: lists(postingsFrom), answer: lists(postingsFrom + POSTINGS_FIELDS.length) }
  return {
    store: {
      terms,
      dfAbout: arrays[0] as Int32Array,
      dfAnswer: arrays[1] as Int32Array,
      variantStart: arrays[2] as Int32Array,
      categoryOf: arrays[3] as Int32Array,
      platforms: arrays[4] as Int32Array,
      variants: slices(5),
      categories: slices(5 + FIELDS.length),
      answers: slices(5 + 2 * FIELDS.length),
      avg: header.avg,
    },
    indexed,
    postings,
  }
}
