// Records → corpus entries, in four stages:
//   prepareRecords      clean each record; skip (with a warning naming it) one without question or answer
//   clusterRecords      which records are the same FAQ, and why
//   entryFromCluster    one entry per cluster, and what was merged into it
//   repairIdCollisions  entries that would share an id get ids told apart
// The rule that keeps every FAQ: records merge only when they say the same thing. Everywhere that is
// the same normalized question with the same answer; typo and excerpt merges apply only to sources
// that cut words out of their questions (help-centre pages) or when asked for, and a cluster never
// keeps one answer in place of another that says something different.
import { createHash } from 'node:crypto'
import type { FaqEntry } from '../schema.js'
import type { ImportIssue, ImportRecord } from './record.js'
import { cleanLine, cleanText, compare, fold, sortPlatforms } from './normalize.js'
import { linksInText, mergeLinks } from './links.js'
import { answersAgree, maxLengthGap, prepare, relate } from './similar.js'
import { questionId } from './ids.js'

export interface MergeOptions {
  /** Apply the typo and excerpt rules to every record, not only to help-centre excerpts. */
  fuzzy?: boolean
}

export interface Merge {
  id: string
  question: string
  /** One line per merged record: its source, wording and why it joined. */
  members: Array<{ source: string; question: string; platforms: string[]; reason: string }>
  answerFrom: string
}

/** What became of one input record: every record is kept, merged into an entry, or skipped. */
export interface RecordFate {
  source: string
  question: string
  fate: 'kept' | 'merged' | 'skipped'
  /** The entry it is (kept) or joined (merged). */
  id?: string
  reason: string
}

export interface MergeResult {
  entries: FaqEntry[]
  merges: Merge[]
  issues: ImportIssue[]
  /** In input order. */
  fates: RecordFate[]
}

interface CleanRecord extends ImportRecord {
  folded: string
  foldedAnswer: string
  /** Position in content order (what clustering and ties use, so input order never matters). */
  order: number
  /** Position in the input (what fates are reported by). */
  input: number
}

interface Built {
  entry: FaqEntry
  head: CleanRecord
  members: CleanRecord[]
}

export function mergeRecords (input: ImportRecord[], options: MergeOptions = {}): MergeResult {
  const issues: ImportIssue[] = []
  const fates: RecordFate[] = input.map((r) => ({ source: r.source, question: cleanLine(r.question), fate: 'skipped', reason: '' }))
  const records = prepareRecords(input, issues, fates)
  const { clusters, reasons } = clusterRecords(records, options)
  const support = corpusSupport(records)
  const built = clusters.map((members) => entryFromCluster(members, support, issues))
  repairIdCollisions(built)
  warnSameQuestion(built, issues)

  const merges: Merge[] = []
  for (const { entry, head, members } of built) {
    for (const m of members) {
      const reason = m === head ? 'entry' : (reasons.get(m.order) ?? reasons.get(head.order) ?? 'related through another merged record')
      fates[m.input] = { ...fates[m.input]!, fate: m === head ? 'kept' : 'merged', id: entry.id, reason }
    }
    if (members.length > 1) merges.push(describeCluster(entry, members, reasons))
  }
  return { entries: sortEntries(built.map((b) => b.entry)), merges, issues, fates }
}

/** The corpus file's order: by category path, then question, then id. */
export function sortEntries (entries: FaqEntry[]): FaqEntry[] {
  return entries.sort((a, b) => compare(a.category.join('\u0000'), b.category.join('\u0000')) || compare(a.question, b.question) || compare(a.id, b.id))
}

// ---- prepare ------------------------------------------------------------------------------------

/** A record's content as one sortable key, so the result does not depend on input order. */
const contentKey = (r: ImportRecord) =>
  [fold(r.question), r.question, r.answer, r.platforms.join('|'), r.category.join('>'), r.alternates.join('|'), r.id ?? '', r.source].join('\u0000')

function prepareRecords (input: ImportRecord[], issues: ImportIssue[], fates: RecordFate[]): CleanRecord[] {
  const records: CleanRecord[] = []
  input.forEach((r, i) => {
    const question = cleanLine(r.question)
    const answer = cleanText(r.answer)
    const missing = !fold(question) ? 'empty question' : !answer ? 'empty answer' : undefined
    if (missing) {
      const what = question ? ` ("${question}")` : answer ? ` (answer "${clip(answer, 40)}")` : ''
      issues.push({ level: 'warning', source: r.source, message: `skipped: ${missing}${what}` })
      fates[i] = { ...fates[i]!, reason: missing }
      return
    }
    records.push({
      ...r,
      question,
      answer,
      category: r.category.map(cleanLine).filter(Boolean),
      alternates: r.alternates.map(cleanLine).filter(Boolean),
      folded: fold(question),
      foldedAnswer: fold(answer),
      order: 0,
      input: i,
    })
  })
  records.sort((a, b) => compare(contentKey(a), contentKey(b)))
  records.forEach((r, i) => (r.order = i))
  return records
}

