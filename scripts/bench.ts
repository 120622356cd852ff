// npm run bench: what /skills/faq costs, told straight.
// 1. Three workloads against POST /skills/faq, each beside a bare Fastify route (a constant skill
//    reply) in the same run: one repeated utterance (all reply-cache hits), the mixed set that
//    repeats (mostly hits), every utterance distinct (no hits: typed chat rarely repeats); then the
//    distinct ones with the matcher stubbed (the path outside the matcher), and a yardstick: the
//    bare route doing 20 µs of busy work per request, beside the bare route.
// 2. A synthetic 100k-entry corpus on the real server process (node dist/src/server.js): time to
//    GET /ready 200, RSS, per-query latency over HTTP, and the longest request while a SIGHUP
//    reload runs under load.
// Loopback only, ports 8500-8504 (--port to move them); every phase is bounded. Each server's CPU
// per request is printed too: on a shared machine it moves less than req/s does.
//   npm run bench [-- --seconds 10 --connections 50 --entries 100000 --only http|large|store]
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { generateEntries } from './gen-corpus.js'
import { distinctUtterances, fmtMB, mixedUtterances, skillBody, startChild, type ServeKind, type ServerChild } from './load-common.js'
import { projectRoot } from '../src/paths.js'

function arg (name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const only = (() => {
  const i = process.argv.indexOf('--only')
  return i >= 0 ? process.argv[i + 1] : undefined
})()
const SECONDS = arg('seconds', 10)
const CONNECTIONS = arg('connections', 50)
const ENTRIES = arg('entries', 100_000)
const PORT = arg('port', 8500)

interface Load {
  rps: number
  /** Server CPU (user + system) per request, µs. */
  cpuUs?: number
  p50: number
  p99: number
  max: number
  errors: number
  non2xx: number
  total: number
}

/** Utterances for one run: a fixed list (cycled) or a generator of new ones. */
type Source = string[] | (() => string)

function requestsFor (source: Source): autocannon.Request[] {
  const base = { method: 'POST' as const, path: '/skills/faq', headers: { 'content-type': 'application/json' } }
  if (Array.isArray(source)) return source.map((u, i) => ({ ...base, body: skillBody(u, i) }))
  let i = 0
  return [{ ...base, setupRequest: (req) => ({ ...req, body: skillBody(source(), i++) }) }]
}

const summary = (r: autocannon.Result): Load => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  max: r.latency.max,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
  total: r.requests.total,
})

async function drive (port: number, source: Source, seconds: number, connections: number, extra: Partial<autocannon.Options> = {}): Promise<Load> {
  return summary(await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: seconds, requests: requestsFor(source), ...extra }))
}

const merge = (rs: Load[]): Load => ({
  rps: rs.reduce((a, r) => a + r.rps, 0) / rs.length,
  cpuUs: rs.reduce((a, r) => a + (r.cpuUs ?? 0) * r.total, 0) / rs.reduce((a, r) => a + r.total, 0),
  p50: Math.max(...rs.map((r) => r.p50)),
  p99: Math.max(...rs.map((r) => r.p99)),
  max: Math.max(...rs.map((r) => r.max)),
  errors: rs.reduce((a, r) => a + r.errors, 0),
  non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
  total: rs.reduce((a, r) => a + r.total, 0),
})

/**
 * Both servers run side by side; the phases alternate (bare, faq, bare, faq) so that a change in
 * the machine's load during the run hits both alike. Each gets SECONDS in all.
 */
