// npm run bench: throughput and latency of POST /skills/faq against a bare Fastify route in the
// same run on the same machine, then start-up time, memory and per-query latency with a
// synthetic 100k-entry corpus. Loopback only; each load phase is bounded.
//   npm run bench [-- --seconds 10 --connections 50 --entries 100000]
import autocannon from 'autocannon'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateEntries } from './gen-corpus.js'
import { fmtMB, mixedUtterances, skillBody, startChild, type ServeKind, type ServerChild } from './load-common.js'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const SECONDS = arg('seconds', 10)
const CONNECTIONS = arg('connections', 50)
const ENTRIES = arg('entries', 100_000)

interface Load {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  total: number
}

async function drive(port: number, utterances: string[], seconds: number, connections: number): Promise<Load> {
  const requests = utterances.map((u, i) => ({
    method: 'POST' as const,
    path: '/skills/faq',
    headers: { 'content-type': 'application/json' },
    body: skillBody(u, i),
  }))
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: seconds, requests })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  }
}

/**
 * Both servers run side by side; the phases alternate (bare, faq, bare, faq) so that a change in
 * the machine's load during the run hits both alike. Each gets SECONDS in all.
 */
async function compare(utterances: string[]): Promise<Record<ServeKind, Load>> {
  const servers = { bare: await startChild('bare'), faq: await startChild('faq') }
  const kinds: ServeKind[] = ['bare', 'faq']
  const runs: Record<ServeKind, Load[]> = { bare: [], faq: [] }
  try {
    for (const k of kinds) await drive(servers[k].ready.port, utterances, 2, CONNECTIONS) // warm-up: JIT, sockets
    for (let round = 0; round < 2; round++) {
      for (const k of kinds) runs[k].push(await drive(servers[k].ready.port, utterances, SECONDS / 2, CONNECTIONS))
    }
  } finally {
    await Promise.all(kinds.map((k) => servers[k].stop()))
  }
  const merge = (rs: Load[]): Load => ({
    rps: rs.reduce((a, r) => a + r.rps, 0) / rs.length,
    p50: Math.max(...rs.map((r) => r.p50)),
    p99: Math.max(...rs.map((r) => r.p99)),
    errors: rs.reduce((a, r) => a + r.errors, 0),
    non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
    total: rs.reduce((a, r) => a + r.total, 0),
  })
  return { bare: merge(runs.bare), faq: merge(runs.faq) }
}

const line = (name: string, r: Load) =>
  `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms   errors ${r.errors}   non-2xx ${r.non2xx}   (${r.total} requests)`

async function main() {
  const load = loadavg()[0] ?? 0
  console.log(`# bench: ${SECONDS} s per server (two alternating halves), ${CONNECTIONS} connections, loopback, node ${process.version}`)
  console.log(`# machine: ${cpus().length} CPUs, load average ${load.toFixed(1)}${load > cpus().length ? '  (WARNING: the machine is busy; figures are pessimistic)' : ''}`)
  console.log('# p50/p99 below are the worst of the two halves')
  const utterances = await mixedUtterances()
  console.log(`# ${utterances.length} mixed utterances (corpus questions, paraphrases, out-of-domain)`)

  const { bare, faq } = await compare(utterances)
  console.log(line('bare Fastify route', bare))
  console.log(line('POST /skills/faq', faq))
  const ratio = faq.rps / bare.rps
  console.log(`ratio faq/bare: ${ratio.toFixed(2)} (target ≥ 0.6)   faq p99: ${faq.p99} ms (target ≤ 20 ms)   ${ratio >= 0.6 && faq.p99 <= 20 ? 'OK' : 'MISSED'}`)

  // ---- large corpus ------------------------------------------------------------------------
  const dir = mkdtempSync(join(tmpdir(), 'faq-bench-'))
  let big: ServerChild | undefined
  try {
    const file = join(dir, 'faq-100k.json')
    const entries = generateEntries(ENTRIES)
    writeFileSync(file, JSON.stringify(entries))
    console.log(`\n# ${ENTRIES} synthetic entries (bare JSON array) in ${file}`)
    big = await startChild('faq', { FAQ_FILE: file })
    const readyMem = big.ready.rss
    console.log(`start-up: ready ${(big.startMs / 1000).toFixed(2)} s after spawn (corpus load + index ${(big.ready.loadMs / 1000).toFixed(2)} s)   RSS ${fmtMB(readyMem)}   heap ${fmtMB(big.ready.heapUsed)}`)

    const sample = [
      ...entries.filter((_, i) => i % 97 === 0).map((e) => e.question),
      ...entries.filter((_, i) => i % 89 === 0).map((e) => e.question.replace(/ \(\d+\)$/, '').replace(/방법.*$/, '')),
      ...utterances.slice(-20),
    ]
    const m = await big.request<{ n: number; p50: number; p99: number; max: number; mean: number }>({ type: 'match', utterances: sample }, 'match')
    console.log(`matcher per query (${m.n} queries, in-process): mean ${(m.mean * 1000).toFixed(0)} µs   p50 ${(m.p50 * 1000).toFixed(0)} µs   p99 ${(m.p99 * 1000).toFixed(0)} µs   max ${m.max.toFixed(2)} ms`)
    const http = await drive(big.ready.port, sample, Math.min(SECONDS, 5), 10)
    console.log(line(`HTTP, ${ENTRIES / 1000}k corpus, 10c`, http))
    const after = await big.request<{ rss: number }>({ type: 'memory' }, 'memory')
    const ok = big.startMs <= 10_000 && Math.max(readyMem, after.rss) <= 1024 ** 3
    console.log(`RSS after load: ${fmtMB(after.rss)}   targets: ready ≤ 10 s, RSS ≤ 1 GB   ${ok ? 'OK' : 'MISSED'}`)
  } finally {
    await big?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
