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

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { summary: 'Liveness', tags: ['ops'], response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
    uptimeSec: Math.round(process.uptime()),
  }))

  app.get('/ready', { schema: { summary: 'Readiness: the corpus is loaded', tags: ['ops'], response: { 200: Ready } } }, async () => {
    const { entries, version, loadedAt } = app.faq.current
    return { status: 'ready' as const, entries, version, loadedAt }
  })
}

export default health
