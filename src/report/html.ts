// The report as one self-contained HTML page: inline CSS and SVG charts, no script, no network,
// so it can be mailed, opened from disk or kept next to the logs it was made from.
import type { Report } from './analyze.js'

export interface HtmlOptions {
  /** FAQ questions by id, for labels. */
  questions?: Map<string, string>
  /** Rows in the top lists. */
  top?: number
  title?: string
  /** When it was made (shown in the header). */
  generatedAt?: Date
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const pct = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : '–')
const ms = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v * 10) / 10} ms`)
const clip = (s: string, max: number) => (Array.from(s).length > max ? `${Array.from(s).slice(0, max - 1).join('')}…` : s)
const fmt = (v: number) => (Math.round(v * 10) / 10).toString()

const COLORS = { answered: '#2e7d32', offered: '#f9a825', none: '#c62828', yes: '#2e7d32', no: '#c62828', rejected: '#ef9a9a', bar: '#3949ab', p50: '#3949ab', p95: '#f57c00', p99: '#c62828' }

interface Series {
  name: string
  color: string
  values: number[]
}

/** Columns per day, the series stacked. */
function stackedColumns (name: string, days: string[], series: Series[], label: string): string {
  const W = 640
  const H = 220
  const pad = { l: 40, r: 10, t: 10, b: 40 }
  const totals = days.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0))
  const max = Math.max(1, ...totals)
  const step = (W - pad.l - pad.r) / Math.max(1, days.length)
  const bw = Math.min(48, step * 0.7)
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max)
  const marks: string[] = []
  days.forEach((d, i) => {
    let base = 0
    const x = pad.l + i * step + (step - bw) / 2
    for (const s of series) {
      const v = s.values[i] ?? 0
      if (v > 0) marks.push(`<rect class="mark" x="${fmt(x)}" y="${fmt(y(base + v))}" width="${fmt(bw)}" height="${fmt(y(base) - y(base + v))}" fill="${s.color}"><title>${esc(d)} ${esc(s.name)}: ${v}</title></rect>`)
      base += v
    }
    marks.push(`<text x="${fmt(x + bw / 2)}" y="${H - pad.b + 14}" text-anchor="middle" class="tick">${esc(d.slice(5))}</text>`)
  })
  return svg(name, W, H, label, [axis(pad, W, H, max, y), ...marks].join(''), legend(series))
}

/** One line per series over the days. */
function lines (name: string, days: string[], series: Series[], label: string, unit = '', fixedMax?: number): string {
  const W = 640
  const H = 220
  const pad = { l: 60, r: 10, t: 10, b: 40 }
  const max = fixedMax ?? Math.max(1, ...series.flatMap((s) => s.values))
  const step = (W - pad.l - pad.r) / Math.max(1, days.length)
  const x = (i: number) => pad.l + i * step + step / 2
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max)
  const marks: string[] = []
  for (const s of series) {
    const pts = s.values.map((v, i) => `${fmt(x(i))},${fmt(y(v))}`)
    if (pts.length > 1) marks.push(`<polyline class="mark" points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`)
    s.values.forEach((v, i) => marks.push(`<circle class="mark" cx="${fmt(x(i))}" cy="${fmt(y(v))}" r="3.5" fill="${s.color}"><title>${esc(days[i] ?? '')} ${esc(s.name)}: ${fmt(v)}${unit}</title></circle>`))
  }
  days.forEach((d, i) => marks.push(`<text x="${fmt(x(i))}" y="${H - pad.b + 14}" text-anchor="middle" class="tick">${esc(d.slice(5))}</text>`))
  return svg(name, W, H, label, [axis(pad, W, H, max, y, unit), ...marks].join(''), legend(series))
}

/** Horizontal bars, one row per item, segments side by side. */
function bars (name: string, items: Array<{ label: string; segments: Array<{ value: number; color: string; title: string }> }>, label: string, series: Series[] = []): string {
  if (!items.length) return `<p class="empty" data-chart="${name}">(nothing in this period)</p>`
  const W = 640
  const row = 24
  const labelW = 260
  const H = items.length * row + 10
  const max = Math.max(1, ...items.map((i) => i.segments.reduce((s, x) => s + x.value, 0)))
  const scale = (W - labelW - 50) / max
  const marks = items.map((item, r) => {
    let x = labelW
    const y = 5 + r * row
    const segs = item.segments.map((s) => {
      const w = s.value * scale
      const out = s.value > 0 ? `<rect class="mark" x="${fmt(x)}" y="${y + 3}" width="${fmt(Math.max(w, 1))}" height="${row - 8}" fill="${s.color}"><title>${esc(s.title)}</title></rect>` : ''
      x += w
      return out
    })
    const total = item.segments.reduce((s, x) => s + x.value, 0)
    return `<text x="${labelW - 8}" y="${y + row / 2 + 4}" text-anchor="end" class="label">${esc(clip(item.label, 20))}<title>${esc(item.label)}</title></text>${segs.join('')}<text x="${fmt(x + 6)}" y="${y + row / 2 + 4}" class="value">${total}</text>`
  })
  return svg(name, W, H, label, marks.join(''), series.length ? legend(series) : '')
}

function axis (pad: { l: number; r: number; t: number; b: number }, W: number, H: number, max: number, y: (v: number) => number, unit = ''): string {
  const ticks = [0, max / 2, max]
  return ticks
    .map((v) => `<line x1="${pad.l}" x2="${W - pad.r}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" class="grid"/><text x="${pad.l - 6}" y="${fmt(y(v) + 4)}" text-anchor="end" class="tick">${fmt(v)}${unit}</text>`)
    .join('')
}

function legend (series: Series[]): string {
  return `<div class="legend">${series.map((s) => `<span><i style="background:${s.color}"></i>${esc(s.name)}</span>`).join('')}</div>`
}

function svg (name: string, W: number, H: number, label: string, body: string, after = ''): string {
  return `<svg class="chart" data-chart="${name}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}">${body}</svg>${after}`
}

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Apple SD Gothic Neo","NanumGothic","Noto Sans KR",sans-serif;margin:0;background:#f4f5f7;color:#222}
header{background:#3c1e1e;color:#fff;padding:16px 28px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;opacity:.8}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(680px,1fr));gap:16px;padding:16px 28px}
section{background:#fff;border-radius:8px;padding:14px 18px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
section h2{font-size:15px;margin:0 0 8px}.cards{display:flex;gap:12px;flex-wrap:wrap;grid-column:1/-1}
.card{background:#fff;border-radius:8px;padding:10px 16px;min-width:130px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card b{display:block;font-size:22px}.card span{color:#666;font-size:12px}
.grid{stroke:#e3e3e3}.tick{font-size:11px;fill:#777}.label{font-size:12px;fill:#333}.value{font-size:11px;fill:#555}
.legend{font-size:12px;color:#555;margin-top:4px}.legend span{margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
table{border-collapse:collapse;width:100%;font-size:12px}td,th{padding:3px 6px;border-bottom:1px solid #eee;text-align:left}td.n{text-align:right}
.empty{color:#888}`

