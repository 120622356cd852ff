// The prebuilt index beside a corpus (faq.json -> faq.json.index), for a fast cold start. Building
// the matcher's index for a large corpus takes seconds; restoring a saved one should not. The file
// is trusted only when its header says it was made from exactly this corpus file, with exactly
// these matcher options, in this format, and its payload checksum holds: anything else (a stale,
// truncated or damaged file, another format) is refused with a reason and the server builds.
//
//   magic "faq-skill-index\n" | u32 LE header length | header JSON (utf8) | payload (the matcher's bytes)
import { createHash } from 'node:crypto'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { loadCorpusFile } from './load.js'
import type { MatcherFactory } from './store.js'
import type { MatcherOptions } from '../match/index.js'

/** Bump when the layout or the meaning of a header field changes. */
export const INDEX_FORMAT = 1
const MAGIC = Buffer.from('faq-skill-index\n', 'latin1')

export interface IndexHeader {
  format: number
  /** SHA-256 (hex) of the corpus file the index was built from. */
  corpus: string
  /** optionsFingerprint() of the matcher options it was built with. */
  options: string
  entries: number
  payloadBytes: number
  /** SHA-256 (hex) of the payload. */
  payloadSha256: string
  createdAt: string
}

export const indexFileFor = (corpusFile: string) => `${corpusFile}.index`

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

async function fileHash (file: string | undefined): Promise<string | null> {
  if (!file) return null
  try {
    return sha256(await readFile(file))
  } catch (err) {
    // A missing synonyms file means "no synonyms" to the matcher; the same here.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/**
 * What of the matcher options shapes the index: the synonyms file's content (not its path), the
 * thresholds and the model file's content. sliceMs only says how the build yields, so it is left out.
 */
export async function optionsFingerprint (options: MatcherOptions & { modelFile?: string }): Promise<string> {
  const { synonymsFile, modelFile, thresholds } = options
  const thresholdEntries = Object.entries(thresholds ?? {}).sort(([a], [b]) => a.localeCompare(b))
  return sha256(
    JSON.stringify({ synonyms: await fileHash(synonymsFile), model: await fileHash(modelFile), thresholds: thresholdEntries })
  )
}

export function encodeIndex (header: Omit<IndexHeader, 'payloadBytes' | 'payloadSha256' | 'format'>, payload: Uint8Array): Buffer {
  const full: IndexHeader = { format: INDEX_FORMAT, ...header, payloadBytes: payload.byteLength, payloadSha256: sha256(payload) }
  // The header is padded with spaces (still JSON) so the payload starts on an 8-byte boundary of the
  // file: the matcher then views its arrays in the file's memory instead of copying 100+ MB.
  const text = JSON.stringify(full)
  const json = Buffer.from(text.padEnd(text.length + ((8 - ((MAGIC.length + 4 + Buffer.byteLength(text)) % 8)) % 8)), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32LE(json.length)
  return Buffer.concat([MAGIC, length, json, payload])
}

export type IndexCheck = { ok: true, header: IndexHeader, payload: Uint8Array } | { ok: false, reason: string }

/** The payload of `data` if it is an intact index for this corpus hash and options fingerprint. */
export function decodeIndex (data: Uint8Array, expected: { corpus: string, options: string }): IndexCheck {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: 'not an index file' }
  const headerLength = buf.readUInt32LE(MAGIC.length)
  const start = MAGIC.length + 4 + headerLength
  if (start > buf.length) return { ok: false, reason: 'truncated header' }
  let header: IndexHeader
  try {
    header = JSON.parse(buf.subarray(MAGIC.length + 4, start).toString('utf8')) as IndexHeader
  } catch {
    return { ok: false, reason: 'damaged header' }
  }
  if (header.format !== INDEX_FORMAT) return { ok: false, reason: `format ${String(header.format)}, expected ${INDEX_FORMAT}` }
  if (header.corpus !== expected.corpus) return { ok: false, reason: 'stale: built from another corpus file' }
  if (header.options !== expected.options) return { ok: false, reason: 'stale: built with other matcher options (synonyms, thresholds, model)' }
  const payload = buf.subarray(start)
  if (payload.length !== header.payloadBytes) return { ok: false, reason: `truncated: ${payload.length} of ${header.payloadBytes} payload bytes` }
  if (sha256(payload) !== header.payloadSha256) return { ok: false, reason: 'damaged: payload checksum mismatch' }
  return { ok: true, header, payload }
}

/** Read and check an index file; a missing file is a reason like any other. */
export async function readIndexFile (file: string, expected: { corpus: string, options: string }): Promise<IndexCheck> {
  let data: Buffer
  try {
    data = await readFile(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return { ok: false, reason: code === 'ENOENT' ? 'no index file' : `cannot read (${code ?? (err as Error).message})` }
  }
  return decodeIndex(data, expected)
}

export type IndexSnapshotResult =
  | { written: true, file: string, bytes: number, entries: number, buildMs: number }
  | { written: false, file: string, reason: string }

export interface WriteIndexOptions {
  /** Matcher options the server will use (config: SYNONYMS_FILE, MATCH_*). */
  matcher?: MatcherOptions
  /** Where to write; default beside the corpus (`<corpus>.index`). */
  out?: string
  factory?: MatcherFactory
}

/**
 * Build the matcher for `corpusFile` and save its index beside it, for `faq-skill build` and
 * `faq-skill import`. Throws CorpusError on an invalid corpus; returns written: false (with the
 * reason) when the matcher cannot be saved, in which case the server simply builds at start.
 */
export async function writeIndexSnapshot (corpusFile: string, options: WriteIndexOptions = {}): Promise<IndexSnapshotResult> {
  const factory = options.factory ?? (await import('./store.js')).defaultMatcherFactory
  const out = options.out ?? indexFileFor(corpusFile)
  const matcherOptions = options.matcher ?? {}
  const started = performance.now()
  const loaded = await loadCorpusFile(corpusFile)
  const matcher = await factory.create(loaded.corpus, matcherOptions)
  let payload: Uint8Array
  try {
    payload = await factory.snapshot(matcher)
  } catch (err) {
    return { written: false, file: out, reason: (err as Error).message }
  }
  const data = encodeIndex(
    { corpus: loaded.hash, options: await optionsFingerprint(matcherOptions), entries: loaded.corpus.entries.length, createdAt: new Date().toISOString() },
    payload
  )
  // Written aside and renamed: a server starting meanwhile sees the old file or the new one, whole.
  const tmp = `${out}.${process.pid}.tmp`
  await writeFile(tmp, data)
  await rename(tmp, out)
  return { written: true, file: out, bytes: data.length, entries: loaded.corpus.entries.length, buildMs: performance.now() - started }
}
