// Every skill answers in time. OpenBuilder waits 5 s at most (network included), so:
// - each skill handler is given a deadline; when it passes the user gets the polite "busy" reply
//   (data.outcome "none") and whatever the handler produces later is dropped;
// - under event-loop pressure (@fastify/under-pressure) skill requests get that same reply at
//   once instead of queueing behind the backlog or receiving a 503 that KakaoTalk cannot show.
// /health and /ready are never turned away: a probe failing under load would make Kubernetes
// restart or unlist a pod exactly when it is needed.
import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify'
import type { SkillResponse } from '../kakao/response.js'
import type { Messages } from '../messages.js'
import { busyReply as busy } from '../conversation/replies/search.js'
import { failedLog } from '../conversation/skill-log.js'
import type { ErrorBody } from './errors.js'

export interface TimeBudgetOptions {
  /** Milliseconds from the request's arrival to the "busy" reply. */
  budgetMs: number
  /** Mean event-loop delay (ms) that counts as pressure; 0 turns the check off. */
  maxEventLoopDelayMs: number
  /** How often under-pressure samples (ms); tests shorten it. */
  sampleIntervalMs?: number
}

export function busyReply (messages: Messages): SkillResponse {
  return busy(messages).response
}

const OPEN_UNDER_PRESSURE = new Set(['/health', '/ready'])
interface Pending {
  /** performance.now() by which the skill must have answered. */
  deadline: number
  expire(): void
}

function markBusy (request: FastifyRequest, reply: FastifyReply, skill: string, reason: string) {
  request.skillLog = failedLog(request.skillLog, skill, 'busy', reason)
  reply.code(200)
}

export default fp(
  async function timeBudget (app: FastifyInstance, opts: TimeBudgetOptions) {
    // One shared sweeper instead of a timer per request: a timer, a second promise and a race
    // for every request were a measurable share of a cached answer's cost. It runs only while
    // some skill request is in flight and answers those past their deadline.
    const tick = Math.max(5, Math.min(50, Math.floor(opts.budgetMs / 10)))
    const pending = new Set<Pending>()
    let sweeper: NodeJS.Timeout | undefined
    const sweep = () => {
      const now = performance.now()
      for (const p of pending) {
        if (p.deadline > now) continue
        pending.delete(p)
        p.expire()
      }
      if (pending.size === 0) {
        clearInterval(sweeper)
        sweeper = undefined
      }
    }
    app.addHook('onClose', async () => {
      clearInterval(sweeper)
      sweeper = undefined
    })

    app.addHook('onRoute', (route) => {
      const skill = route.config?.skill
      if (!skill) return
      const handler = route.handler as (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) => unknown
      route.handler = function budgeted (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
        let work: unknown
        try {
          work = handler.call(this, request, reply)
        } catch (err) {
          return Promise.reject(err)
        }
        if (!(work instanceof Promise)) return work
        return new Promise((resolve, reject) => {
          const entry: Pending = {
            deadline: performance.now() + Math.max(0, opts.budgetMs - reply.elapsedTime),
            expire () {
              // Sent already (the handler sent before its promise settled): nothing to replace.
              if (reply.sent) return resolve(reply)
              request.log.warn({ budgetMs: opts.budgetMs, skill }, 'skill ran out of its time budget')
              markBusy(request, reply, skill, 'time budget')
              resolve(busyReply(app.messages))
            },
          }
          pending.add(entry)
          sweeper ??= setInterval(sweep, tick).unref()
          work.then(
            (result: unknown) => {
              if (pending.delete(entry)) resolve(result === undefined && reply.sent ? reply : result)
            },
            (err: unknown) => {
              if (pending.delete(entry)) return reject(err)
              // The handler kept running after the busy reply; log its failure, never leave it unhandled.
              request.log.error({ err }, 'skill failed after its time budget ran out')
            }
          )
        })
      } as RouteHandlerMethod
    })

    if (opts.maxEventLoopDelayMs > 0) {
      await app.register(underPressure, {
        maxEventLoopDelay: opts.maxEventLoopDelayMs,
        sampleInterval: opts.sampleIntervalMs ?? 1000,
        // Sending here ends the request; returning without sending lets it through.
        pressureHandler (request, reply, type, value) {
          const skill = request.routeOptions.config?.skill
          if (skill) {
            request.log.warn({ type, value, skill }, 'under pressure: answering busy')
            markBusy(request, reply, skill, `pressure: ${type}`)
            reply.send(busyReply(app.messages))
            return
          }
          if (OPEN_UNDER_PRESSURE.has(request.url.split('?')[0] ?? '')) return
          const body: ErrorBody = { error: 'Service Unavailable', message: 'The server is overloaded; try again shortly', statusCode: 503 }
          reply.code(503).header('retry-after', '10').type('application/json; charset=utf-8').send(body)
        },
      })
    }
  },
  { name: 'time-budget' }
)
