// One log line per request: route, status, latency; for skills also the skill, its outcome, the
// FAQ id, a salted hash of the botUserKey (never the key) and the utterance with PII masked.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { hashUserKey, logUtterance } from '../privacy.js'

export interface SkillLog {
  skill?: string
  outcome?: string
  faqId?: string
  score?: number
  /** Raw utterance; masked when logged. */
  utterance?: string
  userKey?: string
  /** Anything else worth a report (feedback vote, candidates of a miss...). */
  [key: string]: unknown
}

declare module 'fastify' {
  interface FastifyRequest {
    skillLog?: SkillLog
  }
}

export default fp(
  async function requestLog(app: FastifyInstance, opts: { salt: string }) {
    app.addHook('onResponse', async (request, reply) => {
      const latencyMs = Math.round(reply.elapsedTime * 100) / 100
      const base = { method: request.method, url: request.url.split('?')[0], status: reply.statusCode, latencyMs }
      const s = request.skillLog
      if (!s) {
        // Probes hit /health every few seconds; keep them out of the info stream.
        const quiet = base.url === '/health' || base.url === '/ready'
        request.log[quiet ? 'debug' : 'info'](base, 'request')
        return
      }
      const { utterance, userKey, ...rest } = s
      request.log.info(
        {
          ...base,
          ...rest,
          user: hashUserKey(userKey, opts.salt),
          ...(utterance !== undefined ? { utterance: logUtterance(utterance) } : {}),
        },
        'skill reply',
      )
    })
  },
  { name: 'request-log' },
)
