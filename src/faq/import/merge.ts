// Records → corpus entries: cluster records that are the same FAQ, build one entry per cluster,
// and say what was merged and why.
import type { FaqEntry } from '../schema.js'
import type { ImportIssue, ImportRecord } from './record.js'
import { cleanLine, cleanText, compare, fold, sortPlatforms } from './normalize.js'
import { linksInText, mergeLinks } from './links.js'
import { answersAgree, maxLengthGap, prepare, relate, type Relation } from './similar.js'
import { questionId } from './ids.js'

export interface Merge {
  id: string
  question: string
  /** One line per merged record: its source, wording and why it joined. */
  members: Array<{ source: string; question: string; platforms: string[]; reason: string }>
  answerFrom: string
}

export interface MergeResult {
  entries: FaqEntry[]
  merges: Merge[]
  issues: ImportIssue[]
}

interface Prepared extends ImportRecord {
  folded: string
  order: number
}

class UnionFind {
  readonly parent: number[]
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i)
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i] ?? i] ?? i
    return i
  }
  union(a: number, b: number): void {
    const [x, y] = [this.find(a), this.find(b)].sort((p, q) => p - q) as [number, number]
    this.parent[y] = x
  }
}

const cp = (s: string) => Array.from(s).length

/** A record's content as one sortable key, so the result does not depend on input order. */
const contentKey = (r: ImportRecord) =>
  [fold(r.question), r.question, r.answer, r.platforms.join('|'), r.category.join('>'), r.alternates.join('|'), r.id ?? '', r.source].join('\u0000')

