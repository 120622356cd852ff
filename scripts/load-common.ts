// Shared by bench.ts and soak.ts: a server child process (so the load generator and the server
// do not share an event loop, as in production) and the mixed utterances that drive it.
import { fork, type ChildProcess } from 'node:child_process'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import Fastify from 'fastify'
import { existsSync } from 'node:fs'
import { loadCorpusFile } from '../src/faq/load.js'
import { dataPath, projectRoot } from '../src/paths.js'
import { simpleText, skillResponse } from '../src/kakao/builders.js'
import type { LineSink } from '../src/log-destination.js'
import type { MatcherFactory } from '../src/faq/store.js'

export type ServeKind = 'faq' | 'bare'

export interface ChildReady {
  type: 'ready'
  port: number
  /** ms from the child's first line to listening (corpus load + index build + listen). */
  loadMs: number
  rss: number
  heapUsed: number
}

/** Skill replies by outcome, counted from the request log lines on their way to /dev/null. */
const replies: Record<string, number> = {}
const OUTCOME = /"outcome":"(\w+)"/
function countingSink (destination: LineSink): LineSink {
  return {
    write (line: string) {
      if (line.includes('"msg":"skill reply"')) {
        const k = OUTCOME.exec(line)?.[1] ?? 'unknown'
        replies[k] = (replies[k] ?? 0) + 1
      }
      return destination.write(line)
    },
  }
}

/** Runs inside the child: build the app (or the bare baseline), listen on loopback, report. */
export async function serveChild (kind: ServeKind): Promise<void> {
  const t0 = performance.now()
  // The server's code comes from dist/, the build npm start runs (npm run bench builds first),
  // not from src/ through tsx's loader.
  const dist = (path: string) => {
    const file = join(projectRoot, 'dist', path)
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`)
    return import(file)
  }
  const { buildApp } = (await dist('src/app.js')) as typeof import('../src/app.js')
  const { loadConfig } = (await dist('src/config.js')) as typeof import('../src/config.js')
  const { FaqStore } = (await dist('src/faq/store.js')) as typeof import('../src/faq/store.js')
  const { logDestination } = (await dist('src/log-destination.js')) as typeof import('../src/log-destination.js')
  const config = loadConfig(process.env)
  const { storeOptions } = (await dist('src/faq/store.js')) as typeof import('../src/faq/store.js')
  // BENCH_MATCHER=stub: the real corpus, but a matcher that is built and answers at once (with
  // the first entries), so the figures show what the path (and a reload) outside the matcher costs.
  // BENCH_MATCHER=stub-none: the same, answering "none" (the smallest reply).
  const factory = process.env.BENCH_MATCHER?.startsWith('stub') ? stubFactory(process.env.BENCH_MATCHER === 'stub-none') : undefined
  const store = kind === 'faq' ? await FaqStore.open(storeOptions(config, factory)) : undefined
  // As in production: one info line per request through pino and the server's own destination,
  // written to /dev/null instead of stdout.
  const logger = { level: process.env.LOG_LEVEL ?? 'info', stream: countingSink(logDestination('/dev/null')) }
  const app = kind === 'faq' ? await buildApp({ config, store }, logger) : bareApp()
  // Loopback only, on the port the parent chose (ops benchmarks use 8500-8599).
  await app.listen({ port: Number(process.env.BENCH_PORT ?? 0), host: '127.0.0.1' })
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  const send = (msg: unknown) => process.send?.(msg)
  const mem = () => process.memoryUsage()
  send({ type: 'ready', port, loadMs: performance.now() - t0, rss: mem().rss, heapUsed: mem().heapUsed } satisfies ChildReady)
  process.on('message', (msg: { type: string; utterances?: string[] }) => {
    if (msg.type === 'cpu') send({ type: 'cpu', ...process.cpuUsage() })
    if (msg.type === 'reload') {
      // The longest event-loop stall during the reload and the second after the swap (the first
      // requests on a new corpus build what is derived from it lazily), measured in here.
      const loop = monitorEventLoopDelay({ resolution: 5 })
      loop.enable()
      const reply = (fields: Record<string, unknown>) =>
        setTimeout(() => {
          loop.disable()
          send({ type: 'reloaded', ...fields, loopMaxMs: loop.max / 1e6 })
        }, 1000)
      store!.reload().then(
        (s) => reply({ entries: s.corpus.entries.length }),
        (err: Error) => reply({ error: err.message })
      )
    }
    if (msg.type === 'memory') {
      // A full collection first, so heapUsed is live data rather than garbage awaiting collection.
      ;(globalThis as { gc?: () => void }).gc?.()
      send({ type: 'memory', rss: mem().rss, heapUsed: mem().heapUsed, replies })
    }
    if (msg.type === 'match' && kind === 'faq' && msg.utterances) {
      // Per-query matcher latency, in-process, without HTTP.
      const matcher = store!.current.matcher
      const times: number[] = []
      for (const u of msg.utterances) {
        const s = performance.now()
        matcher.match(u)
        times.push(performance.now() - s)
      }
      times.sort((a, b) => a - b)
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0
      send({ type: 'match', n: times.length, p50: q(0.5), p99: q(0.99), max: times.at(-1) ?? 0, mean: times.reduce((a, b) => a + b, 0) / (times.length || 1) })
    }
    if (msg.type === 'stop') app.close().then(() => process.exit(0))
  })
}

const stubFactory = (none: boolean): MatcherFactory => ({
  async create (corpus) {
    const byId = new Map(corpus.entries.map((e) => [e.id, e]))
    const candidates = corpus.entries.slice(0, 3).map((e, i) => ({ faqId: e.id, question: e.question, score: 0.9 - i * 0.3 }))
    const result = none ? { outcome: 'none' as const, candidates: [], score: 0 } : { outcome: 'answer' as const, candidates, score: 0.9 }
    const explain = () => {
      throw new Error('the stub matcher does not explain')
    }
    return { corpus, entry: (id) => byId.get(id), match: () => result, explain }
  },
  snapshot: () => Promise.reject(new Error('stub')),
  restore: () => Promise.reject(new Error('stub')),
})

/** The baseline: a bare Fastify route returning a constant skill response. */
function bareApp () {
  const app = Fastify({ logger: false })
  const reply = skillResponse({ outputs: [simpleText('상수 응답입니다.')], data: { outcome: 'none', candidates: [] } })
  // BENCH_BARE_WORK_US: the bare route spins this long per request, a yardstick for the ratio:
  // what a fixed amount of work per request does to req/s against the bare route.
  const work = Number(process.env.BENCH_BARE_WORK_US ?? 0) / 1000
  app.post('/skills/faq', async () => {
    if (work > 0) for (const t = performance.now(); performance.now() - t < work;);
    return reply
  })
  return app
}

export interface ServerChild {
  child: ChildProcess
  ready: ChildReady
  /** ms from fork to the ready message (process start included). */
  startMs: number
  request<T>(msg: { type: string; [k: string]: unknown }, reply: string): Promise<T>
  stop(): Promise<void>
}

const SELF = fileURLToPath(import.meta.url)

export async function startChild (kind: ServeKind, env: Record<string, string> = {}, execArgv: string[] = []): Promise<ServerChild> {
  const t0 = performance.now()
  const child = fork(SELF, ['--serve', kind], {
    cwd: projectRoot,
    execArgv: ['--import', 'tsx', '--expose-gc', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const ready = await new Promise<ChildReady>((resolve, reject) => {
    child.once('message', (m) => resolve(m as ChildReady))
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code} before it was ready`)))
  })
  const startMs = performance.now() - t0
  return {
    child,
    ready,
    startMs,
    request<T>(msg: { type: string }, reply: string) {
      return new Promise<T>((resolve) => {
        const on = (m: { type: string }) => {
          if (m.type !== reply) return
          child.off('message', on)
          resolve(m as T)
        }
        child.on('message', on)
        child.send(msg)
      })
    },
    stop () {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.send({ type: 'stop' })
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      })
    },
  }
}

