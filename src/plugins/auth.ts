// Skill authentication. OpenBuilder does not sign requests; the operator enters a shared secret in
// the skill form (헤더값 입력) and we require it on every skill route. An optional allowlist of bot
// ids refuses payloads from other bots. Probes (/health, /ready) and non-skill pages stay open.
import fp from 'fastify-plugin'
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorBody } from './errors.js'

export interface AuthOptions {
  token?: string
  header: string
  allowedBotIds: string[]
}

// Digests have a fixed length, so timingSafeEqual never throws and the comparison time does not
// reveal the token's length or how many leading bytes matched.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

export function tokenMatches (given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false
  return timingSafeEqual(digest(given), expected)
}

function refuse (reply: FastifyReply, statusCode: 401 | 403, message: string) {
  const body: ErrorBody = { error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message, statusCode }
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body)
}

/** bot.id of a parsed (not yet validated) body, if it is a string. */
function botIdOf (body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined
  const bot = (body as { bot?: unknown }).bot
  if (!bot || typeof bot !== 'object') return undefined
  const id = (bot as { id?: unknown }).id
  return typeof id === 'string' ? id : undefined
}

const isSkill = (request: FastifyRequest) => Boolean(request.routeOptions.config?.skill)

export default fp(
  async function auth (app: FastifyInstance, opts: AuthOptions) {
    const header = opts.header.toLowerCase()
    if (opts.token) {
      const expected = digest(opts.token)
      // onRequest: refuse before the body is even read.
      app.addHook('onRequest', async (request, reply) => {
        if (!isSkill(request)) return
        if (!tokenMatches(request.headers[header], expected)) {
          request.log.warn({ header }, 'skill request without a valid token')
          return refuse(reply, 401, `Missing or wrong ${opts.header} header`)
        }
      })
    }
    if (opts.allowedBotIds.length) {
      const allowed = new Set(opts.allowedBotIds)
      // preValidation: the body is parsed, not yet validated; a caller that is not one of our bots
      // learns nothing about the payload schema.
      app.addHook('preValidation', async (request, reply) => {
        if (!isSkill(request)) return
        const botId = botIdOf(request.body)
        if (botId === undefined || !allowed.has(botId)) {
          request.log.warn({ botId: botId?.slice(0, 64) }, 'skill request from a bot not in ALLOWED_BOT_IDS')
          return refuse(reply, 403, 'This bot is not allowed to call this skill')
        }
      })
    }
  },
  { name: 'auth' }
)
