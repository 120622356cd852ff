// The process: configuration, logger, listen, reload on SIGHUP, and a shutdown that loses nothing.
import Fastify from 'fastify'
import fp from 'fastify-plugin'
import closeWithGrace from 'close-with-grace'
import { setTimeout as sleep } from 'node:timers/promises'
import { app, fastifyOptions } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { logDestination } from './log-destination.js'
import { FaqStore } from './faq/store.js'

function configOrExit (): Config {
  try {
    return loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}

async function main () {
  const config = configOrExit()
  const fastify = Fastify(fastifyOptions(config, { stream: logDestination() }))
  let started = false
  // Registered before the corpus loads: a SIGHUP's default action would kill a starting process.
  process.on('SIGHUP', () => {
    if (!started) return fastify.log.warn('SIGHUP while starting: ignored; send it again once /ready answers')
    fastify.log.info({ file: config.FAQ_FILE }, 'SIGHUP: reloading the corpus')
    fastify.faq.reload().then(
      (s) => fastify.log.info({ entries: s.corpus.entries.length, version: s.version, index: s.index }, 'corpus reloaded'),
      (err: unknown) => fastify.log.error({ err }, 'reload failed; still serving the previous corpus')
    )
  })
  try {
    // Opened before the app is registered: a large corpus can take longer than Fastify's plugin
    // timeout to index. fp: the app's decorators (faq, startDraining) are reachable from here.
    const store = await FaqStore.open(config)
    await fastify.register(fp(app, { name: 'app' }), { config, store })
    await fastify.listen({ port: config.PORT, host: config.HOST })
    started = true
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
      // 1. Drain: /ready says 503 and replies say "Connection: close", but everything is served.
      //    Kubernetes takes a few seconds to take a terminating pod out of every node's endpoints,
      //    and keeps sending meanwhile. SIGINT is Ctrl-C in a terminal: nobody is routing to us,
      //    so it exits at once; so does an uncaught error.
      fastify.startDraining()
      const drainMs = signal === 'SIGTERM' ? config.SHUTDOWN_DRAIN_MS : 0
      if (err) fastify.log.error({ err }, 'uncaught error, shutting down')
      else fastify.log.info({ signal, drainMs }, 'shutting down: draining, /ready answers 503')
      if (drainMs > 0) await sleep(drainMs)
      // 2. Close: stop listening, answer every request received (one arriving on an open
      //    keep-alive socket too: return503OnClosing is off), close idle sockets, then exit.
      fastify.log.info('drained: no new connections, finishing requests in flight')
      await fastify.close()
      fastify.log.info('closed')
    }
  )
}

await main()
