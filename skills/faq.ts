// POST /skills/faq: answer an utterance from the FAQ corpus. Taps on our own buttons, quick
// replies and list items carry their state in clientExtra and are resolved exactly, without a
// search; typed small talk is answered before any search.
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SkillPayload } from '../src/kakao/payload.js'
import { SkillResponse } from '../src/kakao/response.js'
import { loadIntents } from '../src/conversation/intents.js'
import { ReplyCache } from '../src/conversation/reply-cache.js'
import { finish, replyToTap, replyToUtterance, startTurn } from '../src/conversation/turn.js'

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
    // Synchronous: nothing here waits, and a promise per request (with the time budget's race
    // around it) would only add cost. The reply is sent as the JSON bytes built with it.
    (request, reply) => {
      // The typed reply only accepts the SkillResponse object; ours are encoded already.
      const res = reply as FastifyReply
      const turn = startTurn(app, request, request.body, intents)
      const tapped = replyToTap(turn)
      if (tapped) {
        finish(request, res, turn, tapped)
        return
      }
      // Typed text: the same words get the same reply until the corpus is reloaded.
      const matcher = turn.ctx.matcher
      const hit = cache.get(matcher, turn.utterance)
      if (hit) {
        finish(request, res, turn, hit)
        return
      }
      const fresh = replyToUtterance(turn)
      cache.put(matcher, turn.utterance, fresh)
      finish(request, res, turn, fresh)
    }
  )
}

export default faq
