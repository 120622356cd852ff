// A matcher snapshot: the analyzed corpus (CorpusStore) as bytes, so a cold start skips
// normalization, synonyms and analysis of every entry. A header names the format, and a
// fingerprint of exactly what the store was built from (the corpus, the effective synonyms and
// lexicon, the term weights); restore refuses a snapshot whose fingerprint differs.
import { createHash } from 'node:crypto'
import type { FaqCorpus } from '../faq/schema.js'
import { SCORING } from './scoring.js'
import type { CorpusStore, FieldSlices } from './store.js'
import type { Synonyms } from './synonyms.js'

/** Bump when the store layout or the analysis (text.ts) changes. */
export const SNAPSHOT_FORMAT = 1
const MAGIC = 'faq-matcher-snapshot'

export function fingerprint (corpus: FaqCorpus, synonyms: Synonyms): string {
  const h = createHash('sha256')
  h.update(JSON.stringify(corpus.entries))
  h.update('\0')
  h.update(synonyms.signature())
  h.update('\0')
  h.update(JSON.stringify(SCORING.term))
  return h.digest('hex')
}

const FIELDS = ['start', 'term', 'tf', 'weight', 'length', 'mass'] as const
type Arrays = Array<Int32Array | Float32Array>

function arraysOf (store: CorpusStore): Arrays {
  const slices = (f: FieldSlices) => FIELDS.map((k) => f[k])
  return [store.dfAbout, store.dfAnswer, store.variantStart, store.categoryOf, store.platforms, ...slices(store.variants), ...slices(store.categories), ...slices(store.answers)]
}

export function encodeSnapshot (store: CorpusStore, print: string): Uint8Array {
  const arrays = arraysOf(store)
  const header = Buffer.from(JSON.stringify({
    magic: MAGIC,
    format: SNAPSHOT_FORMAT,
    fingerprint: print,
    avg: store.avg,
    terms: store.terms.join('\n'),
    arrays: arrays.map((a) => [a instanceof Int32Array ? 'i' : 'f', a.length]),
  }))
  const body = arrays.reduce((n, a) => n + a.byteLength, 0)
  const out = new Uint8Array(4 + header.length + body + 8)
  new DataView(out.buffer).setUint32(0, header.length, true)
  out.set(header, 4)
  // Typed arrays start on an 8-byte boundary so restore can view them without copying.
  let at = (4 + header.length + 7) & ~7
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at)
    at += a.byteLength
  }
  return out.subarray(0, at)
}

export function decodeSnapshot (bytes: Uint8Array, print: string): CorpusStore {
  const fail = (why: string): never => {
    throw new Error(`matcher snapshot rejected: ${why}`)
  }
  if (bytes.length < 4) fail('too short')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(0, true)
  if (4 + headerLength > bytes.length) fail('truncated header')
  let header: { magic?: string; format?: number; fingerprint?: string; avg: CorpusStore['avg']; terms: string; arrays: Array<['i' | 'f', number]> }
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(4, 4 + headerLength)).toString('utf8'))
  } catch {
    return fail('unreadable header')
  }
  if (header.magic !== MAGIC) fail('not a matcher snapshot')
  if (header.format !== SNAPSHOT_FORMAT) fail(`format ${header.format}, this build reads ${SNAPSHOT_FORMAT}`)
  if (header.fingerprint !== print) fail('built from another corpus, synonyms or analysis')
  // A fresh copy at offset 0 of its own buffer: typed arrays need 4-byte alignment, and on a Buffer
  // (an index file read from disk) slice() is a view into the file's memory, not a copy.
  const copy = new Uint8Array(bytes.subarray((4 + headerLength + 7) & ~7))
  let at = 0
  const arrays: Arrays = header.arrays.map(([kind, length]) => {
    const bytesLength = length * 4
    if (at + bytesLength > copy.byteLength) fail('truncated body')
    const a = kind === 'i' ? new Int32Array(copy.buffer, at, length) : new Float32Array(copy.buffer, at, length)
    at += bytesLength
    return a
  })
  if (arrays.length !== 5 + 3 * FIELDS.length) fail('unexpected layout')
  const slices = (from: number): FieldSlices => Object.fromEntries(FIELDS.map((k, i) => [k, arrays[from + i]])) as unknown as FieldSlices
  return {
    terms: header.terms ? header.terms.split('\n') : [],
    dfAbout: arrays[0] as Int32Array,
    dfAnswer: arrays[1] as Int32Array,
    variantStart: arrays[2] as Int32Array,
    categoryOf: arrays[3] as Int32Array,
    platforms: arrays[4] as Int32Array,
    variants: slices(5),
    categories: slices(5 + FIELDS.length),
    answers: slices(5 + 2 * FIELDS.length),
    avg: header.avg,
  }
}
