// The process: configuration, logger, listen, graceful shutdown.
import Fastify from 'fastify'
import { app, fastifyOptions } from './app.js'
import { ConfigError, loadConfig } from './config.js'

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
  const fastify = Fastify(fastifyOptions(config, true))
  try {
    await fastify.register(app, { config })
    await fastify.listen({ port: config.PORT, host: config.HOST })
  } catch (err) {
    fastify.log.fatal({ err }, 'cannot start')
    process.exit(1)
  }

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    fastify.log.info({ signal }, 'shutting down')
    const timer = setTimeout(() => {
      fastify.log.error('shutdown took too long, exiting')
      process.exit(1)
    }, 10_000)
    timer.unref()
    fastify.close().then(
      () => process.exit(0),
      (err) => {
        fastify.log.error({ err }, 'error during shutdown')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGHUP', () => {
    fastify.faq.reload().then(
      (s) => fastify.log.info({ entries: s.entries, version: s.version }, 'corpus reloaded'),
      (err) => fastify.log.error({ err }, 'reload failed; still serving the previous corpus'),
    )
  })
}

await main()
