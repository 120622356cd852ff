// The process: configuration, logger, listen, graceful shutdown, reload on SIGHUP.
import Fastify from 'fastify'
import closeWithGrace from 'close-with-grace'
import { app, fastifyOptions } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { FaqStore } from './plugins/faq-store.js'
import { logDestination } from './log-destination.js'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const fastify = Fastify(fastifyOptions(config, { stream: logDestination() }))
  // The store is opened here, not inside the app, because the app is an encapsulated plugin:
  // the SIGHUP handler needs a reference that does not depend on the app's decorators.
  let store: FaqStore | undefined
  // Registered before the corpus loads: a SIGHUP's default action would kill a starting process.
  process.on('SIGHUP', () => {
    if (!store) return fastify.log.warn('SIGHUP while starting: ignored; send it again once /ready answers')
    fastify.log.info({ file: config.FAQ_FILE }, 'SIGHUP: reloading the corpus')
    store.reload().then(
      (s) => fastify.log.info({ entries: s.entries, version: s.version }, 'corpus reloaded'),
      (err: unknown) => fastify.log.error({ err }, 'reload failed; still serving the previous corpus'),
    )
  })
  // Once closing, every reply (including those to requests already in flight) says
  // "Connection: close", so keep-alive sockets end with their last reply instead of holding
  // fastify.close() open until the keep-alive timeout.
  let closing = false
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  try {
    const opened = await FaqStore.open(config)
    await fastify.register(app, { config, store: opened })
    store = opened
    await fastify.listen({ port: config.PORT, host: config.HOST })
  } catch (err) {
    fastify.log.fatal({ err }, 'cannot start')
    process.exit(1)
  }

  // close-with-grace (Fastify team) owns the exit path: on SIGTERM/SIGINT it runs our close once,
  // exits 0 when it finishes, 1 after `delay` or on a second signal, and turns an uncaught error
  // into a logged, graceful exit 1 instead of a crash that drops requests in flight.
  // SIGHUP is ours: it reloads the corpus.
  closeWithGrace(
    {
      delay: config.SHUTDOWN_TIMEOUT_MS,
      skip: ['SIGHUP'],
      logger: { error: (msg: unknown) => fastify.log.error(typeof msg === 'string' ? msg : { err: msg }, 'shutdown') },
    },
    async ({ signal, err }) => {
      closing = true
      if (err) fastify.log.error({ err }, 'uncaught error, shutting down')
      else fastify.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight')
      // fastify.close stops listening, answers requests already received, closes idle
      // keep-alive sockets and returns 503 to requests that arrive on open sockets meanwhile.
      await fastify.close()
      fastify.log.info('closed')
    },
  )

}

await main()
