// Everything a snapshot is made from, read and checked: the corpus file (read, hashed, parsed,
// validated) and its prebuilt index if one matches. For a 100k-entry corpus the corpus part alone
// blocks for most of a second (read ~230 ms, hash ~130, JSON.parse ~260, validation ~240), so a
// reload does it in a worker thread (read-worker.ts) while the old snapshot keeps answering.
import { Worker } from 'node:worker_threads'
import type { FaqEntry } from './schema.js'
import { CorpusError, loadCorpusFile, type LoadedCorpus } from './load.js'
import { optionsFingerprint, readIndexFile, type IndexCheck } from './index-snapshot.js'
import type { MatcherOptions } from '../match/index.js'

export interface SourceRequest {
  file: string
  /** The prebuilt index to try; undefined = do not look for one. */
  indexFile?: string
  matcher: MatcherOptions
}

export interface Sources {
  loaded: LoadedCorpus
  index: IndexCheck
}

export async function readSources (req: SourceRequest): Promise<Sources> {
  const loaded = await loadCorpusFile(req.file)
  const index: IndexCheck = req.indexFile
    ? await readIndexFile(req.indexFile, { corpus: loaded.hash, options: await optionsFingerprint(req.matcher) })
    : { ok: false, reason: 'not looked for' }
  return { loaded, index }
}

/** Messages from read-worker.ts, in this order: head, entries (each acknowledged), then done. */
export type WorkerMessage =
  | { type: 'head', version: string, hash: string, file: string, count: number }
  | { type: 'entries', entries: FaqEntry[] }
  | { type: 'done', index: IndexCheck }
  | { type: 'error', corpus: boolean, message: string }

/** Entries per message: each one is deserialized in one piece on the main thread (~4 ms for 2000). */
export const CHUNK = 2000

/** The worker: built, dist/src/faq/read-worker.js; under tsx (tests, dev) the .ts source, with tsx loaded first. */
function startWorker (req: SourceRequest): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./read-worker.js', import.meta.url), { workerData: req })
  const source = new URL('./read-worker.ts', import.meta.url).href
  // tsx's --import does not reach worker threads; its API registers the loader in this one.
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}) })`
  return new Worker(boot, { eval: true, workerData: req })
}

/**
 * readSources in a worker thread. The entries come back a chunk at a time and the next chunk is
 * asked for only after the event loop has had a turn, so requests are answered in between: taking
 * the whole corpus in one message would block the main thread again while it is deserialized.
 */
export function readSourcesOffThread (req: SourceRequest): Promise<Sources> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(req)
    let head: Extract<WorkerMessage, { type: 'head' }> | undefined
    const entries: FaqEntry[] = []
    let settled = false
    const finish = (fn: () => void) => {
      if (settled) return
      settled = true
      fn()
      worker.terminate().catch(() => {})
    }
    worker.on('message', (msg: WorkerMessage) => {
      switch (msg.type) {
        case 'head':
          head = msg
          break
        case 'entries':
          for (const e of msg.entries) entries.push(e)
          setImmediate(() => worker.postMessage('next'))
          return
        case 'done':
          if (!head) return finish(() => reject(new Error('read worker: no head message')))
          return finish(() =>
            resolve({ loaded: { corpus: { version: 1, entries }, version: head!.version, hash: head!.hash, file: head!.file }, index: msg.index })
          )
        case 'error':
          return finish(() => reject(msg.corpus ? new CorpusError(msg.message) : new Error(msg.message)))
      }
    })
    worker.once('error', (err) => finish(() => reject(err)))
    worker.once('exit', (code) => finish(() => reject(new Error(`read worker exited with ${code}`))))
  })
}