async function compare (servers: Record<ServeKind, ServerChild>, source: () => Source): Promise<Record<ServeKind, Load>> {
  const kinds: ServeKind[] = ['bare', 'faq']
  const runs: Record<ServeKind, Load[]> = { bare: [], faq: [] }
  for (const k of kinds) await drive(servers[k].ready.port, source(), 1, CONNECTIONS) // warm-up: JIT, sockets
  type Cpu = { user: number, system: number }
  const cpu = (k: ServeKind) => servers[k].request<Cpu>({ type: 'cpu' }, 'cpu')
  for (let round = 0; round < 2; round++) {
    for (const k of kinds) {
      const before = await cpu(k)
      const load = await drive(servers[k].ready.port, source(), SECONDS / 2, CONNECTIONS)
      const after = await cpu(k)
      runs[k].push({ ...load, cpuUs: (after.user + after.system - before.user - before.system) / Math.max(1, load.total) })
    }
  }
  return { bare: merge(runs.bare), faq: merge(runs.faq) }
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`
const row = (cells: Array<string | number>, widths: number[]) => cells.map((c, i) => String(c).padStart(widths[i] ?? 8)).join('  ')

async function httpWorkloads (mixed: string[]) {
  const bare = await startChild('bare', { BENCH_PORT: String(PORT) })
  const faq = await startChild('faq', { BENCH_PORT: String(PORT + 1) })
  // The same app with a matcher that answers at once: what the path outside the matcher costs.
  const stub = await startChild('faq', { BENCH_PORT: String(PORT + 3), BENCH_MATCHER: 'stub' })
  // The bare route doing 20 µs of busy work per request, in the faq column: a yardstick for what
  // the ratio target leaves for everything /skills/faq does beyond a bare route.
  const busy = await startChild('bare', { BENCH_PORT: String(PORT + 4), BENCH_BARE_WORK_US: '20' })
  const workloads: Array<{ name: string, faq: ServerChild, source: () => Source }> = [
    { name: 'one repeated utterance', faq, source: () => [mixed[0]!] },
    { name: `mixed, repeating (${mixed.length})`, faq, source: () => mixed },
    // A fresh generator per phase: the faq server never sees an utterance twice.
    { name: 'every utterance distinct', faq, source: () => distinctUtterances(mixed) },
    { name: 'distinct, matcher stubbed', faq: stub, source: () => distinctUtterances(mixed) },
    { name: 'bare + 20 µs work (yardstick)', faq: busy, source: () => distinctUtterances(mixed) },
  ]
  const widths = [29, 10, 10, 6, 9, 9, 9, 6, 11, 11]
  console.log(row(['workload', 'bare req/s', 'faq req/s', 'ratio', 'faq p50', 'faq p99', 'bare p99', 'errors', 'bare CPU/req', 'faq CPU/req'], widths))
  try {
    for (const w of workloads) {
      const r = await compare({ bare, faq: w.faq }, w.source)
      const errors = r.bare.errors + r.bare.non2xx + r.faq.errors + r.faq.non2xx
      const us = (n?: number) => `${(n ?? 0).toFixed(0)} µs`
      console.log(
        row([w.name, r.bare.rps.toFixed(0), r.faq.rps.toFixed(0), (r.faq.rps / r.bare.rps).toFixed(2), ms(r.faq.p50), ms(r.faq.p99), ms(r.bare.p99), errors, us(r.bare.cpuUs), us(r.faq.cpuUs)], widths)
      )
    }
  } finally {
    await Promise.all([bare, faq, stub, busy].map((s) => s.stop()))
  }
  console.log('targets (every utterance distinct): ratio ≥ 0.4, faq p99 ≤ 15 ms')
}

/** The real server process, as `npm start` runs it, on a corpus file. */
async function startServer (file: string, port: number) {
  const t0 = performance.now()
  const child = spawn(process.execPath, [join(projectRoot, 'dist/src/server.js')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FAQ_FILE: file, LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  // Only the lifecycle lines are looked at; request lines pass by.
  const seen: Array<Record<string, unknown>> = []
  let tail = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const text = tail + chunk
    const lines = text.split('\n')
    tail = lines.pop() ?? ''
    for (const l of lines) if (/"msg":"(corpus |reload failed|cannot start)/.test(l)) seen.push(JSON.parse(l) as Record<string, unknown>)
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const waitLog = async (msg: RegExp, from = 0, timeoutMs = 120_000) => {
    const end = performance.now() + timeoutMs
    for (;;) {
      const hit = seen.slice(from).find((l) => msg.test(String(l.msg)))
      if (hit) return hit
      if (performance.now() > end || child.exitCode !== null) throw new Error(`no ${msg} log line`)
      await sleep(20)
    }
  }
  // Ready = GET /ready answers 200, polled every 25 ms from the spawn.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${JSON.stringify(seen.at(-1))}`)
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)
    if (ok) break
    await sleep(25)
  }
  const readyMs = performance.now() - t0
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
  return {
    child,
    readyMs,
    rss,
    seen,
    waitLog,
    async stop () {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * The longest request while `reload` runs, under a steady load that does not saturate the server
 * (50 req/s on 5 connections): it says how long the reload stalled the event loop, not how long a
 * queue grew. The load starts 1 s before and ends 1 s after.
 */
async function reloadUnderLoad (port: number, sample: string[], reload: () => Promise<string>): Promise<string> {
  let instance!: autocannon.Instance
  const result = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      { url: `http://127.0.0.1:${port}`, connections: 5, overallRate: 50, duration: 120, requests: requestsFor(distinctUtterances(sample)) },
      (err, r) => (err ? reject(err) : resolve(r))
    )
  })
  await sleep(1000)
  const signalled = performance.now()
  const outcome = await reload()
  const reloadMs = performance.now() - signalled
  await sleep(1000)
  instance.stop()
  const during = summary(await result)
  return `${outcome} after ${(reloadMs / 1000).toFixed(2)} s   longest request ${ms(during.max)}   p99 ${ms(during.p99)}   errors ${during.errors + during.non2xx}`
}

/** Queries for the synthetic corpus: its questions, shortened ones, and some chatter. */
const sample = (entries: Array<{ question: string }>, mixed: string[]) => [
  ...entries.filter((_, i) => i % 97 === 0).map((e) => e.question),
  ...entries.filter((_, i) => i % 89 === 0).map((e) => e.question.replace(/ \(\d+\)$/, '').replace(/방법.*$/, '')),
  ...mixed.slice(-20),
]

