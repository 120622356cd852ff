// faq-skill report <log files...> [--csv out.csv] [--tz Asia/Seoul] [--similarity 0.5] [--top 30] [--faq FILE]
//
// Reads the server's pino JSON logs (lines with msg "skill reply") and prints what operators act on:
// the questions the bot could not answer (outcome "none", and "찾는 질문이 없어요" taps) grouped by
// similarity, the "아니요" feedback per FAQ, and per day the outcome shares and latency percentiles.
// Lines that are not JSON (a pretty-printed start banner, a truncated last line) are skipped.
// --csv writes the unanswered groups as UTF-8 with a BOM, so Excel shows the Korean correctly.
import { createReadStream, existsSync, writeFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { commandArgs } from './args.js'
import { displayWidth } from './draw.js'

export interface SkillReplyLine {
  time: number
  day: string
  skill: string
  outcome: string
  faqId?: string
  score?: number
  user?: string
  utterance?: string
  latencyMs?: number
  feedback?: 'yes' | 'no'
  /** The user said none of the offered questions fit ("찾는 질문이 없어요"). */
  missed: boolean
  /** What the user had asked, for a missed tap (the tap's own text is the chip label). */
  query?: string
  /** Best candidate the matcher had, for a miss. */
  nearMiss?: string
}

export interface UnansweredGroup {
  /** The most frequent wording in the group. */
  utterance: string
  count: number
  variants: Array<{ utterance: string; count: number }>
  /** Most common best candidate among the misses: the FAQ that nearly matched. */
  nearMiss?: string
  firstDay: string
  lastDay: string
}

export interface DayStats {
  day: string
  replies: number
  outcomes: Record<string, number>
  p50?: number
  p95?: number
  p99?: number
}

export interface FeedbackStats {
  faqId: string
  yes: number
  no: number
}

export interface Report {
  lines: number
  skipped: number
  replies: number
  unanswered: UnansweredGroup[]
  feedback: FeedbackStats[]
  days: DayStats[]
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

function dayOf(time: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(time))
}

/** One log line → a skill reply record, or undefined for anything else (other messages, non-JSON). */
export function parseLine(line: string, timeZone = 'Asia/Seoul'): SkillReplyLine | undefined | null {
  const text = line.trim()
  if (!text) return undefined
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const o = raw as Record<string, unknown>
  if (o.msg !== 'skill reply') return undefined
  const time = num(o.time) ?? (str(o.time) ? Date.parse(o.time as string) : NaN)
  if (!Number.isFinite(time)) return undefined
  const feedback = o.feedback === 'yes' || o.feedback === 'no' ? o.feedback : undefined
  const candidates = Array.isArray(o.candidates) ? o.candidates : []
  const first = candidates[0] as { faqId?: unknown } | undefined
  return {
    time,
    day: dayOf(time, timeZone),
    skill: str(o.skill) ?? '?',
    outcome: str(o.outcome) ?? (feedback ? 'feedback' : '?'),
    faqId: str(o.faqId),
    score: num(o.score),
    user: str(o.user),
    utterance: str(o.utterance),
    latencyMs: num(o.latencyMs),
    feedback,
    missed: o.missed === true || o.outcome === 'missed' || (o.miss === true && o.outcome !== 'none' && o.outcome !== 'answer'),
    query: str(o.query),
    nearMiss: first && typeof first.faqId === 'string' ? first.faqId : undefined,
  }
}

// ---- similarity --------------------------------------------------------------------------------

/** Fold case, width and punctuation so "배포란?" and "배포 란" compare equal. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\[\]]+/gu, '')
}

export function bigrams(text: string): Set<string> {
  const cps = Array.from(normalize(text))
  const out = new Set<string>()
  if (cps.length === 1) out.add(cps[0]!)
  for (let i = 0; i + 1 < cps.length; i++) out.add(cps[i]! + cps[i + 1]!)
  return out
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}

const mostCommon = (m: Map<string, number>) => [...m.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0]

/**
 * Group unanswered utterances: identical after normalize() first, then greedily by character-bigram
 * Jaccard similarity to each group's most frequent wording, most frequent first (deterministic).
 */
export function groupUnanswered(records: SkillReplyLine[], threshold = 0.5): UnansweredGroup[] {
  const byNorm = new Map<string, { wordings: Map<string, number>; count: number; near: Map<string, number>; days: string[] }>()
  for (const r of records) {
    const text = (r.missed ? r.query : undefined) ?? r.utterance
    if (!text || !normalize(text)) continue
    const key = normalize(text)
    let entry = byNorm.get(key)
    if (!entry) byNorm.set(key, (entry = { wordings: new Map(), count: 0, near: new Map(), days: [] }))
    entry.count++
    entry.wordings.set(text, (entry.wordings.get(text) ?? 0) + 1)
    if (r.nearMiss) entry.near.set(r.nearMiss, (entry.near.get(r.nearMiss) ?? 0) + 1)
    entry.days.push(r.day)
  }
  const items = [...byNorm.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
  const groups: Array<{ head: Set<string>; members: typeof items }> = []
  for (const item of items) {
    const grams = bigrams(item[0])
    const home = groups.find((g) => jaccard(g.head, grams) >= threshold)
    if (home) home.members.push(item)
    else groups.push({ head: grams, members: [item] })
  }
  return groups
    .map((g) => {
      const wordings = new Map<string, number>()
      const near = new Map<string, number>()
      const days: string[] = []
      for (const [, m] of g.members) {
        for (const [w, c] of m.wordings) wordings.set(w, (wordings.get(w) ?? 0) + c)
        for (const [f, c] of m.near) near.set(f, (near.get(f) ?? 0) + c)
        days.push(...m.days)
      }
      const ranked = [...wordings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      days.sort()
      return {
        utterance: ranked[0]![0],
        count: ranked.reduce((s, [, c]) => s + c, 0),
        variants: ranked.slice(1).map(([utterance, count]) => ({ utterance, count })),
        nearMiss: mostCommon(near),
        firstDay: days[0]!,
        lastDay: days[days.length - 1]!,
      }
    })
    .sort((a, b) => b.count - a.count || a.utterance.localeCompare(b.utterance))
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | undefined {
  if (!sorted.length) return undefined
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

export function analyze(records: SkillReplyLine[], opts: { threshold?: number } = {}): Omit<Report, 'lines' | 'skipped'> {
  const unanswered = records.filter((r) => r.outcome === 'none' || r.missed)
  const feedback = new Map<string, FeedbackStats>()
  for (const r of records) {
    if (!r.feedback || !r.faqId) continue
    const f = feedback.get(r.faqId) ?? { faqId: r.faqId, yes: 0, no: 0 }
    f[r.feedback]++
    feedback.set(r.faqId, f)
  }
  const days = new Map<string, { outcomes: Record<string, number>; latencies: number[]; replies: number }>()
  for (const r of records) {
    const d = days.get(r.day) ?? { outcomes: {}, latencies: [], replies: 0 }
    d.replies++
    d.outcomes[r.outcome] = (d.outcomes[r.outcome] ?? 0) + 1
    if (r.latencyMs !== undefined) d.latencies.push(r.latencyMs)
    days.set(r.day, d)
  }
  return {
    replies: records.length,
    unanswered: groupUnanswered(unanswered, opts.threshold),
    feedback: [...feedback.values()].sort((a, b) => b.no - a.no || b.yes - a.yes || a.faqId.localeCompare(b.faqId)),
    days: [...days.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([day, d]) => {
        const sorted = d.latencies.sort((a, b) => a - b)
        return { day, replies: d.replies, outcomes: d.outcomes, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }
      }),
  }
}

export async function readLogs(files: string[], timeZone = 'Asia/Seoul'): Promise<{ records: SkillReplyLine[]; lines: number; skipped: number }> {
  const records: SkillReplyLine[] = []
  let lines = 0
  let skipped = 0
  for (const file of files) {
    const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' })
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lines++
      const r = parseLine(line, timeZone)
      if (r === null) skipped++
      else if (r) records.push(r)
    }
  }
  return { records, lines, skipped }
}

// ---- output ------------------------------------------------------------------------------------

const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)))
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s

function table(head: string[], rows: string[][], right: Set<number> = new Set()): string {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))))
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (right.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd()
  return [fmt(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n')
}

const pct = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : '-')
const ms = (v: number | undefined) => (v === undefined ? '-' : `${Math.round(v * 10) / 10}`)
const clip = (s: string, max = 50) => (Array.from(s).length > max ? Array.from(s).slice(0, max - 1).join('') + '…' : s)

export function formatReport(report: Report, opts: { top?: number; questions?: Map<string, string> } = {}): string {
  const top = opts.top ?? 30
  const q = (id?: string) => (id ? (opts.questions?.get(id) ? `${id} ${clip(opts.questions.get(id)!, 30)}` : id) : '')
  const out: string[] = []
  out.push(`${report.replies} skill replies from ${report.lines} lines (${report.skipped} non-JSON lines skipped)`, '')

  const totalMisses = report.unanswered.reduce((s, g) => s + g.count, 0)
  out.push(`Unanswered questions: ${totalMisses} in ${report.unanswered.length} groups`)
  if (report.unanswered.length) {
    const rows = report.unanswered.slice(0, top).map((g) => [
      String(g.count),
      clip(g.utterance),
      g.variants.length ? clip(g.variants.slice(0, 3).map((v) => `${v.utterance} (${v.count})`).join(' / '), 60) : '',
      q(g.nearMiss),
    ])
    out.push(table(['count', 'utterance', 'similar wordings', 'nearest FAQ'], rows, new Set([0])))
    if (report.unanswered.length > top) out.push(`… and ${report.unanswered.length - top} more groups (--top N, or --csv for all)`)
  }
  out.push('')

  out.push('Feedback per FAQ ("아니요" first)')
  if (report.feedback.length) {
    const rows = report.feedback.slice(0, top).map((f) => [q(f.faqId), String(f.no), String(f.yes), pct(f.no, f.no + f.yes)])
    out.push(table(['faq', '아니요', '도움이 됐어요', 'no share'], rows, new Set([1, 2, 3])))
  } else out.push('(no feedback)')
  out.push('')

  out.push('Per day: outcome shares and latency (ms)')
  if (report.days.length) {
    const outcomes = [...new Set(report.days.flatMap((d) => Object.keys(d.outcomes)))].sort((a, b) => {
      const order = ['answer', 'choices', 'none', 'empty']
      const ia = order.indexOf(a)
      const ib = order.indexOf(b)
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b)
    })
    const rows = report.days.map((d) => [
      d.day,
      String(d.replies),
      ...outcomes.map((o) => pct(d.outcomes[o] ?? 0, d.replies)),
      ms(d.p50),
      ms(d.p95),
      ms(d.p99),
    ])
    const head = ['day', 'replies', ...outcomes, 'p50', 'p95', 'p99']
    out.push(table(head, rows, new Set(head.map((_, i) => i).slice(1))))
  } else out.push('(no skill replies)')
  return out.join('\n')
}

