// Liveness and readiness. Both stay open when skill authentication is on.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'

const Health = Type.Object({ status: Type.Literal('ok'), uptimeSec: Type.Number() })
const Ready = Type.Object({
  status: Type.Literal('ready'),
  entries: Type.Integer({ description: 'FAQ entries in the serving corpus' }),
  version: Type.String({ description: 'Content hash of the corpus file' }),
  loadedAt: Type.String({ format: 'date-time' }),
})
const Draining = Type.Object({ status: Type.Literal('draining') })

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { summary: 'Liveness', tags: ['ops'], response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
    uptimeSec: Math.round(process.uptime()),
  }))

  app.get(
    '/ready',
    { schema: { summary: 'Readiness: the corpus is loaded and the process is not shutting down', tags: ['ops'], response: { 200: Ready, 503: Draining } } },
    async (_request, reply) => {
      // Shutting down: still serving, but no new traffic should be sent here.
      if (app.draining) return reply.code(503).send({ status: 'draining' as const })
      const { corpus, version, loadedAt } = app.faq.current
      return { status: 'ready' as const, entries: corpus.entries.length, version, loadedAt }
    }
  )
}

export default health
