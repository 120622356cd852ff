// faq-skill import: read help-centre pages, CSV and JSON/JSONL into one corpus, deterministically.
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type { FaqCorpus, FaqEntry } from '../schema.js'
import { validateCorpus } from '../load.js'
import { ImportError, type ImportIssue, type ImportRecord } from './record.js'
import { readHelpCentre } from './helpcentre.js'
import { readCsv } from './csv.js'
import { readJson, readJsonl } from './json.js'
import { describeMerges, mergeRecords, sortEntries, summarizeFates, type Merge, type MergeOptions, type RecordFate } from './merge.js'
import { applySuggestions, readSuggestions, type Applied } from './suggestions.js'
import { validateEntries } from './validate.js'

export type SourceFormat = 'helpcentre' | 'csv' | 'json' | 'jsonl'

/** By extension first; for anything else look at the content. */
export function detectFormat (file: string, text: string): SourceFormat {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv' || ext === '.tsv') return 'csv'
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl'
  if (ext === '.json') return 'json'
  const body = text.replace(/^\uFEFF/, '').trimStart()
  if (/^\s*(?:•\s*)?(?:\[[^\]\n]+\]){2,}\s*$/m.test(text)) return 'helpcentre'
  if (body.startsWith('[')) return 'json'
  if (body.startsWith('{')) {
    const firstLine = body.split('\n', 1)[0] ?? ''
    try {
      JSON.parse(firstLine)
      return body.trim().includes('\n') ? 'jsonl' : 'json'
    } catch {
      return 'json'
    }
  }
  const header = body.split(/\r?\n/, 1)[0] ?? ''
  if (/[,;\t]/.test(header) && /(question|질문)/i.test(header)) return 'csv'
  throw new ImportError(`${file}: cannot tell the format; use a .csv, .json or .jsonl extension, or a help-centre page`)
}

async function readBytes (file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (err) {
    throw new ImportError(`${file}: cannot read (${(err as Error).message})`)
  }
}

export async function readSource (file: string, issues: ImportIssue[]): Promise<ImportRecord[]> {
  const bytes = await readBytes(file)
  // Detection looks at text; a CSV in another encoding still has a .csv name.
  const format = detectFormat(file, bytes.toString('utf8'))
  switch (format) {
    case 'csv':
      return readCsv(bytes, file, issues)
    case 'json':
      return readJson(bytes.toString('utf8'), file)
    case 'jsonl':
      return readJsonl(bytes.toString('utf8'), file)
    case 'helpcentre':
      return readHelpCentre(bytes.toString('utf8'), file)
  }
}

export interface ImportOptions extends MergeOptions {
  /** Warnings refuse the import too (nothing is written). */
  strict?: boolean
  /** A `faq-skill report --suggest` file: its accepted rows are applied after the merge. */
  suggestions?: string
}

export interface ImportResult {
  corpus: FaqCorpus
  records: number
  merges: Merge[]
  /** What became of every input record, in input order. */
  fates: RecordFate[]
  issues: ImportIssue[]
  /** Issues that refuse the import: errors, and warnings under `strict`. */
  errors: number
  /** With `suggestions`: what they changed. */
  suggested?: Omit<Applied, 'entries'>
}

export async function importFiles (files: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const issues: ImportIssue[] = []
  const records: ImportRecord[] = []
  for (const f of files) records.push(...(await readSource(f, issues)))
  const merged = mergeRecords(records, options)
  issues.push(...merged.issues)
  let entries = merged.entries
  let suggested: ImportResult['suggested']
  if (options.suggestions) {
    const { rows, ignored } = readSuggestions(await readBytes(options.suggestions), options.suggestions, issues)
    const applied = applySuggestions(entries, rows, issues)
    entries = sortEntries(applied.entries)
    suggested = { changes: applied.changes, unchanged: applied.unchanged, ignored }
  }
  issues.push(...validateEntries(entries))
  const errors = issues.filter((i) => i.level === 'error' || (options.strict && i.level === 'warning')).length
  // Last line of defence: what we write must load (with errors, nothing is written anyway).
  const corpus: FaqCorpus = errors ? { version: 1, entries } : validateCorpus({ version: 1, entries }, '<import>')
  return { corpus, records: records.length, merges: merged.merges, fates: merged.fates, issues, errors, ...(suggested ? { suggested } : {}) }
}

const KEY_ORDER: Array<keyof FaqEntry> = ['id', 'category', 'question', 'alternates', 'answer', 'platforms', 'links', 'imageUrl']

/** The corpus file's bytes: fixed key order, 2-space indent, trailing newline. */
export function serializeCorpus (corpus: FaqCorpus): string {
  const entries = corpus.entries.map((e) => {
    const out: Record<string, unknown> = {}
    for (const k of KEY_ORDER) if (e[k] !== undefined) out[k] = k === 'links' ? e.links.map((l) => ({ label: l.label, url: l.url })) : e[k]
    return out
  })
  return `${JSON.stringify({ version: 1, entries }, null, 2)}\n`
}

export function describeIssues (issues: ImportIssue[]): string[] {
  return issues.map((i) => `${i.level}: ${i.source}: ${i.message}`)
}

export { describeMerges, summarizeFates, ImportError }