async function storeSide (file: string, port: number, queries: string[]) {
  // The same reload with the matcher stubbed (built at once): what the store's side costs,
  // reading, parsing and validating in the worker and taking the entries over in chunks.
  // Its replies say "none" (the smallest reply), so what is measured is the reload, not the replies.
  const stub = await startChild('faq', { BENCH_PORT: String(port), BENCH_MATCHER: 'stub-none', FAQ_FILE: file })
  try {
    await drive(port, distinctUtterances(queries), 2, 5) // warm-up: JIT, the catalog, sockets
    // The noise floor first: the same load for 3 s without a reload.
    const floor = await reloadUnderLoad(port, queries, () => sleep(3000).then(() => 'no reload'))
    console.log(`matcher stubbed, 50 req/s, ${floor}`)
    const side = await reloadUnderLoad(port, queries, async () => {
      const r = await stub.request<{ error?: string, loopMaxMs: number }>({ type: 'reload' }, 'reloaded')
      return `${r.error ? `reload failed (${r.error})` : 'corpus reloaded'} (longest event-loop stall, up to 1 s after the swap: ${ms(r.loopMaxMs)})`
    })
    console.log(`matcher stubbed, 50 req/s, reload (the store's side): ${side}`)
  } finally {
    await stub.stop()
  }
}

async function largeCorpus (mixed: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'faq-bench-'))
  const port = PORT + 2
  let server: Awaited<ReturnType<typeof startServer>> | undefined
  try {
    const file = join(dir, 'faq-100k.json')
    const entries = generateEntries(ENTRIES)
    writeFileSync(file, JSON.stringify(entries))
    const { writeIndexSnapshot } = (await import(join(projectRoot, 'dist/src/faq/index-snapshot.js'))) as typeof import('../src/faq/index-snapshot.js')
    const { loadConfig, thresholdsOf } = (await import(join(projectRoot, 'dist/src/config.js'))) as typeof import('../src/config.js')
    const config = loadConfig({ ...process.env, FAQ_FILE: file })
    const built = await writeIndexSnapshot(file, { matcher: { synonymsFile: config.SYNONYMS_FILE, thresholds: thresholdsOf(config) } })
    console.log(`\n# ${ENTRIES} synthetic entries (bare JSON array); faq-skill build: ${built.written ? `${fmtMB(built.bytes)} index in ${(built.buildMs / 1000).toFixed(1)} s` : `no index (${built.reason})`}`)

    if (only === 'store') return await storeSide(file, port, sample(entries, mixed))
    server = await startServer(file, port)
    const loaded = await server.waitLog(/^corpus loaded$/)
    const index = loaded.index as { restored: boolean, reason?: string }
    const readyRss = server.rss()
    console.log(`start-up: GET /ready 200 after ${(server.readyMs / 1000).toFixed(2)} s   RSS ${fmtMB(readyRss)}   index ${index.restored ? 'restored' : `built (${index.reason})`}   targets: ≤ 3 s, ≤ 400 MB`)

    const queries = sample(entries, mixed)
    const one = await drive(port, distinctUtterances(queries), 5, 1)
    console.log(`per query over HTTP (1 connection, distinct): p50 ${ms(one.p50)}   p99 ${ms(one.p99)}   max ${ms(one.max)}   (${one.total} requests)`)
    const ten = await drive(port, distinctUtterances(queries), 5, 10)
    console.log(`10 connections, distinct: ${ten.rps.toFixed(0)} req/s   p50 ${ms(ten.p50)}   p99 ${ms(ten.p99)}   errors ${ten.errors + ten.non2xx}`)

    const reload = await reloadUnderLoad(port, queries, async () => {
      const from = server!.seen.length
      server!.child.kill('SIGHUP')
      return String((await server!.waitLog(/^(corpus reloaded|reload failed)/, from)).msg)
    })
    console.log(`SIGHUP reload under load (50 req/s): ${reload}   target: longest ≤ 100 ms`)
    console.log(`RSS after: ${fmtMB(server.rss())}`)
    await server.stop()
    server = undefined

    await storeSide(file, port, queries)
  } finally {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main () {
  const load = loadavg()[0] ?? 0
  console.log(`# bench: ${SECONDS} s per server and workload (two alternating halves), ${CONNECTIONS} connections, loopback, node ${process.version}`)
  console.log(`# machine: ${cpus().length} CPUs, load average ${load.toFixed(1)}${load > cpus().length ? '  (WARNING: the machine is busy; figures are pessimistic)' : ''}`)
  console.log('# p50/p99 are the worst of the two halves; ratio = faq req/s ÷ bare req/s')
  const mixed = await mixedUtterances()
  if (only !== 'large') await httpWorkloads(mixed)
  if (only !== 'http') await largeCorpus(mixed)
}

await main()