export function reportHtml (report: Report, options: HtmlOptions = {}): string {
  const top = options.top ?? 10
  const q = (id: string | undefined) => (id ? (options.questions?.get(id) ?? id) : '')
  const days = report.days.map((d) => d.day)
  const s = report.searches
  const period = days.length ? `${days[0]} – ${days[days.length - 1]}` : 'no skill replies'
  const cards = [
    ['skill replies', String(report.replies)],
    ['typed questions', String(s.total)],
    ['answered', pct(s.answered, s.total)],
    ['offered choices', pct(s.offered, s.total)],
    ['no answer', pct(s.none, s.total)],
    ['latency p50 / p95 / p99', `${ms(report.latency.p50)} / ${ms(report.latency.p95)} / ${ms(report.latency.p99)}`],
  ]
  const outcomeSeries: Series[] = [
    { name: 'answered', color: COLORS.answered, values: report.days.map((d) => d.searches.answered) },
    { name: 'offered choices', color: COLORS.offered, values: report.days.map((d) => d.searches.offered) },
    { name: 'no answer', color: COLORS.none, values: report.days.map((d) => d.searches.none) },
  ]
  const rate: Series[] = [{ name: 'answer rate', color: COLORS.answered, values: report.days.map((d) => (d.searches.total ? (100 * d.searches.answered) / d.searches.total : 0)) }]
  const latency: Series[] = (['p50', 'p95', 'p99'] as const).map((p) => ({ name: p, color: COLORS[p], values: report.days.map((d) => d.latency[p] ?? 0) }))
  const misses = report.misses.slice(0, top).map((g) => ({
    label: g.text,
    segments: [{ value: g.count, color: COLORS.none, title: `${g.text}: ${g.count}${g.variants.length ? ` (also: ${g.variants.slice(0, 3).map((v) => v.text).join(', ')})` : ''}` }],
  }))
  const feedback = report.feedback.slice(0, top).map((f) => ({
    label: q(f.faqId),
    segments: [
      { value: f.no, color: COLORS.no, title: `아니요 ${f.no}` },
      { value: f.rejected, color: COLORS.rejected, title: `rejected suggestion ${f.rejected}` },
      { value: f.yes, color: COLORS.yes, title: `도움이 됐어요 ${f.yes}` },
    ],
  }))
  const intents = report.intents.map((i) => ({ label: i.intent, segments: [{ value: i.count, color: COLORS.bar, title: `${i.intent}: ${i.count}` }] }))
  const missRows = report.misses
    .slice(0, top)
    .map((g) => `<tr><td class="n">${g.count}</td><td>${esc(g.text)}</td><td>${esc(g.variants.slice(0, 3).map((v) => `${v.text} (${v.count})`).join(' / '))}</td><td>${esc(clip(q(g.near), 40))}</td></tr>`)
    .join('')
  const title = options.title ?? 'FAQ skill report'
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${esc(title)}</h1><p>${esc(period)} · ${report.replies} skill replies${options.generatedAt ? ` · made ${esc(options.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC` : ''}</p></header>
<main>
<div class="cards">${cards.map(([k, v]) => `<div class="card"><b>${esc(v!)}</b><span>${esc(k!)}</span></div>`).join('')}</div>
<section><h2>Typed questions per day, by outcome</h2>${stackedColumns('outcomes', days, outcomeSeries, 'typed questions per day: answered, offered choices, no answer')}</section>
<section><h2>Answer rate per day</h2>${lines('answer-rate', days, rate, 'share of typed questions answered outright, per day', '%', 100)}</section>
<section><h2>Top questions without an answer</h2>${bars('misses', misses, 'most frequent unanswered questions')}
<table><tr><th>count</th><th>question</th><th>similar wordings</th><th>nearest FAQ</th></tr>${missRows}</table></section>
<section><h2>Feedback per FAQ</h2>${bars('feedback', feedback, '아니요 and 도움이 됐어요 per FAQ', [
    { name: '아니요', color: COLORS.no, values: [] },
    { name: 'rejected suggestion', color: COLORS.rejected, values: [] },
    { name: '도움이 됐어요', color: COLORS.yes, values: [] },
  ])}</section>
<section><h2>Small talk and handoff</h2>${bars('intents', intents, 'intents: small talk and handoff to a person')}</section>
<section><h2>Latency per day</h2>${lines('latency', days, latency, 'latency percentiles per day in milliseconds', ' ms')}</section>
</main></body></html>
`
}