// ---- cluster ------------------------------------------------------------------------------------

class UnionFind {
  readonly parent: number[]
  constructor (n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i)
  }

  find (i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i] ?? i] ?? i
    return i
  }

  union (a: number, b: number): void {
    const [x, y] = [this.find(a), this.find(b)].sort((p, q) => p - q) as [number, number]
    this.parent[y] = x
  }
}

function clusterRecords (records: CleanRecord[], options: MergeOptions): { clusters: CleanRecord[][]; reasons: Map<number, string> } {
  const uf = new UnionFind(records.length)
  const reasons = new Map<number, string>()
  const join = (first: CleanRecord, second: CleanRecord, reason: string) => {
    uf.union(first.order, second.order)
    if (!reasons.has(second.order)) reasons.set(second.order, reason)
    else if (!reasons.has(first.order)) reasons.set(first.order, reason)
  }

  // Same question and same answer: one FAQ everywhere (platform copies, a row pasted twice).
  const heads: CleanRecord[] = []
  const firstCopy = new Map<string, CleanRecord>()
  for (const r of records) {
    const key = `${r.folded}\u0000${r.foldedAnswer}`
    const seen = firstCopy.get(key)
    if (!seen) {
      firstCopy.set(key, r)
      heads.push(r)
    } else join(seen, r, r.platforms.join() !== seen.platforms.join() ? 'same question and answer, another platform' : 'same question and answer')
  }

  // The fuzzy rules, only between records whose source cuts words out of questions.
  const fuzzy = heads.filter((r) => options.fuzzy || r.excerpted)
  const sameQuestion = new Map<string, CleanRecord[]>()
  for (const r of fuzzy) {
    const seen = sameQuestion.get(r.folded) ?? sameQuestion.set(r.folded, []).get(r.folded)!
    // Two excerpts of one answer under one question; answers about other things stay apart
    // (help-centre search cuts many questions down to "…어떻게 해야 하나요?").
    const agrees = seen.find((o) => answersAgree(o.answer, r.answer, o.foldedAnswer, r.foldedAnswer))
    if (agrees) join(agrees, r, 'same question, one answer an excerpt of the other')
    seen.push(r)
  }
  linkSimilarQuestions(fuzzy, join)

  const byRoot = new Map<number, CleanRecord[]>()
  for (const r of records) {
    const root = uf.find(r.order)
    byRoot.set(root, [...(byRoot.get(root) ?? []), r])
  }
  return { clusters: [...byRoot.values()].flatMap(splitDisagreeing), reasons }
}

/**
 * Typo, excerpt and prefix relations between different questions. Only pairs that could relate are
 * compared: close in length (typo, excerpt), or one folded question starting with the other (prefix),
 * which keeps a few thousand questions fast.
 */
function linkSimilarQuestions (heads: CleanRecord[], join: (a: CleanRecord, b: CleanRecord, reason: string) => void): void {
  const items = heads.map((r) => ({ r, info: prepare(r) }))
  const link = (a: (typeof items)[number], b: (typeof items)[number]) => {
    // The same question was settled by its answers already.
    if (a.info.folded === b.info.folded) return
    const rel = relate(a.info, b.info)
    if (!rel) return
    const [first, second] = a.r.order < b.r.order ? [a.r, b.r] : [b.r, a.r]
    join(first, second, rel.detail)
  }
  const byLength = [...items].sort((a, b) => a.info.chars.length - b.info.chars.length || a.r.order - b.r.order)
  for (let i = 0; i < byLength.length; i++) {
    const a = byLength[i]!
    for (let j = i + 1; j < byLength.length; j++) {
      const b = byLength[j]!
      if (b.info.chars.length - a.info.chars.length > maxLengthGap(b.info.chars.length)) break
      link(a, b)
    }
  }
  const byText = [...items].sort((a, b) => compare(a.info.folded, b.info.folded) || a.r.order - b.r.order)
  for (let i = 0; i < byText.length; i++) {
    const a = byText[i]!
    for (let j = i + 1; j < byText.length && byText[j]!.info.folded.startsWith(a.info.folded); j++) {
      const b = byText[j]!
      if (b.info.chars.length - a.info.chars.length > maxLengthGap(b.info.chars.length)) link(a, b)
    }
  }
}

