// Where the process writes its log: stdout, in batches. Every request logs a line, and pino's
// default (one asynchronous write per line through libuv's thread pool) cost about a quarter of a
// cached answer's CPU under load. Lines are gathered here and handed to sonic-boom (synchronous,
// it deals with partial writes and EAGAIN) about 8 KiB at a time. Gathering them in sonic-boom
// itself (minLength) costs more: it measures its whole pending buffer again on every line.
// Nothing waits longer than a second, and whatever is pending is written when the process exits,
// whichever way it exits.
import pino from 'pino'

export interface LineSink {
  write(chunk: string): unknown
}

export class LineBatcher implements LineSink {
  #lines: string[] = []
  #chars = 0

  constructor (
    readonly out: LineSink,
    /** UTF-16 units, not bytes: counting bytes would mean encoding every line twice. */
    readonly batchChars = 8 * 1024
  ) {}

  write (line: string): boolean {
    this.#lines.push(line)
    this.#chars += line.length
    if (this.#chars >= this.batchChars) this.flush()
    return true
  }

  flush (): void {
    if (this.#lines.length === 0) return
    const chunk = this.#lines.join('')
    this.#lines = []
    this.#chars = 0
    this.out.write(chunk)
  }
}

export function logDestination (dest: number | string = 1, flushMs = 1000): LineBatcher {
  const batcher = new LineBatcher(pino.destination({ dest, sync: true }))
  setInterval(() => batcher.flush(), flushMs).unref()
  process.once('exit', () => batcher.flush())
  return batcher
}
