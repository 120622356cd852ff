// POST /skills/welcome: the 웰컴 블록's reply: a greeting and the most asked questions as quick replies.
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SkillPayload } from '../src/kakao/payload.js'
import { SkillResponse } from '../src/kakao/response.js'
import { loadIntents } from '../src/conversation/intents.js'
import { finish, replyToTap, replyToWelcome, startTurn } from '../src/conversation/turn.js'

const welcome: FastifyPluginAsyncTypebox = async (app) => {
  const intents = loadIntents(app.config.INTENTS_FILE, [app.messages.home, app.messages.browseHeader])
  app.post(
    '/skills/welcome',
    {
      config: { skill: 'welcome' },
      schema: {
        summary: 'Greet the user with the most asked questions',
        tags: ['skills'],
        body: SkillPayload,
        response: { 200: SkillResponse },
      },
    },
    (request, reply) => {
      const turn = startTurn(app, request, request.body, intents)
      // The typed reply only accepts the SkillResponse object; ours are encoded already.
      finish(request, reply as FastifyReply, turn, replyToTap(turn) ?? replyToWelcome(turn))
    }
  )
}

export default welcome
