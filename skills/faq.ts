// POST /skills/faq: answer an utterance from the FAQ corpus. Taps on our own buttons, quick
// replies and list items carry their state in clientExtra and are resolved exactly, without a search.
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SkillPayload } from '../src/kakao/payload.js'
import { SkillResponse } from '../src/kakao/response.js'
import { routeTap, search, startTurn } from '../src/conversation/turn.js'
import { ReplyCache } from '../src/conversation/reply-cache.js'

const faq: FastifyPluginAsyncTypebox = async (app) => {
  // One per app: its settings and messages are part of every reply.
  const cache = new ReplyCache()

  app.post(
    '/skills/faq',
    {
      config: { skill: 'faq' },
      schema: {
        summary: 'Answer an utterance from the FAQ',
        tags: ['skills'],
        body: SkillPayload,
        response: { 200: SkillResponse },
      },
    },
    async (request, reply) => {
      const turn = startTurn(app, request, request.body, 'faq')
      const tapped = routeTap(turn)
      if (tapped) return tapped
      // Typed text: the same words get the same reply until the corpus is reloaded.
      const matcher = turn.c.matcher
      // The cache holds encoded JSON already; the typed reply only accepts the SkillResponse object.
      const raw = (reply as FastifyReply).type('application/json; charset=utf-8')
      const hit = cache.get(matcher, turn.utterance)
      if (hit) {
        Object.assign(turn.log, hit.log)
        return raw.send(hit.body)
      }
      return raw.send(cache.put(matcher, turn.utterance, search(turn), turn.log))
    },
  )
}

export default faq
