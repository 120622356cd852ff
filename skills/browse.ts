// POST /skills/browse: the category menu behind a "자주 묻는 질문" block. Without state it lists the
// top categories; a category (tapped, or fixed by the block's `category` parameter) lists its
// questions with "더보기" paging; a tapped question is answered.
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SkillPayload } from '../src/kakao/payload.js'
import { SkillResponse } from '../src/kakao/response.js'
import { loadIntents } from '../src/conversation/intents.js'
import { finish, replyToBrowse, replyToTap, startTurn } from '../src/conversation/turn.js'

const browse: FastifyPluginAsyncTypebox = async (app) => {
  const intents = loadIntents(app.config.INTENTS_FILE, [app.messages.home, app.messages.browseHeader])
  app.post(
    '/skills/browse',
    {
      config: { skill: 'browse' },
      schema: {
        summary: 'Browse the FAQ by category',
        tags: ['skills'],
        body: SkillPayload,
        response: { 200: SkillResponse },
      },
    },
    (request, reply) => {
      const turn = startTurn(app, request, request.body, intents)
      // The typed reply only accepts the SkillResponse object; ours are encoded already.
      finish(request, reply as FastifyReply, turn, replyToTap(turn) ?? replyToBrowse(turn))
    }
  )
}

export default browse
