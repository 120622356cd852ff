// Load and validate a corpus file. Accepts { version: 1, entries } or a bare array of entries;
// defaults the optional arrays; refuses invalid input with a message naming file, entry and field.
import { readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value'
import type { Static } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { FaqEntry, FaqEntryInput, type FaqCorpus } from './schema.js'

// Compiled once: checking 100k entries with Value.Check alone takes seconds.
const compiled = new Map([FaqEntry, FaqEntryInput].map((s) => [s, TypeCompiler.Compile(s)] as const))

export class CorpusError extends Error {
  override name = 'CorpusError'
}

export interface LoadedCorpus {
  corpus: FaqCorpus
  /** Content hash of the file: changes whenever the corpus does. */
  version: string
  /** The whole SHA-256 of the file (hex); `version` is its first 12 digits. */
  hash: string
  file: string
}

export async function loadCorpusFile (file: string): Promise<LoadedCorpus> {
  const { text, hash } = await readHashed(file)
  return { corpus: parseCorpus(text, file), version: hash.slice(0, 12), hash, file }
}

/**
 * The file as text, and the SHA-256 of its bytes as read: hashing the decoded text meant encoding
 * it back to UTF-8 first (100k entries, 47 MB: ~140 ms against ~35 ms); the same hash for any
 * UTF-8 file. The bytes are dropped on return, before the text is parsed.
 */
async function readHashed (file: string): Promise<{ text: string, hash: string }> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (err) {
    throw new CorpusError(`${file}: cannot read corpus file (${(err as Error).message})`)
  }
  return { text: bytes.toString('utf8'), hash: createHash('sha256').update(bytes).digest('hex') }
}

export function parseCorpus (text: string, file = '<corpus>'): FaqCorpus {
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new CorpusError(`${file}: not valid JSON (${(err as Error).message})`)
  }
  return validateCorpus(raw, file)
}

export function validateCorpus (raw: unknown, file = '<corpus>'): FaqCorpus {
  let entries: unknown
  if (Array.isArray(raw)) entries = raw
  else if (raw && typeof raw === 'object') {
    const obj = raw as Record<string, unknown>
    if (obj.version !== 1) throw new CorpusError(`${file}: "version" must be 1 (got ${JSON.stringify(obj.version)})`)
    entries = obj.entries
    const extra = Object.keys(obj).filter((k) => k !== 'version' && k !== 'entries')
    if (extra.length) throw new CorpusError(`${file}: unknown top-level field "${extra[0]}"`)
  }
  if (!Array.isArray(entries)) throw new CorpusError(`${file}: expected { "version": 1, "entries": [...] } or an array of entries`)

  const out: FaqEntry[] = []
  const ids = new Map<string, number>()
  entries.forEach((e, i) => {
    const id = e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : undefined
    const where = `${file}: entry ${i}${id !== undefined ? ` (id "${id}")` : ''}`
    const valid = validateEntry(FaqEntry, e, where)
    const seen = ids.get(valid.id)
    if (seen !== undefined) throw new CorpusError(`${where}: field "id" duplicates entry ${seen}`)
    ids.set(valid.id, i)
    out.push(valid)
  })
  return { version: 1, entries: out }
}

/**
 * Check one entry against `schema` (FaqEntry, or FaqEntryInput for importers), filling defaults.
 * `where` names the file and entry (or line) for the error message.
 */
export function validateEntry<S extends typeof FaqEntry | typeof FaqEntryInput> (schema: S, e: unknown, where: string): Static<S> {
  if (!e || typeof e !== 'object' || Array.isArray(e)) throw new CorpusError(`${where}: must be an object`)
  const check = compiled.get(schema)!
  // Every default is on a required field, so an entry that already passes has nothing to fill:
  // skip Value.Default (the interpreted walk was most of loading a 100k-entry corpus).
  if (check.Check(e)) return { ...e } as Static<S>
  // A shallow copy is enough: defaults only fill missing top-level arrays, nested values are not mutated.
  const entry = Value.Default(schema, { ...e }) as unknown
  const first = check.Check(entry) ? undefined : Value.Errors(schema, entry).First()
  if (first) {
    const field = first.path.replace(/^\//, '').replace(/\//g, '.') || '(entry)'
    throw new CorpusError(`${where}: field "${field}" ${describe(first, entry)}`)
  }
  return entry as Static<S>
}

function describe (error: ValueError, entry: unknown): string {
  const value = error.path.split('/').filter(Boolean).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], entry)
  if (value === undefined) return 'is missing'
  if (error.type === ValueErrorType.ObjectAdditionalProperties) return 'is not a corpus field'
  if (typeof value === 'string' && (error.type === ValueErrorType.StringPattern || error.type === ValueErrorType.StringMinLength)) {
    if (/url/i.test(error.path) && value.trim()) return `is not an http(s) URL: ${JSON.stringify(value)}`
    return 'must not be empty'
  }
  return error.message.toLowerCase()
}
