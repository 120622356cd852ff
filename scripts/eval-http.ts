// Answer quality over HTTP, as KakaoTalk sees it, beside the naive baseline in the same run: this is
// how we report figures. For each corpus named in a --set, our server (the compiled dist/, what
// `npm start` runs) is started with FAQ_FILE=corpus, and a baseline skill server (the MiniSearch-bigram
// toy of src/match/baseline.ts, always answering its top hit) beside it, each on a free port in
// 8350-8399 bound to 127.0.0.1. Every line is then sent to both, one at a time, as an OpenBuilder
// request to /skills/faq, and measured exactly as ../shared/eval/run-eval.mjs measures (the same
// payload, shape check and definitions, reimplemented below; or that runner itself with --runner).
// It reads nothing but the files named in its arguments.
//
//   npx tsx scripts/eval-http.ts --set <corpus.json>:<cases.jsonl> [--set ...] [--split fit|check]
//       [--no-build] [--runner <run-eval.mjs>] [--json] [--verbose]
//   (internal) npx tsx scripts/eval-http.ts --serve-baseline <corpus.json> --port <n>
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadCorpusFile } from '../src/faq/load.js'
import { createBaseline } from '../src/match/baseline.js'
import { loadEvalFile, NO_COUNTS, percentile, ratios, selectSplit, tally, type EvalCase, type EvalCounts, type EvalMiss } from '../src/match/eval.js'
import { formatTable, parseSet, type EvalSet, type Measured } from '../src/cli/eval.js'
import { projectRoot } from '../src/paths.js'

const PORTS = { from: 8350, to: 8399 }
const SKILL_PATH = '/skills/faq'
/** Our server builds its index before /ready answers; a 3,000-entry corpus takes seconds, not minutes. */
const READY_TIMEOUT_MS = 180_000
const here = fileURLToPath(import.meta.url)

// ---- what run-eval.mjs sends and checks ----------------------------------------------------------

export function skillPayload (utterance: string, userKey = randomUUID().replace(/-/g, '')) {
  return {
    intent: { id: 'fallback0000000000000001', name: '폴백 블록', extra: { reason: { code: 1, message: 'OK' } } },
    userRequest: {
      timezone: 'Asia/Seoul',
      params: { ignoreMe: 'true', surface: 'Kakaotalk.plusfriend' },
      block: { id: 'fallback0000000000000001', name: '폴백 블록' },
      utterance,
      lang: 'ko',
      user: {
        id: userKey,
        type: 'botUserKey',
        properties: { botUserKey: userKey, bot_user_key: userKey, isFriend: true, plusfriendUserKey: 'pf' + userKey.slice(0, 10) },
      },
    },
    bot: { id: '64f0c0ffee0000000000beef', name: 'FAQ 봇' },
    action: { name: 'faq', clientExtra: null, params: {}, id: 'action00000000000000001', detailParams: {} },
    contexts: [],
  }
}

interface Body {
  version?: unknown
  template?: { outputs?: unknown; quickReplies?: unknown }
  data?: { outcome?: unknown; question?: unknown; candidates?: unknown }
}

export function shapeProblem (body: Body | null | undefined): string | null {
  if (!body || body.version !== '2.0') return 'version is not "2.0"'
  const outputs = body.template?.outputs
  if (!Array.isArray(outputs) || outputs.length < 1 || outputs.length > 3) return 'template.outputs must hold 1..3 items'
  for (const o of outputs as Array<Record<string, { text?: unknown }>>) {
    if (Object.keys(o).length !== 1) return 'each output must hold exactly one component'
    const t = o.simpleText?.text
    if (o.simpleText && (typeof t !== 'string' || t.length === 0 || t.length > 1000)) return 'simpleText.text must be 1..1000 characters'
  }
  const qr = body.template?.quickReplies
  if (qr !== undefined && (!Array.isArray(qr) || qr.length > 10)) return 'quickReplies must hold at most 10 items'
  return null
}

export interface HttpMeasured extends Measured {
  failed: number
  badShape: number
}

