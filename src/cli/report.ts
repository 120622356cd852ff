// faq-skill report <log files...|-> [--suggest suggestions.csv] [--html report.html] [--csv misses.csv]
//
// Reads the server's pino JSON logs (the "skill reply" lines) and prints what operators act on:
// unanswered questions grouped by similarity, feedback per FAQ, intents, and per day the outcome
// shares and latency percentiles. --suggest writes alternates, new FAQs and rewrites for the operator
// to accept; --html writes the same report as one self-contained page. The work is in src/report/;
// this file is only arguments and output.
import { existsSync, writeFileSync } from 'node:fs'
import { commandArgs } from './args.js'
import { displayWidth } from './draw.js'
import { readLogs } from '../report/parse.js'
import { analyze, type Report } from '../report/analyze.js'
import { suggest, suggestionsCsv, toCsv } from '../report/suggest.js'
import { reportHtml } from '../report/html.js'
import type { FaqCorpus } from '../faq/schema.js'

const USAGE = `usage: faq-skill report <log files...|-> [options]

  --suggest FILE     write suggestions (alternates, new FAQs, rewrites) as CSV for Excel, with an accept column
  --html FILE        write the report as one self-contained HTML page
  --csv FILE         write the unanswered groups as CSV
  --faq FILE         the corpus the logs were served from (default FAQ_FILE when it exists)
  --tz ZONE          days in this time zone (default Asia/Seoul)
  --similarity X     bigram similarity that groups misses, in (0, 1] (default 0.5)
  --min-misses N     asked at least N times to be suggested as a new FAQ (default 2)
  --top N            rows per list (default 30)`

const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)))
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s

function table (head: string[], rows: string[][], right: Set<number> = new Set()): string {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))))
  const line = (r: string[]) =>
    r
      .map((c, i) => (right.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

const share = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : '-')
const ms = (v: number | undefined) => (v === undefined ? '-' : `${Math.round(v * 10) / 10}`)
const clip = (s: string, max = 50) => (Array.from(s).length > max ? Array.from(s).slice(0, max - 1).join('') + '…' : s)

/** The kinds in the order a reader expects; any others follow alphabetically. */
const KIND_ORDER = ['answer', 'choices', 'confirm', 'none', 'missed', 'feedback', 'intent', 'more', 'menu', 'category', 'welcome', 'empty', 'busy', 'error']

export function formatReport (report: Report, read: { lines: number; notJson: number }, opts: { top?: number; questions?: Map<string, string> } = {}): string {
  const top = opts.top ?? 30
  const q = (id?: string) => (id ? (opts.questions?.get(id) ? `${id} ${clip(opts.questions.get(id)!, 30)}` : id) : '')
  const s = report.searches
  const out: string[] = [
    `${report.replies} skill replies from ${read.lines} lines (${read.notJson} non-JSON lines skipped)`,
    `typed questions: ${s.total}, answered ${share(s.answered, s.total)}, offered choices ${share(s.offered, s.total)}, no answer ${share(s.none, s.total)}`,
    '',
  ]
  const totalMisses = report.misses.reduce((n, g) => n + g.count, 0)
  out.push(`Unanswered questions: ${totalMisses} in ${report.misses.length} groups`)
  if (report.misses.length) {
    const rows = report.misses.slice(0, top).map((g) => [String(g.count), clip(g.text), g.variants.length ? clip(g.variants.slice(0, 3).map((v) => `${v.text} (${v.count})`).join(' / '), 60) : '', q(g.near)])
    out.push(table(['count', 'utterance', 'similar wordings', 'nearest FAQ'], rows, new Set([0])))
    if (report.misses.length > top) out.push(`… and ${report.misses.length - top} more groups (--top N, or --csv for all)`)
  }
  out.push('', 'Feedback per FAQ ("아니요" first)')
  if (report.feedback.length) {
    const rows = report.feedback.slice(0, top).map((f) => [q(f.faqId), String(f.no), String(f.rejected), String(f.yes), share(f.no + f.rejected, f.no + f.rejected + f.yes)])
    out.push(table(['faq', '아니요', 'rejected', '도움이 됐어요', 'no share'], rows, new Set([1, 2, 3, 4])))
  } else out.push('(no feedback)')
  out.push('', 'Small talk and handoff')
  out.push(report.intents.length ? table(['intent', 'count'], report.intents.map((i) => [i.intent, String(i.count)]), new Set([1])) : '(none)')
  out.push('', 'Per day: share of each kind of reply, answer rate of typed questions, latency (ms)')
  if (report.days.length) {
    const kinds = [...new Set(report.days.flatMap((d) => Object.keys(d.kinds)))].sort((a, b) => {
      const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length)
      return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
    })
    const rows = report.days.map((d) => [d.day, String(d.replies), ...kinds.map((k) => share(d.kinds[k] ?? 0, d.replies)), share(d.searches.answered, d.searches.total), ms(d.latency.p50), ms(d.latency.p95), ms(d.latency.p99)])
    const head = ['day', 'replies', ...kinds, 'answered', 'p50', 'p95', 'p99']
    out.push(table(head, rows, new Set(head.map((_, i) => i).slice(1))))
  } else out.push('(no skill replies)')
  return out.join('\n')
}

