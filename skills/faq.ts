// POST /skills/faq: answer an utterance from the FAQ corpus. Taps on our own buttons, quick
// replies and list items carry their state in clientExtra and are resolved exactly, without a search.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SkillPayload } from '../src/kakao/payload.js'
import { SkillResponse } from '../src/kakao/response.js'
import { routeTap, search, startTurn } from '../src/conversation/turn.js'

const faq: FastifyPluginAsyncTypebox = async (app) => {
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
    async (request) => {
      const turn = startTurn(app, request, request.body, 'faq')
      return routeTap(turn) ?? search(turn)
    },
  )
}

export default faq
