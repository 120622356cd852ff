// JSON (a corpus file or a bare array of entries) and JSONL (one entry per line) in the corpus format.
import { CorpusError, validateEntry } from '../load.js'
import { FaqEntryInput } from '../schema.js'
import { ImportError, type ImportRecord } from './record.js'

function toRecord (raw: unknown, where: string): ImportRecord {
  let e
  try {
    e = validateEntry(FaqEntryInput, raw, where)
  } catch (err) {
    if (err instanceof CorpusError) throw new ImportError(err.message)
    throw err
  }
  return {
    question: e.question,
    answer: e.answer,
    category: e.category,
    alternates: e.alternates,
    platforms: e.platforms,
    links: e.links,
    ...(e.imageUrl ? { imageUrl: e.imageUrl } : {}),
    ...(e.id ? { id: e.id } : {}),
    source: where,
  }
}

export function readJson (text: string, file: string): ImportRecord[] {
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new ImportError(`${file}: not valid JSON (${(err as Error).message})`)
  }
  let entries: unknown = raw
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const obj = raw as Record<string, unknown>
    if ('entries' in obj) {
      if (obj.version !== 1) throw new ImportError(`${file}: "version" must be 1 (got ${JSON.stringify(obj.version)})`)
      entries = obj.entries
    } else entries = [raw] // a single entry
  }
  if (!Array.isArray(entries)) throw new ImportError(`${file}: expected { "version": 1, "entries": [...] } or an array of entries`)
  return entries.map((e, i) => toRecord(e, `${file}: entry ${i}`))
}

export function readJsonl (text: string, file: string): ImportRecord[] {
  const out: ImportRecord[] = []
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim()) return
      let raw: unknown
      try {
        raw = JSON.parse(line)
      } catch (err) {
        throw new ImportError(`${file}:${i + 1}: not valid JSON (${(err as Error).message})`)
      }
      out.push(toRecord(raw, `${file}:${i + 1}`))
    })
  return out
}
