// POST /skills/browse: the category menu behind a "자주 묻는 질문" block. Without state it lists the
// top categories; a category (tapped, or fixed by the block's `category` parameter) lists its
// questions with "더보기" paging; a tapped question is answered.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SkillPayload } from '../src/kakao/payload.js'
import { SkillResponse } from '../src/kakao/response.js'
import { categoryReply, menuReply } from '../src/conversation/replies.js'
import { routeTap, startTurn } from '../src/conversation/turn.js'

const browse: FastifyPluginAsyncTypebox = async (app) => {
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
    async (request) => {
      const turn = startTurn(app, request, request.body, 'browse')
      const routed = routeTap(turn)
      if (routed) return routed
      const fixed = turn.params.category
      if (typeof fixed === 'string' && fixed.trim()) {
        Object.assign(turn.log, { outcome: 'category', category: fixed, page: 1 })
        return categoryReply(turn.c, fixed)
      }
      turn.log.outcome = 'menu'
      return menuReply(turn.c)
    },
  )
}

export default browse