const cp = (s: string) => Array.from(s).length
const clip = (s: string, max: number) => (cp(s) > max ? `${Array.from(s).slice(0, max - 1).join('')}…` : s)

/** The record whose answer a cluster keeps: the longest (most complete); ties by content order. */
const longestAnswer = (members: CleanRecord[]) => [...members].sort((a, b) => cp(b.foldedAnswer) - cp(a.foldedAnswer) || a.order - b.order)[0]!

/**
 * Relations chain (A excerpt of B, B typo of C), so a cluster could end up holding an answer that the
 * kept one does not contain. Such members form clusters of their own: an answer is never dropped.
 */
function splitDisagreeing (members: CleanRecord[]): CleanRecord[][] {
  const out: CleanRecord[][] = []
  let rest = members
  while (rest.length) {
    const keep = longestAnswer(rest)
    const agree = rest.filter((m) => m === keep || answersAgree(m.answer, keep.answer, m.foldedAnswer, keep.foldedAnswer))
    out.push(agree)
    rest = rest.filter((m) => !agree.includes(m))
  }
  return out
}

// ---- build entries ------------------------------------------------------------------------------

/** Words the corpus itself spells one way tell which side of a typo is right ("급상승" occurs in answers). */
function corpusSupport (records: CleanRecord[]): (question: string) => number {
  const corpusText = records.map((r) => r.foldedAnswer).join('\n')
  return (q) => {
    const f = Array.from(fold(q))
    let n = 0
    for (let i = 0; i + 2 <= f.length; i++) if (corpusText.includes(f[i]! + f[i + 1]!)) n++
    return n
  }
}

function entryFromCluster (members: CleanRecord[], support: (q: string) => number, issues: ImportIssue[]): Built {
  const answerRec = longestAnswer(members)
  // The question: the most complete wording, then the one the corpus spells that way, then the most common.
  const wordings = new Map<string, { rec: CleanRecord; count: number }>()
  for (const m of members) {
    const w = wordings.get(m.folded)
    if (!w) wordings.set(m.folded, { rec: m, count: 1 })
    else {
      w.count++
      // Same words: keep the fuller spelling ("…나요?" over "…나요").
      if (cp(m.question) > cp(w.rec.question)) w.rec = m
    }
  }
  const ranked = [...wordings.values()].sort(
    (a, b) => cp(b.rec.folded) - cp(a.rec.folded) || support(b.rec.question) - support(a.rec.question) || b.count - a.count || a.rec.order - b.rec.order
  )
  const head = ranked[0]!.rec
  const alternates: string[] = []
  const seenAlt = new Set([head.folded])
  for (const alt of [...ranked.slice(1).map((w) => w.rec.question), ...members.flatMap((m) => m.alternates)]) {
    const f = fold(alt)
    if (!f || seenAlt.has(f)) continue
    seenAlt.add(f)
    alternates.push(alt)
  }
  const platforms = members.some((m) => m.platforms.length === 0) ? [] : sortPlatforms(members.flatMap((m) => m.platforms))
  const found = linksInText(answerRec.answer)
  for (const bad of found.malformed) {
    issues.push({ level: 'warning', source: answerRec.source, message: `URL-like text in the answer is not a usable link: ${JSON.stringify(bad)}` })
  }
  const ids = [...new Set(members.map((m) => m.id).filter((x): x is string => !!x))]
  const id = head.id ?? ids[0] ?? questionId(head.question)
  if (ids.length > 1) issues.push({ level: 'warning', source: head.source, message: `merged entries had ids ${ids.join(', ')}; kept ${id}` })
  const imageUrl = [head, answerRec, ...members].find((m) => m.imageUrl)?.imageUrl
  const entry: FaqEntry = {
    id,
    category: head.category.length ? head.category : answerRec.category,
    question: head.question,
    alternates,
    answer: answerRec.answer,
    platforms,
    links: mergeLinks(...members.map((m) => m.links), found.links),
    ...(imageUrl ? { imageUrl } : {}),
  }
  return { entry, head, members }
}

