// POST /skills/welcome: the 웰컴 블록's reply: a greeting and the most asked questions as quick replies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SkillPayload } from '../src/kakao/payload.js'
import { SkillResponse } from '../src/kakao/response.js'
import { welcomeReply } from '../src/conversation/replies.js'
import { routeTap, startTurn } from '../src/conversation/turn.js'

const welcome: FastifyPluginAsyncTypebox = async (app) => {
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
    async (request) => {
      const turn = startTurn(app, request, request.body, 'welcome')
      const routed = routeTap(turn)
      if (routed) return routed
      turn.log.outcome = 'welcome'
      return welcomeReply(turn.c)
    },
  )
}

export default welcome