/** Sends each line, one at a time, and counts as run-eval.mjs counts (plus out-of-domain choices). */
export async function measureHttp (url: string, cases: EvalCase[]): Promise<{ figures: HttpMeasured; misses: EvalMiss[] }> {
  const n: EvalCounts = { ...NO_COUNTS, cases: cases.length }
  let failed = 0
  let badShape = 0
  const latencies: number[] = []
  const misses: EvalMiss[] = []
  for (const c of cases) {
    const t0 = performance.now()
    let body: Body
    try {
      const res = await fetch(url + SKILL_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(skillPayload(c.utterance)) })
      latencies.push(performance.now() - t0)
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`)
      body = (await res.json()) as Body
    } catch (err) {
      failed++
      misses.push({ utterance: c.utterance, expect: c.expect, outcome: `failed: ${(err as Error).message}`, got: [] })
      continue
    }
    if (shapeProblem(body)) badShape++
    const d = body.data ?? {}
    const cands = (Array.isArray(d.candidates) ? d.candidates : []) as Array<{ question?: unknown }>
    const answered = d.outcome === 'answer'
    const questions = cands.map((x) => x.question)
    // The questions the reply names, in order: the answer first when it answered, then the choices.
    const shown = answered ? [d.question, ...questions] : questions
    if (tally(n, c.expect, d.outcome, shown)) {
      misses.push({ utterance: c.utterance, expect: c.expect, outcome: String(d.outcome ?? 'no outcome'), got: (answered ? [d.question] : questions.slice(0, 3)).map(String) })
    }
  }
  latencies.sort((a, b) => a - b)
  return { figures: { ...ratios(n), p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), failed, badShape }, misses }
}

/** The same measurement by an external runner (run-eval.mjs --json); it does not count offered choices. */
function measureWithRunner (runner: string, url: string, cases: EvalCase[]): HttpMeasured {
  const dir = mkdtempSync(join(tmpdir(), 'eval-http-'))
  const file = join(dir, 'cases.jsonl')
  try {
    writeFileSync(file, cases.map((c) => JSON.stringify(c)).join('\n') + '\n')
    const out = execFileSync(process.execPath, [runner, '--url', url, '--path', SKILL_PATH, '--file', file, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 })
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>
    const inDomain = r.inDomain!
    const ood = r.outOfDomain!
    const counts: EvalCounts = {
      cases: r.cases!,
      inDomain,
      outOfDomain: ood,
      right: Math.round(r.answerAccuracy! * inDomain),
      wrong: Math.round(r.wrongAnswerRate! * inDomain),
      // The runner does not report the first candidate apart from answers: top-1 is not known.
      top1: NaN,
      top3: Math.round(r.top3Recall! * inDomain),
      oodAnswered: Math.round(r.outOfDomainAnswered! * ood),
      oodChoices: 0,
    }
    return { ...ratios(counts), outOfDomainChoices: NaN, p50Ms: r.p50ms!, p99Ms: r.p99ms!, failed: r.failed!, badShape: r.badShape! }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// ---- servers --------------------------------------------------------------------------------------

const taken = new Set<number>()

async function freePort (): Promise<number> {
  for (let port = PORTS.from; port <= PORTS.to; port++) {
    if (taken.has(port)) continue
    const free = await new Promise<boolean>((resolve) => {
      const s = createNetServer()
      s.once('error', () => resolve(false))
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
    })
    if (free) {
      taken.add(port)
      return port
    }
  }
  throw new Error(`no free port in ${PORTS.from}-${PORTS.to}`)
}

interface Running {
  url: string
  child: ChildProcess
}

async function waitReady (url: string, child: ChildProcess, what: string, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before it was ready:\n${log()}`)
    try {
      if ((await fetch(url + '/ready')).status === 200) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${what} not ready after ${READY_TIMEOUT_MS} ms:\n${log()}`)
}

async function start (what: string, command: string, args: string[], env: NodeJS.ProcessEnv, port: number): Promise<Running> {
  const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000)
  })
  const url = `http://127.0.0.1:${port}`
  try {
    await waitReady(url, child, what, () => stderr)
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }
  return { url, child }
}

/** Our server as `npm start` runs it, with only the corpus, port and quiet logs changed. */
async function startOurs (corpus: string): Promise<Running> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, FAQ_FILE: corpus, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }
  // Auth and bot allow-lists would refuse the eval's requests; they are not what is measured.
  delete env.SKILL_AUTH_TOKEN
  delete env.ALLOWED_BOT_IDS
  return start('our server', process.execPath, [join(projectRoot, 'dist', 'src', 'server.js')], env, port)
}

/** This script again in --serve-baseline mode, in its own process like ours. */
async function startBaseline (corpus: string): Promise<Running> {
  const port = await freePort()
  return start('baseline server', process.execPath, [...process.execArgv, here, '--serve-baseline', corpus, '--port', String(port)], process.env, port)
}

