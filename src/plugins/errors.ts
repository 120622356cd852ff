// One error handler for the whole app. Client mistakes (status < 500) pass through as
// { error, message }; anything else is logged with the request id. On a skill route the user
// still gets a polite, valid SkillResponse with HTTP 200: KakaoTalk shows nothing useful for a 5xx.
import fp from 'fastify-plugin'
import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance } from 'fastify'
import { errorReply } from '../conversation/replies/search.js'
import { failedLog } from '../conversation/skill-log.js'

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

/** Ajv's errors as one sentence: "userRequest.utterance must be string", unions as "must be object or null". */
function describeValidation (err: FastifyError): string {
  const root = err.validationContext ?? 'body'
  const found = new Map<string, { types: string[]; other: string[] }>()
  for (const e of err.validation ?? []) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue
    // Inside the body the field path says enough ("userRequest.utterance"); the root keeps its name.
    const inner = e.instancePath.split('/').filter(Boolean).join('.')
    const path = inner ? (root === 'body' ? inner : `${root}.${inner}`) : root
    const at = found.get(path) ?? { types: [], other: [] }
    const type = (e.params as { type?: unknown }).type
    if (e.keyword === 'type' && typeof type === 'string') at.types.push(type)
    else if (e.message) at.other.push(e.message)
    found.set(path, at)
  }
  // A union reports every branch; the deepest path is the one that says what is wrong.
  for (const path of found.keys()) {
    if ([...found.keys()].some((other) => other !== path && other.startsWith(`${path}.`))) found.delete(path)
  }
  const parts = [...found].map(([path, { types, other }]) =>
    [types.length ? `${path} must be ${[...new Set(types)].join(' or ')}` : '', ...other.map((m) => `${path} ${m}`)]
      .filter(Boolean)
      .join(', ')
  )
  return parts.join('; ') || err.message
}

function clientMessage (err: FastifyError, skill: string | undefined): string {
  if (err.validation) {
    const what = skill && (err.validationContext ?? 'body') === 'body' ? 'The request is not a valid SkillPayload' : 'Invalid request'
    return `${what}: ${describeValidation(err)}`
  }
  switch (err.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty; send a SkillPayload as JSON'
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type; send the SkillPayload as Content-Type: application/json'
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The body is larger than the 64 KiB a SkillPayload may take'
    default:
      return err.message
  }
}

class BodyError extends Error {
  readonly statusCode = 400
  constructor (
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

/**
 * The one body parser: JSON only (text/plain and every other type get 415), and keys that could
 * poison prototypes (__proto__, constructor.prototype) refused with a message that says so.
 */
/** The first prototype-polluting key in a parsed JSON value, if any. */
function forbiddenKey (root: unknown): string | undefined {
  const stack: unknown[] = [root]
  while (stack.length) {
    const v = stack.pop()
    if (v === null || typeof v !== 'object') continue
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return '__proto__'
    const ctor = Object.prototype.hasOwnProperty.call(v, 'constructor') ? (v as { constructor: unknown }).constructor : undefined
    if (ctor !== null && typeof ctor === 'object' && 'prototype' in ctor) return 'constructor.prototype'
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push(child)
  }
  return undefined
}

function parseJsonBody (_req: unknown, body: string, done: (err: Error | null, body?: unknown) => void) {
  // A byte-order mark is not JSON, but some HTTP clients add one; it carries no meaning.
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1)
  // A body that starts with a printable ASCII character (a SkillPayload starts with "{") is not
  // blank: no trimmed copy of it to find out.
  const first = body.charCodeAt(0)
  if (!(first > 32 && first < 127) && body.trim() === '') return done(new BodyError('EMPTY_JSON_BODY', 'The body is empty; send a SkillPayload as JSON'))
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch (err) {
    // V8 quotes a piece of the body in its message; it may hold personal data, so only the position stays.
    const reason = err instanceof RangeError ? 'nested too deeply' : (err as Error).message.replace(/,?\s*".*is not valid JSON$/su, '')
    return done(new BodyError('INVALID_JSON_BODY', `The body is not valid JSON: ${reason}`))
  }
  // Only bodies that mention the keys are walked, and iteratively: a reviver would recurse and
  // overflow the stack on deeply nested (but valid) JSON.
  const forbidden = body.includes('__proto__') || body.includes('constructor') ? forbiddenKey(parsed) : undefined
  if (forbidden) return done(new BodyError('FORBIDDEN_KEY', `The body contains the forbidden key "${forbidden}"`))
  return done(null, parsed)
}

export default fp(
  async function errors (app: FastifyInstance) {
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody)

    app.setErrorHandler(function handle (err: FastifyError, request, reply) {
      const status = err.validation ? 400 : err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
      if (status < 500) {
        const message = clientMessage(err, request.routeOptions.config?.skill)
        request.log.info({ code: err.code, status }, message)
        const body: ErrorBody = { error: STATUS_CODES[status] ?? 'Error', message, statusCode: status }
        return reply.code(status).type('application/json; charset=utf-8').send(body)
      }
      request.log.error({ err }, 'request failed')
      const skill = request.routeOptions.config?.skill
      if (skill) {
        request.skillLog = failedLog(request.skillLog, skill, 'error')
        return reply.code(200).send(errorReply(app.messages).response)
      }
      const body: ErrorBody = { error: 'Internal Server Error', message: 'Something went wrong on our side', statusCode: 500 }
      return reply.code(500).send(body)
    })

    app.setNotFoundHandler(function notFound (request, reply) {
      const url = request.url.split('?')[0] ?? '/'
      // GET on a skill URL is someone checking it in a browser: say how it is called.
      if (request.method !== 'POST' && app.hasRoute({ method: 'POST', url })) {
        const body: ErrorBody = {
          error: 'Method Not Allowed',
          message: `${request.method} is not allowed on ${url}; OpenBuilder calls it with POST and a SkillPayload`,
          statusCode: 405,
        }
        return reply.code(405).header('allow', 'POST').send(body)
      }
      const body: ErrorBody = { error: 'Not Found', message: `Route ${request.method} ${url} not found`, statusCode: 404 }
      return reply.code(404).send(body)
    })
  },
  { name: 'errors' }
)
