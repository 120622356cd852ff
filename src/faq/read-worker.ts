// Worker thread for readSourcesOffThread (sources.ts): read and check the corpus and its index
// here, then hand the entries over a chunk at a time, each chunk when the main thread asks.
import { parentPort, workerData } from 'node:worker_threads'
import { CorpusError } from './load.js'
import { CHUNK, readSources, type SourceRequest, type WorkerMessage } from './sources.js'

const port = parentPort!
const send = (msg: WorkerMessage, transfer?: ArrayBuffer[]) => port.postMessage(msg, transfer)

try {
  const { loaded, index } = await readSources(workerData as SourceRequest)
  const { entries } = loaded.corpus
  send({ type: 'head', version: loaded.version, hash: loaded.hash, file: loaded.file, count: entries.length })
  let at = 0
  const next = () => {
    if (at < entries.length) {
      send({ type: 'entries', entries: entries.slice(at, (at += CHUNK)) })
      return
    }
    port.off('message', next)
    // A large index payload is moved, not copied (small buffers may share Node's pool).
    const transfer = index.ok && index.payload.buffer.byteLength > 64 * 1024 ? [index.payload.buffer as ArrayBuffer] : []
    send({ type: 'done', index }, transfer)
  }
  port.on('message', next)
  next()
} catch (err) {
  send({ type: 'error', corpus: err instanceof CorpusError, message: (err as Error).message })
}
