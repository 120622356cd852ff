// Browser test of the HTML report: a generated week of skill log lines (contract format) against the
// bundled corpus → `faq-skill report --html` → Debian's Chromium (playwright-core) opens the file with
// every network request blocked, checks that each chart is drawn, and saves docs/report.png.
// Run with `npm run test:browser` (needs /usr/bin/chromium: `apt-get install -y chromium fonts-nanum`).
// Prints "N passed, M failed" and exits non-zero on any failure.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'playwright-core'
import { check, launchChromium, runBrowserTest } from './harness.js'
import { run as report } from '../src/cli/report.js'
import { dataPath, projectRoot } from '../src/paths.js'
import type { FaqCorpus } from '../src/faq/schema.js'

const SCREENSHOT = join(projectRoot, 'docs', 'report.png')
const CHARTS = ['outcomes', 'answer-rate', 'misses', 'feedback', 'intents', 'latency']

/** A deterministic week of traffic on the bundled corpus (xorshift, fixed seed). */
function week (corpus: FaqCorpus): string {
  let s = 0x2f6b_1d3a
  const rnd = () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 2 ** 32
  }
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const ids = corpus.entries.map((e) => e.id)
  const misses = ['환불 규정 알려주세요', '환불 규정이 궁금해요', '상담원 전화번호', '탈퇴하면 대화 삭제되나요', '탈퇴하면 대화가 지워지나요', '결제 취소하고 싶어요', '이모티콘 선물하기']
  const intents = ['greeting', 'greeting', 'thanks', 'thanks', 'goodbye', 'laughter', 'complaint', 'handoff', 'handoff']
  const lines: string[] = []
  for (let d = 0; d < 7; d++) {
    const n = 60 + Math.floor(rnd() * 50)
    for (let i = 0; i < n; i++) {
      const time = Date.parse(`2026-03-0${2 + d}T09:00:00+09:00`) + i * 97_000
      const user = `u${Math.floor(rnd() * 80)}`
      const base = { level: 30, time, method: 'POST', url: '/skills/faq', status: 200, skill: 'faq', user, msg: 'skill reply', latencyMs: Math.round((2 + rnd() * 6 + (rnd() < 0.05 ? 40 : 0)) * 100) / 100 }
      const r = rnd()
      const faqId = pick(ids)
      const question = corpus.entries.find((e) => e.id === faqId)!.question
      if (r < 0.45 + d * 0.02) lines.push(JSON.stringify({ ...base, kind: 'answer', outcome: 'answer', via: 'typed', faqId, utterance: question }))
      else if (r < 0.62) {
        lines.push(JSON.stringify({ ...base, kind: 'choices', outcome: 'choices', via: 'typed', utterance: question.slice(0, 8), candidates: [faqId, pick(ids)] }))
        lines.push(JSON.stringify({ ...base, time: time + 3000, kind: 'answer', outcome: 'answer', via: 'tap', tap: 'choice', faqId, query: question.slice(0, 8) }))
      } else if (r < 0.78 - d * 0.015) lines.push(JSON.stringify({ ...base, kind: 'none', outcome: 'none', via: 'typed', utterance: pick(misses), candidates: [] }))
      else if (r < 0.9) lines.push(JSON.stringify({ ...base, kind: 'feedback', outcome: 'answer', via: 'tap', feedback: rnd() < 0.7 ? 'yes' : 'no', faqId: pick(ids.slice(0, 12)) }))
      else lines.push(JSON.stringify({ ...base, kind: 'intent', outcome: 'none', via: 'typed', intent: pick(intents), utterance: '안녕하세요' }))
    }
  }
  return lines.join('\n') + '\n'
}

async function main (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'report-browser-'))
  let browser: Browser | undefined
  try {
    const corpusFile = dataPath('faq.json')
    const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as FaqCorpus
    const logFile = join(dir, 'week.log')
    const htmlFile = join(dir, 'report.html')
    writeFileSync(logFile, week(corpus))
    const log = console.log
    console.log = () => {}
    const code = await report([logFile, '--faq', corpusFile, '--html', htmlFile]).finally(() => (console.log = log))
    check(code === 0 && existsSync(htmlFile), 'faq-skill report --html writes the page')

    browser = await launchChromium()
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' })
    const pageErrors: string[] = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    const network: string[] = []
    await page.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith('file:')) return route.continue()
      network.push(url)
      return route.abort()
    })
    const res = await page.goto(pathToFileURL(htmlFile).href)
    check(res !== null, 'the page opens from disk')
    check((await page.title()) === 'FAQ skill report', 'it has its title', await page.title())

    for (const name of CHARTS) {
      const chart = page.locator(`svg.chart[data-chart="${name}"]`)
      const count = await chart.count()
      const marks = count ? await chart.locator('.mark').count() : 0
      const box = count ? await chart.boundingBox() : null
      check(count === 1 && marks > 0 && !!box && box.width > 100 && box.height > 20, `chart "${name}" is drawn (${marks} marks)`, `count ${count}, marks ${marks}, box ${JSON.stringify(box)}`)
    }
    const cards = await page.locator('.card b').allInnerTexts()
    check(cards.length === 6 && /%$/.test(cards[2] ?? ''), 'the headline cards show counts, the answer rate and latency', cards.join(' | '))
    const misses = await page.locator('section table tr').count()
    check(misses > 1, 'the top misses are listed', `${misses} rows`)
    const korean = await page.locator('svg.chart[data-chart="feedback"] .label').first().innerHTML()
    check(/[가-힣]/.test(korean), 'feedback is labelled with FAQ questions, not only ids', korean)
    check(network.length === 0, 'no network requests', network.join(' '))

    await page.screenshot({ path: SCREENSHOT, fullPage: true })
    check(existsSync(SCREENSHOT), 'save the screenshot docs/report.png')
    check(pageErrors.length === 0, 'no errors in the page', pageErrors.join(' | '))
  } finally {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

await runBrowserTest(main)
