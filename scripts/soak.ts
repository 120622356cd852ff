// npm run soak: sustained mixed load against /skills/faq, reporting RSS at the start (after a
// warm-up) and at the end, its growth (target ≤ 10 %), and every error, timeout and non-2xx.
//   npm run soak [-- --seconds 600 --connections 20 --port 8504]
import autocannon from 'autocannon'
import { fmtMB, mixedUtterances, skillBody, startChild } from './load-common.js'

function arg (name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const SECONDS = arg('seconds', 600)
const CONNECTIONS = arg('connections', 20)
const WARMUP = Math.min(30, Math.max(2, Math.round(SECONDS / 10)))

type Mem = { rss: number; heapUsed: number; replies: Record<string, number> }

async function main () {
  const utterances = await mixedUtterances()
  // Hostile and empty inputs too: the soak covers the error paths, not only the happy path.
  const mix = [...utterances, '', '   ', 'ㅋ'.repeat(5000), '\u202e\u0000\ud800 이상한 입력']
  const requests = mix.map((u, i) => ({ method: 'POST' as const, path: '/skills/faq', headers: { 'content-type': 'application/json' }, body: skillBody(u, i) }))
  // Loopback, on the ops port range (8500-8599).
  const server = await startChild('faq', { BENCH_PORT: String(arg('port', 8504)) })
  const memory = () => server.request<Mem>({ type: 'memory' }, 'memory')
  try {
    console.log(`# soak: ${SECONDS} s at ${CONNECTIONS} connections (${WARMUP} s warm-up), ${mix.length} mixed utterances`)
    const boot = server.ready
    const url = `http://127.0.0.1:${server.ready.port}`
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, requests })
    const start = await memory()
    console.log(`RSS at boot ${fmtMB(boot.rss)}, at start (after warm-up) ${fmtMB(start.rss)}`)

    const samples: number[] = []
    const timer = setInterval(() => {
      memory().then((m) => {
        samples.push(m.rss)
        console.log(`  t+${samples.length * 30}s RSS ${fmtMB(m.rss)} heap ${fmtMB(m.heapUsed)}`)
      })
    }, 30_000)
    const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests })
    clearInterval(timer)
    const end = await memory()
    const growth = (end.rss - start.rss) / start.rss
    // Replies by outcome over the whole run (warm-up included): "error" is a skill that failed,
    // "busy" one that ran out of time or was turned away under pressure.
    const failed = (end.replies.error ?? 0) + (end.replies.busy ?? 0)
    const errors = result.errors + result.timeouts + result.non2xx + failed
    console.log(`requests ${result.requests.total}   ${result.requests.average.toFixed(0)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms`)
    console.log(`errors ${result.errors}   timeouts ${result.timeouts}   non-2xx ${result.non2xx}   skill replies by outcome ${JSON.stringify(end.replies)}`)
    console.log(`RSS start ${fmtMB(start.rss)} → end ${fmtMB(end.rss)}: ${(growth * 100).toFixed(1)} % (target ≤ 10 %)   heap ${fmtMB(start.heapUsed)} → ${fmtMB(end.heapUsed)}`)
    const ok = growth <= 0.1 && errors === 0
    console.log(ok ? 'OK' : 'MISSED')
    process.exitCode = ok ? 0 : 1
  } finally {
    await server.stop()
  }
}

await main()