function csvField(v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s
}

/** The unanswered groups as CSV: UTF-8 with a BOM and CRLF line ends, which is what Excel expects. */
export function unansweredCsv(groups: UnansweredGroup[], questions?: Map<string, string>): string {
  const head = ['count', 'utterance', 'similar_wordings', 'nearest_faq_id', 'nearest_faq_question', 'first_day', 'last_day']
  const rows = groups.map((g) => [
    g.count,
    g.utterance,
    g.variants.map((v) => `${v.utterance} (${v.count})`).join(' / '),
    g.nearMiss,
    g.nearMiss ? questions?.get(g.nearMiss) : undefined,
    g.firstDay,
    g.lastDay,
  ])
  return '\uFEFF' + [head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

async function questionsOf(file: string | undefined): Promise<Map<string, string> | undefined> {
  try {
    const { loadConfig } = await import('../config.js')
    const path = file ?? loadConfig({ ...process.env, LOG_LEVEL: 'silent' }).FAQ_FILE
    if (!existsSync(path)) return undefined
    const { loadCorpusFile } = await import('../faq/load.js')
    const { corpus } = await loadCorpusFile(path)
    return new Map(corpus.entries.map((e) => [e.id, e.question]))
  } catch {
    // Questions are a convenience; ids alone still make a report.
    return undefined
  }
}

const USAGE = 'usage: faq-skill report <log files...|-> [--csv out.csv] [--tz Asia/Seoul] [--similarity 0.5] [--top 30] [--faq FILE]'

export async function run(argv: string[]): Promise<number> {
  const parsed = commandArgs(
    'report',
    argv,
    {
      csv: { type: 'string' },
      tz: { type: 'string', default: 'Asia/Seoul' },
      similarity: { type: 'string', default: '0.5' },
      top: { type: 'string', default: '30' },
      faq: { type: 'string' },
    },
    USAGE,
    'no log files given',
  )
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  const threshold = Number(values.similarity)
  if (!(threshold > 0 && threshold <= 1)) {
    console.error('faq-skill report: --similarity is a number in (0, 1]')
    return 2
  }
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: values.tz })
  } catch {
    console.error(`faq-skill report: unknown time zone ${values.tz}`)
    return 2
  }
  for (const f of positionals) {
    if (f !== '-' && !existsSync(f)) {
      console.error(`faq-skill report: no such file ${f}`)
      return 2
    }
  }
  const { records, lines, skipped } = await readLogs(positionals, values.tz)
  const report: Report = { lines, skipped, ...analyze(records, { threshold }) }
  const questions = await questionsOf(values.faq)
  console.log(formatReport(report, { top: Math.max(1, Number(values.top) || 30), questions }))
  if (values.csv) {
    writeFileSync(values.csv, unansweredCsv(report.unanswered, questions), 'utf8')
    console.log(`\nwrote ${report.unanswered.length} unanswered groups to ${values.csv}`)
  }
  return 0
}
