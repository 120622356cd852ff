// Load and validate a corpus file. Accepts { version: 1, entries } or a bare array of entries;
// defaults the optional arrays; refuses invalid input with a message naming file, entry and field.
import { readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { Value } from '@sinclair/typebox/value'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { FaqEntry, type FaqCorpus } from './schema.js'

export class CorpusError extends Error {
  override name = 'CorpusError'
}

export interface LoadedCorpus {
  corpus: FaqCorpus
  /** Content hash of the file: changes whenever the corpus does. */
  version: string
  file: string
}

export async function loadCorpusFile(file: string): Promise<LoadedCorpus> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new CorpusError(`${file}: cannot read corpus file (${(err as Error).message})`)
  }
  return { corpus: parseCorpus(text, file), version: createHash('sha256').update(text).digest('hex').slice(0, 12), file }
}

export function parseCorpus(text: string, file = '<corpus>'): FaqCorpus {
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new CorpusError(`${file}: not valid JSON (${(err as Error).message})`)
  }
  return validateCorpus(raw, file)
}

// Compiled once: checking 100k entries with the interpreter took seconds at start-up.
const entryCheck = TypeCompiler.Compile(FaqEntry)

export function validateCorpus(raw: unknown, file = '<corpus>'): FaqCorpus {
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
    const where = `${file}: entry ${i}${e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? ` (id "${(e as { id: string }).id}")` : ''}`
    if (!e || typeof e !== 'object' || Array.isArray(e)) throw new CorpusError(`${where}: must be an object`)
    // A shallow copy is enough: defaults only fill missing top-level arrays, nested values are not mutated.
    const entry = Value.Default(FaqEntry, { ...e }) as unknown
    const first = entryCheck.Check(entry) ? undefined : Value.Errors(FaqEntry, entry).First()
    if (first) {
      const field = first.path.replace(/^\//, '').replace(/\//g, '.') || '(entry)'
      throw new CorpusError(`${where}: field "${field}" ${describe(first.message, first.path, entry)}`)
    }
    const valid = entry as FaqEntry
    const seen = ids.get(valid.id)
    if (seen !== undefined) throw new CorpusError(`${where}: field "id" duplicates entry ${seen}`)
    ids.set(valid.id, i)
    out.push(valid)
  })
  return { version: 1, entries: out }
}

function describe(message: string, path: string, entry: unknown): string {
  const value = path.split('/').filter(Boolean).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], entry)
  if (value === undefined) return 'is missing'
  if (/pattern/i.test(message) && typeof value === 'string') {
    return /url|imageUrl/i.test(path) ? `is not an http(s) URL: ${JSON.stringify(value)}` : 'must not be empty'
  }
  return message.toLowerCase()
}
