// Suggestions from traffic, for the operator to accept in a spreadsheet:
// - alternate: what users typed before they chose an FAQ (a tap on a choice, 네 on the one
//   suggestion, 도움이 됐어요 after the answer) becomes another wording of that FAQ;
// - new: utterances the bot could not answer, asked again and again (grouped by similarity),
//   become a new FAQ once the operator writes the answer;
// - rewrite: FAQs users often said 아니요 to.
// The file is CSV, UTF-8 with a BOM and CRLF (what Excel opens correctly), with an empty `accept`
// column; `faq-skill import --suggestions` applies the accepted rows.
import type { FaqCorpus } from '../faq/schema.js'
import { compare, fold } from '../faq/import/normalize.js'
import type { SkillReply } from './parse.js'
import type { Report } from './analyze.js'

export type SuggestionType = 'alternate' | 'new' | 'rewrite'

export interface Suggestion {
  type: SuggestionType
  /** alternate, rewrite: the FAQ. */
  faqId?: string
  faqQuestion?: string
  /** alternate: the wording to add; new: the question; rewrite: the question as it is. */
  text: string
  /** new, rewrite: for the operator to write. */
  answer?: string
  /** new: a category path ("배송 > 해외"), for the operator to fill in. */
  category?: string
  count: number
  /** rewrite: the share of 아니요 among the votes. */
  share?: number
  /** What the count is made of ("choice 3, 네 1"). */
  evidence: string
  examples: string[]
  note?: string
  firstDay: string
  lastDay: string
}

export interface SuggestOptions {
  /** Corpus the log was served from: FAQ questions in the file, and wordings it already has skipped. */
  corpus?: FaqCorpus
  /** A miss must be asked this often to be proposed as a new FAQ. */
  minMisses?: number
  /** An FAQ needs this many 아니요 votes to be proposed for a rewrite... */
  minNo?: number
  /** ...and this share of 아니요 among its votes. */
  minNoShare?: number
}

/** The columns, in order; `faq-skill import --suggestions` reads them by name. */
export const SUGGESTION_COLUMNS = ['accept', 'type', 'faq_id', 'faq_question', 'text', 'answer', 'category', 'count', 'share', 'evidence', 'examples', 'note', 'first_day', 'last_day'] as const

/** What accepts a row in the `accept` column (case and spaces ignored); anything else does not. */
const ACCEPT = new Set(['y', 'yes', '1', 'o', '예', '✓'])
export const isAccepted = (cell: string | undefined) => ACCEPT.has((cell ?? '').normalize('NFKC').trim().toLowerCase())

const EVIDENCE = { choice: 'choice', 'confirm-yes': '네', yes: '도움이 됐어요' } as const
type Evidence = keyof typeof EVIDENCE

/** An utterance that led the user to an FAQ, and how we know. */
function chosen (r: SkillReply): { faqId: string; query: string; how: Evidence } | undefined {
  if (!r.faqId || !r.query) return undefined
  if (r.kind === 'answer' && r.tap === 'choice') return { faqId: r.faqId, query: r.query, how: 'choice' }
  if (r.kind === 'answer' && r.tap === 'confirm-yes') return { faqId: r.faqId, query: r.query, how: 'confirm-yes' }
  if (r.kind === 'feedback' && r.feedback === 'yes') return { faqId: r.faqId, query: r.query, how: 'yes' }
  return undefined
}

interface Tally {
  wordings: Map<string, number>
  byFaq: Map<string, Map<Evidence, number>>
  /** 아니요 after that FAQ answered this utterance: evidence against. */
  no: Map<string, number>
  days: string[]
}

const bump = <K>(m: Map<K, number>, k: K, n = 1) => m.set(k, (m.get(k) ?? 0) + n)
const sum = (m: Map<unknown, number>) => [...m.values()].reduce((a, b) => a + b, 0)
const byCount = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1] || compare(String(a[0]), String(b[0])))

function wordingsOf (corpus: FaqCorpus | undefined): Map<string, string> {
  const owner = new Map<string, string>()
  for (const e of corpus?.entries ?? []) for (const w of [e.question, ...e.alternates]) if (!owner.has(fold(w))) owner.set(fold(w), e.id)
  return owner
}

