// faq-skill import … --suggestions suggestions.csv: the rows of `faq-skill report --suggest` the
// operator accepted, applied to the corpus. Alternates join their FAQ by id, new questions become
// entries once the operator wrote their answer, rewrites replace an answer. Existing ids never change,
// and applying the same file again changes nothing.
import { parse } from 'csv-parse/sync'
import { createHash } from 'node:crypto'
import type { FaqEntry } from '../schema.js'
import { isAccepted } from '../../report/suggest.js'
import { ImportError, type ImportIssue } from './record.js'
import { decodeCsv, splitCategory } from './csv.js'
import { cleanLine, cleanText, fold } from './normalize.js'
import { questionId } from './ids.js'

export interface SuggestionRow {
  source: string
  type: string
  faqId: string
  text: string
  answer: string
  category: string[]
}

export interface Applied {
  entries: FaqEntry[]
  /** One line per change, for the operator. */
  changes: string[]
  /** Accepted rows that were already in the corpus (a second run). */
  unchanged: number
  /** Rows not accepted. */
  ignored: number
}

/** The accepted rows, by column name (the operator may reorder or add columns). */
export function readSuggestions (bytes: Uint8Array, file: string, issues: ImportIssue[]): { rows: SuggestionRow[]; ignored: number } {
  const text = decodeCsv(bytes, file, issues).replace(/^\uFEFF/, '')
  let table: string[][]
  try {
    table = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]
  } catch (err) {
    throw new ImportError(`${file}: cannot parse CSV (${(err as Error).message})`)
  }
  const [header, ...body] = table
  const col = new Map((header ?? []).map((h, i) => [h.trim().toLowerCase(), i]))
  for (const need of ['accept', 'type', 'text']) {
    if (!col.has(need)) throw new ImportError(`${file}: no "${need}" column; is this a file from faq-skill report --suggest?`)
  }
  const cell = (row: string[], name: string) => row[col.get(name) ?? -1] ?? ''
  const rows: SuggestionRow[] = []
  let ignored = 0
  body.forEach((row, i) => {
    if (!isAccepted(cell(row, 'accept'))) {
      ignored++
      return
    }
    rows.push({
      source: `${file} row ${i + 2}`,
      type: cell(row, 'type').trim().toLowerCase(),
      faqId: cell(row, 'faq_id').trim(),
      text: cleanLine(cell(row, 'text')),
      answer: cleanText(cell(row, 'answer')),
      category: splitCategory(cell(row, 'category')),
    })
  })
  return { rows, ignored }
}

/** Applies accepted rows to `entries` (a copy is changed; the input is not). */
export function applySuggestions (input: FaqEntry[], rows: SuggestionRow[], issues: ImportIssue[]): Omit<Applied, 'ignored'> {
  const entries = input.map((e) => ({ ...e, alternates: [...e.alternates] }))
  const byId = new Map(entries.map((e) => [e.id, e]))
  const owner = new Map<string, FaqEntry>()
  for (const e of entries) for (const w of [e.question, ...e.alternates]) if (!owner.has(fold(w))) owner.set(fold(w), e)
  const changes: string[] = []
  let unchanged = 0
  const warn = (r: SuggestionRow, message: string) => issues.push({ level: 'warning', source: r.source, message })

  for (const r of rows) {
    if (!fold(r.text) && r.type !== 'rewrite') {
      warn(r, 'accepted but the text column is empty; skipped')
      continue
    }
    const mine = owner.get(fold(r.text))
    if (r.type === 'alternate') {
      const entry = byId.get(r.faqId)
      if (!entry) warn(r, `no entry ${JSON.stringify(r.faqId)} for the alternate "${r.text}"; skipped`)
      else if (mine === entry) unchanged++
      else if (mine) warn(r, `"${r.text}" is already a wording of ${mine.id} ("${mine.question}"); not added to ${entry.id}, so the matcher need not guess`)
      else {
        entry.alternates.push(r.text)
        owner.set(fold(r.text), entry)
        changes.push(`added alternate "${r.text}" to ${entry.id} "${entry.question}" (${r.source})`)
      }
    } else if (r.type === 'new') {
      if (!r.answer) warn(r, `accepted the new question "${r.text}" but its answer column is empty; skipped`)
      else if (mine && mine.question !== r.text && fold(mine.question) !== fold(r.text)) warn(r, `"${r.text}" is already an alternate of ${mine.id} ("${mine.question}"); not added`)
      else if (mine && mine.answer === r.answer) unchanged++
      else if (mine) warn(r, `"${r.text}" is already the question of ${mine.id} with another answer; change it there (or accept a rewrite row)`)
      else {
        const entry: FaqEntry = { id: newId(r, byId), category: r.category, question: r.text, alternates: [], answer: r.answer, platforms: [], links: [] }
        entries.push(entry)
        byId.set(entry.id, entry)
        owner.set(fold(r.text), entry)
        changes.push(`added ${entry.id} "${entry.question}"${entry.category.length ? ` [${entry.category.join(' > ')}]` : ''} (${r.source})`)
      }
    } else if (r.type === 'rewrite') {
      const entry = byId.get(r.faqId)
      if (!entry) warn(r, `no entry ${JSON.stringify(r.faqId)} to rewrite; skipped`)
      else if (!r.answer) warn(r, `accepted a rewrite of ${entry.id} but the answer column is empty; nothing to apply`)
      else if (entry.answer === r.answer) unchanged++
      else {
        entry.answer = r.answer
        changes.push(`rewrote the answer of ${entry.id} "${entry.question}" (${r.source})`)
      }
    } else warn(r, `unknown type ${JSON.stringify(r.type)} (alternate, new or rewrite); skipped`)
  }
  return { entries, changes, unchanged }
}

/** The question's id, as an import would derive it; told apart by answer if an entry has it already. */
function newId (r: SuggestionRow, byId: Map<string, FaqEntry>): string {
  const base = questionId(r.text)
  if (!byId.has(base)) return base
  return `${base}-${createHash('sha256').update(fold(r.answer)).digest('hex').slice(0, 4)}`
}
