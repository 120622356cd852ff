// One log line per request: route, status, latency; for skills also the skill, its outcome, the
// FAQ id, a salted hash of the botUserKey (never the key) and the utterance with PII masked.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Memo, logUtterance, userKeyHasher } from '../privacy.js'
import type { SkillLog, SkillLogStart } from '../conversation/skill-log.js'

declare module 'fastify' {
  interface FastifyRequest {
    skillLog?: SkillLog | SkillLogStart
  }
}

export default fp(
  async function requestLog (app: FastifyInstance, opts: { salt: string }) {
    // This hook runs for every request, so it is a plain callback (no promise) and the hash and
    // the masked text of users and utterances seen before are reused.
    const hashUser = userKeyHasher(opts.salt)
    const masked = new Memo((u) => logUtterance(u))
    app.addHook('onResponse', (request, reply, done) => {
      const latencyMs = Math.round(reply.elapsedTime * 100) / 100
      const q = request.url.indexOf('?')
      const url = q < 0 ? request.url : request.url.slice(0, q)
      const line: Record<string, unknown> = { method: request.method, url, status: reply.statusCode, latencyMs }
      const s = request.skillLog
      if (!s) {
        // Probes hit /health every few seconds; keep them out of the info stream.
        const quiet = url === '/health' || url === '/ready'
        request.log[quiet ? 'debug' : 'info'](line, 'request')
        return done()
      }
      for (const key in s) if (key !== 'utterance' && key !== 'userKey') line[key] = s[key as keyof typeof s]
      line.user = hashUser(s.userKey)
      if (s.utterance !== undefined) line.utterance = masked.get(s.utterance)
      request.log.info(line, 'skill reply')
      done()
    })
  },
  { name: 'request-log' }
)