export function suggestAlternates (replies: SkillReply[], options: SuggestOptions = {}): Suggestion[] {
  const known = wordingsOf(options.corpus)
  const questions = new Map((options.corpus?.entries ?? []).map((e) => [e.id, e.question]))
  const tallies = new Map<string, Tally>()
  for (const r of replies) {
    const c = chosen(r)
    const against = r.kind === 'feedback' && r.feedback === 'no' && r.faqId && r.query ? { faqId: r.faqId, query: r.query } : undefined
    const key = fold(c?.query ?? against?.query ?? '')
    if (!key) continue
    let t = tallies.get(key)
    if (!t) tallies.set(key, (t = { wordings: new Map(), byFaq: new Map(), no: new Map(), days: [] }))
    if (against) {
      bump(t.no, against.faqId)
      continue
    }
    bump(t.wordings, c!.query)
    const ev = t.byFaq.get(c!.faqId) ?? t.byFaq.set(c!.faqId, new Map()).get(c!.faqId)!
    bump(ev, c!.how)
    t.days.push(r.day)
  }
  const out: Suggestion[] = []
  for (const [key, t] of tallies) {
    // Users who typed this chose one FAQ most: that is where the wording belongs.
    const ranked = [...t.byFaq].map(([id, ev]) => ({ id, ev, net: sum(ev) - (t.no.get(id) ?? 0) })).sort((a, b) => b.net - a.net || compare(a.id, b.id))
    const best = ranked[0]
    if (!best || best.net <= 0 || known.has(key)) continue
    const words = byCount(t.wordings)
    const others = ranked.slice(1).filter((x) => x.net > 0)
    const no = t.no.get(best.id) ?? 0
    t.days.sort()
    out.push({
      type: 'alternate',
      faqId: best.id,
      faqQuestion: questions.get(best.id),
      text: words[0]![0],
      count: sum(best.ev),
      evidence: [...byCount(best.ev).map(([how, n]) => `${EVIDENCE[how]} ${n}`), ...(no ? [`아니요 ${no}`] : [])].join(', '),
      examples: words.slice(1).map(([w, n]) => `${w} (${n})`),
      ...(others.length ? { note: `also chosen: ${others.map((x) => `${x.id} (${sum(x.ev)})`).join(', ')}` } : {}),
      firstDay: t.days[0]!,
      lastDay: t.days[t.days.length - 1]!,
    })
  }
  return out.sort((a, b) => b.count - a.count || compare(a.faqId ?? '', b.faqId ?? '') || compare(a.text, b.text))
}

export function suggestNewFaqs (report: Report, alternates: Suggestion[], options: SuggestOptions = {}): Suggestion[] {
  const min = options.minMisses ?? 2
  const known = wordingsOf(options.corpus)
  const covered = new Set(alternates.map((a) => fold(a.text)))
  const questions = new Map((options.corpus?.entries ?? []).map((e) => [e.id, e.question]))
  return report.misses
    .filter((g) => g.count >= min && !covered.has(fold(g.text)) && !known.has(fold(g.text)))
    .map((g) => ({
      type: 'new' as const,
      text: g.text,
      answer: '',
      category: '',
      count: g.count,
      evidence: `asked ${g.count} time${g.count > 1 ? 's' : ''} without an answer`,
      examples: g.variants.map((v) => `${v.text} (${v.count})`),
      ...(g.near ? { note: `nearest FAQ: ${g.near}${questions.get(g.near) ? ` ${questions.get(g.near)}` : ''} (to add it there instead, set type alternate and faq_id)` } : {}),
      firstDay: g.firstDay,
      lastDay: g.lastDay,
    }))
}

export function suggestRewrites (report: Report, replies: SkillReply[], options: SuggestOptions = {}): Suggestion[] {
  const minNo = options.minNo ?? 2
  const minShare = options.minNoShare ?? 0.3
  const questions = new Map((options.corpus?.entries ?? []).map((e) => [e.id, e.question]))
  const out: Suggestion[] = []
  for (const f of report.feedback) {
    const no = f.no + f.rejected
    const share = no / (no + f.yes)
    if (no < minNo || share < minShare) continue
    const said = new Map<string, number>()
    const days: string[] = []
    for (const r of replies) {
      const against = r.faqId === f.faqId && ((r.kind === 'feedback' && r.feedback === 'no') || (r.kind === 'missed' && r.tap === 'confirm-no'))
      if (!against) continue
      days.push(r.day)
      if (r.query) bump(said, r.query)
    }
    days.sort()
    out.push({
      type: 'rewrite',
      faqId: f.faqId,
      faqQuestion: questions.get(f.faqId),
      text: questions.get(f.faqId) ?? '',
      answer: '',
      count: no,
      share,
      evidence: `아니요 ${f.no}, rejected suggestion ${f.rejected}, 도움이 됐어요 ${f.yes}`,
      examples: byCount(said).map(([w, n]) => `${w} (${n})`),
      note: 'write the new answer in the answer column to replace it',
      firstDay: days[0] ?? '',
      lastDay: days[days.length - 1] ?? '',
    })
  }
  return out.sort((a, b) => (b.share ?? 0) - (a.share ?? 0) || b.count - a.count || compare(a.faqId ?? '', b.faqId ?? ''))
}

export function suggest (report: Report, replies: SkillReply[], options: SuggestOptions = {}): Suggestion[] {
  const alternates = suggestAlternates(replies, options)
  return [...alternates, ...suggestNewFaqs(report, alternates, options), ...suggestRewrites(report, replies, options)]
}

// ---- CSV ------------------------------------------------------------------------------------------

/** One CSV cell: quoted when needed; a leading = + - @ is defused so Excel does not run it as a formula. */
export function csvField (v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v)
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Rows as CSV: UTF-8 with a BOM and CRLF line ends, which is what Excel expects. */
export function toCsv (head: readonly string[], rows: Array<Array<string | number | undefined>>): string {
  return '\uFEFF' + [head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

export function suggestionsCsv (suggestions: Suggestion[]): string {
  const rows = suggestions.map((s) => [
    '',
    s.type,
    s.faqId,
    s.faqQuestion,
    s.text,
    s.answer,
    s.category,
    s.count,
    s.share === undefined ? undefined : `${Math.round(s.share * 100)}%`,
    s.evidence,
    s.examples.join(' / '),
    s.note,
    s.firstDay,
    s.lastDay,
  ])
  return toCsv(SUGGESTION_COLUMNS, rows)
}
