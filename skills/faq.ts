// POST /skills/faq: answer an utterance from the FAQ corpus. Taps on our own buttons, quick
// replies and list items carry their state in clientExtra and are resolved exactly, without a
// search; typed small talk is answered before any search.
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SkillPayload } from '../src/kakao/payload.js'
import { SkillResponse } from '../src/kakao/response.js'
import { loadIntents } from '../src/conversation/intents.js'
import { ReplyCache } from '../src/conversation/reply-cache.js'
import { finish, finishCached, replyToTap, replyToUtterance, startTurn } from '../src/conversation/turn.js'

const faq: FastifyPluginAsyncTypebox = async (app) => {
  const intents = loadIntents(app.config.INTENTS_FILE, [app.messages.home, app.messages.browseHeader])
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
      const turn = startTurn(app, request, request.body, intents)
      const tapped = replyToTap(turn)
      if (tapped) return finish(request, turn, tapped)
      // Typed text: the same words get the same reply until the corpus is reloaded.
      const matcher = turn.ctx.matcher
      // The cache holds encoded JSON already; the typed reply only accepts the SkillResponse object.
      const raw = (reply as FastifyReply).type('application/json; charset=utf-8')
      const hit = cache.get(matcher, turn.utterance)
      if (hit) {
        finishCached(request, turn, hit.decision)
        return raw.send(hit.body)
      }
      const fresh = replyToUtterance(turn)
      finish(request, turn, fresh)
      return raw.send(cache.put(matcher, turn.utterance, fresh))
    }
  )
}

export default faq
