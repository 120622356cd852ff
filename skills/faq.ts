// POST /skills/faq: answer an utterance from the FAQ corpus.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { SkillLog } from '../src/plugins/request-log.js'
import { SkillPayload } from '../src/kakao/payload.js'
import { SkillResponse } from '../src/kakao/response.js'
import { answerReply, emptyReply, replyData, textReply } from '../src/conversation/replies.js'

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
      const { userRequest } = request.body
      const utterance = userRequest.utterance
      const log: SkillLog = (request.skillLog = { skill: 'faq', utterance, userKey: userRequest.user.id })

      if (!utterance.trim()) {
        log.outcome = 'empty'
        return emptyReply(app.messages)
      }

      const { matcher } = app.faq.current
      const result = matcher.match(utterance)
      const data = replyData(result)
      Object.assign(log, { outcome: data.outcome, faqId: data.faqId, score: data.score })

      const entry = data.faqId ? matcher.entry(data.faqId) : undefined
      if (data.outcome === 'answer' && entry) return answerReply(entry, data)
      return textReply(app.messages.none, data)
    },
  )
}

export default faq