export function missesCsv (report: Report, questions?: Map<string, string>): string {
  const head = ['count', 'utterance', 'similar_wordings', 'nearest_faq_id', 'nearest_faq_question', 'first_day', 'last_day']
  return toCsv(
    head,
    report.misses.map((g) => [g.count, g.text, g.variants.map((v) => `${v.text} (${v.count})`).join(' / '), g.near, g.near ? questions?.get(g.near) : undefined, g.firstDay, g.lastDay])
  )
}

/**
 * The corpus the logs were served from. One named with --faq must load; the default FAQ_FILE is a
 * convenience (questions next to ids, known wordings left out of suggestions) and may be missing.
 */
async function corpusFor (file: string | undefined): Promise<{ corpus?: FaqCorpus; note?: string }> {
  const { loadCorpusFile } = await import('../faq/load.js')
  if (file) return { corpus: (await loadCorpusFile(file)).corpus }
  const { loadConfig } = await import('../config.js')
  const path = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }).FAQ_FILE
  if (!existsSync(path)) return { note: `no corpus at ${path} (FAQ_FILE): FAQs are shown by id; pass --faq FILE` }
  return { corpus: (await loadCorpusFile(path)).corpus }
}

export async function run (argv: string[]): Promise<number> {
  const parsed = commandArgs(
    'report',
    argv,
    {
      csv: { type: 'string' },
      suggest: { type: 'string' },
      html: { type: 'string' },
      tz: { type: 'string', default: 'Asia/Seoul' },
      similarity: { type: 'string', default: '0.5' },
      'min-misses': { type: 'string', default: '2' },
      top: { type: 'string', default: '30' },
      faq: { type: 'string' },
    },
    USAGE,
    'no log files given'
  )
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  const usage = (message: string) => {
    console.error(`faq-skill report: ${message}`)
    return 2
  }
  const threshold = Number(values.similarity)
  if (!(threshold > 0 && threshold <= 1)) return usage('--similarity is a number in (0, 1]')
  const minMisses = Number(values['min-misses'])
  if (!(Number.isInteger(minMisses) && minMisses >= 1)) return usage('--min-misses is a whole number ≥ 1')
  try {
    // Throws a RangeError for a time zone the runtime does not know.
    Intl.DateTimeFormat('en-CA', { timeZone: values.tz })
  } catch {
    return usage(`unknown time zone ${values.tz}`)
  }
  for (const f of positionals) if (f !== '-' && !existsSync(f)) return usage(`no such file ${f}`)

  const read = await readLogs(positionals, values.tz)
  const report = analyze(read.replies, { threshold })
  const { corpus, note } = await corpusFor(values.faq)
  if (note) console.error(`faq-skill report: ${note}`)
  const questions = corpus ? new Map(corpus.entries.map((e) => [e.id, e.question])) : undefined
  const top = Math.max(1, Number(values.top) || 30)
  console.log(formatReport(report, read, { top, questions }))
  if (values.csv) {
    writeFileSync(values.csv, missesCsv(report, questions), 'utf8')
    console.log(`\nwrote ${report.misses.length} unanswered groups to ${values.csv}`)
  }
  if (values.suggest) {
    const suggestions = suggest(report, read.replies, { corpus, minMisses })
    writeFileSync(values.suggest, suggestionsCsv(suggestions), 'utf8')
    const count = (t: string) => suggestions.filter((s) => s.type === t).length
    console.log(`\nwrote ${suggestions.length} suggestions to ${values.suggest}: ${count('alternate')} alternates, ${count('new')} new FAQs, ${count('rewrite')} rewrites (mark accept y, then faq-skill import … --suggestions ${values.suggest})`)
  }
  if (values.html) {
    writeFileSync(values.html, reportHtml(report, { questions, top: Math.min(top, 15), generatedAt: new Date() }), 'utf8')
    console.log(`\nwrote the report page to ${values.html}`)
  }
  return 0
}
