import t from 'tap'
import { request, Agent } from 'node:http'
import { connect } from 'node:net'
import { payload, responseErrors } from './helpers.js'
import { startServer } from './server-process.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface InFlight {
  finish(): void
  done: Promise<{ status: number; body: string }>
}

/**
 * Start a request and send its headers and half its body, so the server has accepted it and is
 * in the middle of reading it: a request truly in flight when the signal arrives.
 */
function halfSent (port: number, utterance: string, agent: Agent | false): InFlight {
  const body = Buffer.from(JSON.stringify(payload(utterance)))
  const half = Math.floor(body.length / 2)
  let req!: ReturnType<typeof request>
  const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/skills/faq', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        let text = ''
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      }
    )
    req.on('error', reject)
    req.flushHeaders()
    req.write(body.subarray(0, half))
  })
  return { finish: () => req.end(body.subarray(half)), done }
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => {
      s.destroy()
      resolve(false)
    })
    s.once('error', () => resolve(true))
  })

/** One request on `agent`, read whole. */
function get (port: number, path: string, agent: Agent | false, method = 'GET', body?: string) {
  return new Promise<{ status: number, body: string, connection?: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

t.test('SIGTERM: drain (ready 503, still serving), then no new connections, every request in flight answered, exit 0', async (t) => {
  const server = await startServer({ SHUTDOWN_DRAIN_MS: '1500', SHUTDOWN_TIMEOUT_MS: '9000' })
  t.teardown(() => server.stop())

  // 150 on their own connections, 50 on keep-alive sockets, which must not hold the close open.
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 50 })
  t.teardown(() => keepAlive.destroy())
  // A keep-alive socket that served a request before the signal and is idle when it arrives.
  const idle = new Agent({ keepAlive: true, maxSockets: 1 })
  t.teardown(() => idle.destroy())
  t.equal((await get(server.port, '/ready', idle)).status, 200, 'ready before the signal')

  const utterances = ['배포란 무엇인가요?', '없는 질문', '', '오픈채팅 신고']
  const inFlight = Array.from({ length: 200 }, (_, i) => halfSent(server.port, utterances[i % utterances.length]!, i < 150 ? false : keepAlive))
  await sleep(1000) // let the server parse all 200 request heads

  const signalledAt = Date.now()
  server.child.kill('SIGTERM')
  await server.waitForLog(/^shutting down/)

  // Draining: readiness fails at once, but new requests (and reused sockets) are still served,
  // each told to close its connection.
  const ready = await get(server.port, '/ready', false)
  t.equal(ready.status, 503, '/ready answers 503 while draining')
  t.same(JSON.parse(ready.body), { status: 'draining' })
  const reused = await get(server.port, '/skills/faq', idle, 'POST', JSON.stringify(payload('배포란 무엇인가요?')))
  t.equal(reused.status, 200, 'a request on a keep-alive socket opened before the signal is answered')
  t.equal(reused.connection, 'close', 'and its socket is closed after the reply')
  t.same(responseErrors(JSON.parse(reused.body)), [])

  await server.waitForLog(/^drained/)
  t.ok(Date.now() - signalledAt >= 1400, 'the drain lasted SHUTDOWN_DRAIN_MS')
  await sleep(200)
  t.equal(await refused(server.port), true, 'a new connection is refused once drained')

  for (const r of inFlight) r.finish()
  const results = await Promise.all(inFlight.map((r) => r.done))
  const statuses: Record<number, number> = {}
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1
  t.same(statuses, { 200: 200 }, 'all 200 requests in flight got HTTP 200')
  const invalid = results.filter((r) => responseErrors(JSON.parse(r.body)).length > 0)
  t.equal(invalid.length, 0, 'every reply is a valid SkillResponse')

  const { code } = await server.exited
  const took = Date.now() - signalledAt
  t.equal(code, 0, 'exit code 0')
  t.ok(took < 9000, `exited ${took} ms after SIGTERM, within SHUTDOWN_TIMEOUT_MS`)
})

t.test('SIGINT (Ctrl-C in a terminal) skips the drain', async (t) => {
  const server = await startServer({ SHUTDOWN_DRAIN_MS: '8000', SHUTDOWN_TIMEOUT_MS: '12000' })
  t.teardown(() => server.stop())
  server.child.kill('SIGINT')
  const line = await server.waitForLog(/^shutting down/)
  t.equal(line.drainMs, 0)
  t.equal((await server.exited).code, 0, 'exit code 0, without waiting out the 8 s drain')
})
