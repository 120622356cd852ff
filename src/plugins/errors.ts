// One error handler for the whole app. Client mistakes (status < 500) pass through as
// { error, message }; anything else is logged with the request id. On a skill route the user
// still gets a polite, valid SkillResponse with HTTP 200: KakaoTalk shows nothing useful for a 5xx.
import fp from 'fastify-plugin'
import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance } from 'fastify'
import { skillResponse, simpleText } from '../kakao/builders.js'

export interface ErrorBody {
  error: string
  message: string
  statusCode: number
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on skill routes: names the skill in logs and turns errors into skill replies. */
    skill?: string
  }
}

function clientMessage(err: FastifyError): string {
  if (err.validation) {
    const where = err.validationContext ?? 'body'
    return `The request is not a valid SkillPayload: ${where}${err.message.replace(/^(body|querystring|params|headers)/, '')}`
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return `The body is not valid JSON: ${err.message}`
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return `${err.message}. Send the SkillPayload as Content-Type: application/json`
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The body is larger than the 64 KiB a SkillPayload may take'
    default:
      return err.message
  }
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler(function handle(err: FastifyError, request, reply) {
      const status = err.validation ? 400 : err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
      if (status < 500) {
        request.log.info({ code: err.code, status }, clientMessage(err))
        const body: ErrorBody = { error: STATUS_CODES[status] ?? 'Error', message: clientMessage(err), statusCode: status }
        return reply.code(status).type('application/json; charset=utf-8').send(body)
      }
      request.log.error({ err }, 'request failed')
      const skill = request.routeOptions.config?.skill
      if (skill) {
        request.skillLog = { ...request.skillLog, skill, outcome: 'error' }
        const messages = app.messages
        return reply.code(200).send(
          skillResponse({ outputs: [simpleText(messages.error)], data: { outcome: 'none', candidates: [], error: true } }),
        )
      }
      const body: ErrorBody = { error: 'Internal Server Error', message: 'Something went wrong on our side', statusCode: 500 }
      return reply.code(500).send(body)
    })

    app.setNotFoundHandler(function notFound(request, reply) {
      const body: ErrorBody = {
        error: 'Not Found',
        message: `Route ${request.method} ${request.url.split('?')[0]} not found`,
        statusCode: 404,
      }
      return reply.code(404).send(body)
    })
  },
  { name: 'errors' },
)