function describeCluster (entry: FaqEntry, members: CleanRecord[], reasons: Map<number, string>): Merge {
  const answerRec = longestAnswer(members)
  const answersDiffer = members.some((m) => m.foldedAnswer !== answerRec.foldedAnswer)
  return {
    id: entry.id,
    question: entry.question,
    answerFrom: answersDiffer ? `kept the longest answer (${cp(answerRec.answer)} characters, from ${answerRec.source}); the others are excerpts of it` : 'answers are the same',
    members: members.map((m, i) => ({
      source: m.source,
      question: m.question,
      platforms: m.platforms,
      reason: i === 0 ? 'first' : (reasons.get(m.order) ?? 'related through another merged record'),
    })),
  }
}

/** The same question with different answers stays several entries; the operator should know. */
function warnSameQuestion (built: Built[], issues: ImportIssue[]): void {
  const byQuestion = new Map<string, Built[]>()
  for (const b of built) byQuestion.set(b.head.folded, [...(byQuestion.get(b.head.folded) ?? []), b])
  for (const group of byQuestion.values()) {
    if (group.length < 2) continue
    // In input order, so the message reads as the file does.
    const same = [...group].sort((a, b) => a.head.input - b.head.input)
    const sources = same.map((b) => b.members.find((m) => m.folded === b.head.folded)!.source)
    const categories = same.map((b) => JSON.stringify(b.entry.category.join(' > ')))
    const apart = new Set(categories).size === same.length ? `categories ${categories.join(', ')}` : 'one category; ids told apart by answer'
    issues.push({
      level: 'warning',
      source: sources.join(' and '),
      message: `same question "${same[0]!.head.question}" with ${same.length} different answers: kept as ${same.map((b) => b.entry.id).join(', ')} (${apart}); merge them by hand if they are one FAQ`,
    })
  }
}

// ---- ids ----------------------------------------------------------------------------------------

const shortHash = (text: string, digits: number) => createHash('sha256').update(fold(text)).digest('hex').slice(0, digits)

/**
 * Derived ids collide when two entries have the same question (different answers, told apart here by
 * category, or by answer when the categories are the same too) or, by hash accident, for different
 * questions (the hash is lengthened). Ids the source gave are never changed: validateEntries reports
 * one id given to different questions.
 */
function repairIdCollisions (built: Built[]): void {
  const byId = new Map<string, Built[]>()
  for (const b of built) byId.set(b.entry.id, [...(byId.get(b.entry.id) ?? []), b])
  for (const same of byId.values()) {
    if (same.length < 2) continue
    const derived = same.filter((b) => b.entry.id === questionId(b.entry.question))
    if (derived.length < same.length - 1) continue
    const questions = new Set(derived.map((b) => b.head.folded))
    const digits = questions.size > 1 ? 16 : 8
    for (const group of groupBy(derived, (b) => b.head.folded)) {
      const base = questionId(group[0]!.entry.question, digits)
      if (group.length === 1) {
        group[0]!.entry.id = base
        continue
      }
      const byCategory = new Set(group.map((b) => b.entry.category.join('>'))).size === group.length
      const tag = (b: Built, n: number) => shortHash(byCategory ? b.entry.category.join('>') : b.entry.answer, n)
      const n = new Set(group.map((b) => tag(b, 4))).size === group.length ? 4 : 12
      for (const b of group) b.entry.id = `${base}-${tag(b, n)}`
    }
  }
}

function groupBy<T> (items: T[], key: (t: T) => string): T[][] {
  const m = new Map<string, T[]>()
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t])
  return [...m.values()]
}

// ---- describe -----------------------------------------------------------------------------------

/** Readable lines for the operator. */
export function describeMerges (merges: Merge[]): string[] {
  const lines: string[] = []
  for (const m of merges) {
    lines.push(`merged ${m.members.length} entries into ${m.id} "${m.question}" (${m.answerFrom})`)
    for (const x of m.members) {
      const plat = x.platforms.length ? ` [${x.platforms.join(', ')}]` : ''
      lines.push(`  - ${x.source}${plat}: "${x.question}"${x.reason === 'first' ? '' : ` (${x.reason})`}`)
    }
  }
  return lines
}

/** "N records: K entries, M merged into them, S skipped (empty answer 3, empty question 1)". */
export function summarizeFates (fates: RecordFate[]): string {
  const count = (f: RecordFate['fate']) => fates.filter((x) => x.fate === f).length
  const why = new Map<string, number>()
  for (const f of fates) if (f.fate === 'skipped') why.set(f.reason, (why.get(f.reason) ?? 0) + 1)
  const skipped = count('skipped')
  const reasons = skipped ? ` (${[...why].map(([r, n]) => `${r} ${n}`).join(', ')})` : ''
  return `${fates.length} record(s): ${count('kept')} kept as entries, ${count('merged')} merged into them, ${skipped} skipped${reasons}`
}