export function mergeRecords(input: ImportRecord[]): MergeResult {
  const issues: ImportIssue[] = []
  const records: Prepared[] = input
    .map((r) => ({
      ...r,
      question: cleanLine(r.question),
      answer: cleanText(r.answer),
      category: r.category.map(cleanLine).filter(Boolean),
      alternates: r.alternates.map(cleanLine).filter(Boolean),
      folded: fold(r.question),
      order: 0,
    }))
    .filter((r) => {
      if (!r.question || !r.folded) issues.push({ level: 'error', source: r.source, message: 'empty question' })
      if (!r.answer) issues.push({ level: 'error', source: r.source, message: `empty answer for "${r.question}"` })
      return r.folded && r.answer
    })
    .sort((a, b) => compare(contentKey(a), contentKey(b)))
  records.forEach((r, i) => (r.order = i))

  // Cluster: exact matches by folded question, then the fuzzy rules between distinct questions.
  const uf = new UnionFind(records.length)
  const reasons = new Map<number, { relation: Relation; detail: string }>()
  const firstByQuestion = new Map<string, number>()
  for (const r of records) {
    const seen = firstByQuestion.get(r.folded)
    if (seen === undefined) firstByQuestion.set(r.folded, r.order)
    else {
      uf.union(seen, r.order)
      const other = records[seen]
      const sameAnswer = other !== undefined && fold(other.answer) === fold(r.answer)
      reasons.set(r.order, {
        relation: 'same',
        detail: sameAnswer ? (r.platforms.join() !== other.platforms.join() ? 'same question and answer, another platform' : 'same question and answer') : 'same question, another answer',
      })
    }
  }
  // Only pairs that could relate are compared: close in length (typo, excerpt), or one folded
  // question starting with the other (prefix). Keeps a few thousand questions fast.
  const heads = [...firstByQuestion.values()].map((i) => ({ order: i, info: prepare(records[i]!) }))
  const link = (a: (typeof heads)[number], b: (typeof heads)[number]) => {
    const rel = relate(a.info, b.info)
    if (!rel) return
    uf.union(a.order, b.order)
    const [first, second] = a.order < b.order ? [a, b] : [b, a]
    if (!reasons.has(second.order)) reasons.set(second.order, rel)
    else if (!reasons.has(first.order)) reasons.set(first.order, rel)
  }
  const byLength = [...heads].sort((a, b) => a.info.chars.length - b.info.chars.length || a.order - b.order)
  for (let i = 0; i < byLength.length; i++) {
    const a = byLength[i]!
    for (let j = i + 1; j < byLength.length; j++) {
      const b = byLength[j]!
      if (b.info.chars.length - a.info.chars.length > maxLengthGap(b.info.chars.length)) break
      link(a, b)
    }
  }
  const byText = [...heads].sort((a, b) => compare(a.info.folded, b.info.folded) || a.order - b.order)
  for (let i = 0; i < byText.length; i++) {
    const a = byText[i]!
    for (let j = i + 1; j < byText.length && byText[j]!.info.folded.startsWith(a.info.folded); j++) {
      const b = byText[j]!
      if (b.info.chars.length - a.info.chars.length > maxLengthGap(b.info.chars.length)) link(a, b)
    }
  }

  const clusters = new Map<number, Prepared[]>()
  for (const r of records) {
    const root = uf.find(r.order)
    clusters.set(root, [...(clusters.get(root) ?? []), r])
  }

  // Words the corpus itself spells one way tell which side of a typo is right ("급상승" occurs in answers).
  const corpusText = records.map((r) => fold(r.answer)).join('\n')
  const support = (q: string) => {
    const f = Array.from(fold(q))
    let n = 0
    for (let i = 0; i + 2 <= f.length; i++) if (corpusText.includes(f[i]! + f[i + 1]!)) n++
    return n
  }

  const entries: FaqEntry[] = []
  const merges: Merge[] = []
  for (const members of clusters.values()) {
    // The answer: the longest (most complete); ties by content order.
    const answerRec = [...members].sort((a, b) => cp(fold(b.answer)) - cp(fold(a.answer)) || a.order - b.order)[0]!
    // The question: the most complete wording, then the one the corpus spells that way, then the most common.
    const wordings = new Map<string, { rec: Prepared; count: number }>()
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
      (a, b) =>
        cp(b.rec.folded) - cp(a.rec.folded) ||
        support(b.rec.question) - support(a.rec.question) ||
        b.count - a.count ||
        a.rec.order - b.rec.order,
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
    entries.push(entry)
    const answersDiffer = members.some((m) => fold(m.answer) !== fold(answerRec.answer))
    // A dropped answer that is not an excerpt of the kept one is content the operator may want back.
    for (const m of members) {
      if (m !== answerRec && !answersAgree(m.answer, answerRec.answer)) {
        issues.push({ level: 'warning', source: m.source, message: `answer dropped in favour of the longer one from ${answerRec.source} ("${head.question}"); they say different things` })
      }
    }
    if (members.length > 1) {
      merges.push({
        id,
        question: head.question,
        answerFrom: answersDiffer ? `kept the longest answer (${cp(answerRec.answer)} characters, from ${answerRec.source})` : 'answers are the same',
        members: members.map((m) => ({
          source: m.source,
          question: m.question,
          platforms: m.platforms,
          reason: m === members[0] ? 'first' : (reasons.get(m.order)?.detail ?? 'related through another merged entry'),
        })),
      })
    }
  }

  // Derived ids could collide only by hash accident; lengthen the hash for those rather than renumber.
  const byId = new Map<string, FaqEntry[]>()
  for (const e of entries) byId.set(e.id, [...(byId.get(e.id) ?? []), e])
  for (const same of byId.values()) {
    if (same.length < 2) continue
    const derived = same.filter((e) => e.id === questionId(e.question))
    // Otherwise the source gave one id to different questions: validateEntries reports it.
    if (derived.length >= same.length - 1) for (const e of derived) e.id = questionId(e.question, 16)
  }

  entries.sort((a, b) => compare(a.category.join('\u0000'), b.category.join('\u0000')) || compare(a.question, b.question) || compare(a.id, b.id))
  return { entries, merges, issues }
}

/** Readable lines for the operator. */
export function describeMerges(merges: Merge[]): string[] {
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
