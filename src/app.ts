// The application as a plugin: registers services, then routes. It never listens; server.ts does,
// and tests and the CLI build the same app without a port.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import fp from 'fastify-plugin'
import type { Config } from './config.js'
import { loadMessages, type Messages } from './messages.js'
import faqStore, { type FaqStore } from './plugins/faq-store.js'
import errors from './plugins/errors.js'
import drain from './plugins/drain.js'
import requestLog from './plugins/request-log.js'
import docs from './routes/docs.js'
import auth from './plugins/auth.js'
import timeBudget from './plugins/time-budget.js'
import health from './routes/health.js'
import playground from './routes/playground.js'
import { SKILLS } from '../skills/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    messages: Messages
  }
}

export interface AppOptions {
  config: Config
  /** Reuse an already loaded corpus (tests, benchmarks). */
  store?: FaqStore
  /** How often event-loop pressure is sampled (default 1 s); tests shorten it. */
  pressureSampleIntervalMs?: number
}

export async function app (fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  fastify.decorate('config', opts.config)
  fastify.decorate('messages', loadMessages(opts.config.MESSAGES_FILE))
  // Replies are built by our own builders and checked against SkillResponse in tests; plain
  // JSON.stringify keeps every field (data is a free map) and is fast.
  fastify.setSerializerCompiler(() => (data) => JSON.stringify(data))

  await fastify.register(errors)
  await fastify.register(requestLog, { salt: opts.config.LOG_SALT })
  await fastify.register(drain)
  await fastify.register(faqStore, { config: opts.config, store: opts.store })
  // Before any route: auth and the time budget hook into every route marked config.skill; auth's
  // hooks come first so a refused caller never gets past them, even under pressure.
  await fastify.register(auth, {
    token: opts.config.SKILL_AUTH_TOKEN,
    header: opts.config.SKILL_AUTH_HEADER,
    allowedBotIds: opts.config.ALLOWED_BOT_IDS,
  })
  await fastify.register(timeBudget, {
    budgetMs: opts.config.SKILL_TIME_BUDGET_MS,
    maxEventLoopDelayMs: opts.config.MAX_EVENT_LOOP_DELAY_MS,
    sampleIntervalMs: opts.pressureSampleIntervalMs,
  })

  // Before any route: the OpenAPI generator collects routes as they are added.
  await fastify.register(docs, { config: opts.config })
  await fastify.register(health)
  if (opts.config.PLAYGROUND) await fastify.register(playground)
  for (const skill of SKILLS) await fastify.register(skill.plugin)
}

/** A SkillPayload is small; anything near this is not from OpenBuilder. */
export const BODY_LIMIT = 64 * 1024

/**
 * What buildApp and server.ts accept as a logger: `true` (pino to stdout at LOG_LEVEL), `false`
 * (silent), pino options such as `{ level, stream }` (tests capture the output this way), or a
 * ready logger instance.
 */
export type LoggerSetting = boolean | (Record<string, unknown> & { level?: string }) | FastifyBaseLogger

const isLoggerInstance = (l: unknown): l is FastifyBaseLogger =>
  typeof l === 'object' && l !== null && typeof (l as { child?: unknown }).child === 'function' && typeof (l as { info?: unknown }).info === 'function'

export function fastifyOptions (config: Config, logger: LoggerSetting = true): FastifyServerOptions {
  // Secrets never reach a log line, whoever configured the logger.
  const redact = {
    paths: ['req.headers.authorization', `req.headers["${config.SKILL_AUTH_HEADER.toLowerCase()}"]`],
    censor: '[redacted]',
  }
  const logging: Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> = isLoggerInstance(logger)
    ? { loggerInstance: logger }
    : logger === true
      ? { logger: { level: config.LOG_LEVEL, redact } }
      : logger === false
        ? { logger: false }
        : { logger: { level: config.LOG_LEVEL, redact, ...logger } }
  return {
    ...logging,
    bodyLimit: BODY_LIMIT,
    // request-log.ts writes one line per request itself; Fastify's own two lines would double it.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    // Bodies must arrive with the types the schema names: "utterance": 5 is a client error, not "5".
    ajv: { customOptions: { coerceTypes: false, allErrors: false } },
    // While closing, a request arriving on an open keep-alive socket is answered (its reply says
    // "Connection: close", see plugins/drain.ts), not refused with a 503.
    return503OnClosing: false,
    // A whole SkillPayload arrives in milliseconds; a client trickling one byte at a time
    // (slowloris) is cut off instead of holding a socket for Node's default 5 minutes.
    requestTimeout: 10_000,
  }
}

export async function buildApp (opts: AppOptions, logger: LoggerSetting = false) {
  const fastify = Fastify(fastifyOptions(opts.config, logger)).withTypeProvider<TypeBoxTypeProvider>()
  // fp: the app's decorators (faq, config, startDraining) are reachable on the returned instance.
  await fastify.register(fp(app, { name: 'app' }), opts)
  await fastify.ready()
  return fastify
}