async function stop (r: Running | undefined): Promise<void> {
  if (!r || r.child.exitCode !== null) return
  const exited = new Promise((resolve) => r.child.once('exit', resolve))
  r.child.kill('SIGTERM')
  const timer = setTimeout(() => r.child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

/** The baseline as a skill server: the answer as one simpleText, and `data` as ours carries it. */
async function serveBaseline (corpusFile: string, port: number): Promise<void> {
  const { corpus } = await loadCorpusFile(corpusFile)
  const baseline = createBaseline(corpus)
  const answers = new Map(corpus.entries.map((e) => [e.id, e.answer]))
  const server = createHttpServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'GET' && req.url === '/ready') return reply(200, { status: 'ready', entries: corpus.entries.length })
    if (req.method !== 'POST' || req.url !== SKILL_PATH) return reply(404, { error: 'not found' })
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let utterance = ''
      try {
        const u = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { userRequest?: { utterance?: unknown } }).userRequest?.utterance
        utterance = typeof u === 'string' ? u : ''
      } catch {
        return reply(400, { error: 'not JSON' })
      }
      const r = baseline.match(utterance)
      const best = r.candidates[0]
      const text = (best && answers.get(best.faqId)) || '찾는 답이 없어요.'
      reply(200, {
        version: '2.0',
        template: { outputs: [{ simpleText: { text: text.slice(0, 1000) } }] },
        data: { outcome: r.outcome, faqId: best?.faqId, question: best?.question, score: r.score, candidates: r.candidates },
      })
    })
  })
  server.listen(port, '127.0.0.1')
  const close = () => server.close(() => process.exit(0))
  process.on('SIGTERM', close)
  process.on('SIGINT', close)
}

// ---- the run --------------------------------------------------------------------------------------

const USAGE = `usage: npx tsx scripts/eval-http.ts --set <corpus.json>:<cases.jsonl> [--set ...] [options]

  --set C:F          lines F sent to our server and the baseline, both serving corpus C (repeatable)
  --split fit|check  only the lines of that half (lines without a "split" field are kept)
  --no-build         use dist/ as it is (default: npm run build first)
  --runner R         measure with R (e.g. ../shared/eval/run-eval.mjs) instead of the built-in copy
  --json             one JSON object with every figure
  --verbose          list our misses (MISS lines)`

interface Report {
  name: string
  corpus: string
  cases: string
  entries: number
  ours: HttpMeasured
  baseline: HttpMeasured
  misses: EvalMiss[]
}

async function main (argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      set: { type: 'string', multiple: true, default: [] },
      split: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      runner: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'serve-baseline': { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values['serve-baseline']) {
    await serveBaseline(values['serve-baseline'], Number(values.port))
    return -1
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (!values.set.length) {
    console.error(`eval-http: no --set given\n\n${USAGE}`)
    return 2
  }
  const sets: EvalSet[] = values.set.map(parseSet)
  if (!values['no-build']) execFileSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit' })
  const say = (line: string) => console.error(line)
  const byCorpus = new Map<string, EvalSet[]>()
  for (const s of sets) byCorpus.set(s.corpus, [...(byCorpus.get(s.corpus) ?? []), s])
  const reports: Report[] = []
  for (const [corpus, group] of byCorpus) {
    const entries = (await loadCorpusFile(corpus)).corpus.entries.length
    let ours: Running | undefined
    let baseline: Running | undefined
    try {
      ours = await startOurs(corpus)
      baseline = await startBaseline(corpus)
      say(`${corpus}: ${entries} entries; ours on ${ours.url}, baseline on ${baseline.url}`)
      for (const s of group) {
        const cases = selectSplit(await loadEvalFile(s.cases), values.split)
        say(`  ${s.cases}: ${cases.length} lines`)
        const name = values.split ? `${s.name} [${values.split}]` : s.name
        if (values.runner) {
          reports.push({ ...s, name, entries, ours: measureWithRunner(values.runner, ours.url, cases), baseline: measureWithRunner(values.runner, baseline.url, cases), misses: [] })
        } else {
          const o = await measureHttp(ours.url, cases)
          const b = await measureHttp(baseline.url, cases)
          reports.push({ ...s, name, entries, ours: o.figures, baseline: b.figures, misses: o.misses })
        }
      }
    } finally {
      await stop(ours)
      await stop(baseline)
    }
  }
  if (values.json) {
    console.log(JSON.stringify({ sets: reports.map((r) => ({ ...r, misses: values.verbose ? r.misses : undefined })) }))
    return 0
  }
  if (values.verbose) for (const r of reports) for (const m of r.misses) console.log('MISS', JSON.stringify({ set: r.name, ...m }))
  console.log(formatTable(reports, 'http'))
  for (const r of reports) {
    for (const [who, f] of [['ours', r.ours], ['baseline', r.baseline]] as const) {
      if (f.failed || f.badShape) console.log(`${r.name}: ${who}: ${f.failed} failed request(s), ${f.badShape} reply(ies) of a bad shape`)
    }
  }
  return 0
}

// Run only as a script: the tests import the measurement without starting anything.
if (process.argv[1] && resolve(process.argv[1]) === here) {
  const code = await main(process.argv.slice(2))
  if (code >= 0) process.exitCode = code
}