const OOD = ['오늘 날씨 어때요?', '배고파', '점심 메뉴 추천해줘', 'asdf', 'ㅋㅋㅋㅋ', '😀😀', '주식 시세 알려줘', 'hello', '고마워요', '?']

/** Shared by every generator in this process: a new generator must not repeat an earlier one's utterances. */
let distinctSerial = 0

/**
 * An endless supply of distinct utterances, as typed chat mostly is: the mixed set, each time with
 * a different order number, so no two requests share a reply-cache entry, across generators too
 * (each phase of a run makes a new one; when each counted from 0 again, a phase's first requests
 * repeated the warm-up's and were reply-cache hits).
 */
export function distinctUtterances (base: string[]): () => string {
  return () => {
    const n = distinctSerial++
    const u = base[n % base.length]!
    return `${u} ${10001 + n}`
  }
}

/** Mixed utterances: corpus questions, light paraphrases of them, and out-of-domain chatter. */
export async function mixedUtterances (file = dataPath('faq.json')): Promise<string[]> {
  const { corpus } = await loadCorpusFile(file)
  const questions = corpus.entries.slice(0, 200).map((e) => e.question)
  const paraphrases = questions.flatMap((q) => [
    q.replace(/[?？.!]+$/u, ''),
    `혹시 ${q.replace(/[?？]$/u, '')} 알려주세요`,
    q.replace(/\s+/g, ''),
  ])
  return [...questions, ...paraphrases, ...OOD, ...OOD]
}

/** A real-shaped SkillPayload body. */
export function skillBody (utterance: string, i: number): string {
  const user = `bench-user-${i % 997}`
  return JSON.stringify({
    intent: { id: 'intent0001', name: '폴백 블록' },
    userRequest: {
      timezone: 'Asia/Seoul',
      params: { surface: 'Kakaotalk.plusfriend' },
      block: { id: 'block0001', name: '폴백 블록' },
      utterance,
      lang: 'ko',
      user: { id: user, type: 'botUserKey', properties: { botUserKey: user } },
    },
    bot: { id: 'bench-bot', name: 'FAQ 봇' },
    action: { id: 'action0001', name: 'faq', params: {}, detailParams: {}, clientExtra: null },
    contexts: [],
  })
}

export const fmtMB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
export { join }

if (process.argv[2] === '--serve') await serveChild(process.argv[3] as ServeKind)
