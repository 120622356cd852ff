// One turn of the conversation: a tap is resolved exactly from the state it carries; typed text
// is small talk, or searched. Either way the turn decides once, and `finish` derives the request's
// log line from that decision (the reply's data already is). The skills call only this module;
// it alone calls the reply builders (replies/*).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { simpleText } from '../kakao/builders.js'
import { actionParamsOf, clientExtraOf, type SkillPayload } from '../kakao/payload.js'
import type { Component } from '../kakao/response.js'
import type { Candidate, MatchResult } from '../match/types.js'
import { replyContext, type ReplyContext } from './context.js'
import { logOf, type How } from './decision.js'
import type { Intents } from './intents.js'
import { answerReply, moreReply } from './replies/answer.js'
import { categoryReply, menuReply, welcomeReply } from './replies/browse.js'
import type { Reply } from './replies/common.js'
import { intentReply } from './replies/intent.js'
import {
  choicesReply,
  confirmRejectedReply,
  confirmReply,
  emptyReply,
  feedbackReply,
  missedReply,
  noneReply,
  type Scored,
} from './replies/search.js'
import type { SkillLogStart } from './skill-log.js'
import { readTap, tapQuery, type Tap } from './taps.js'

export interface Turn {
  ctx: ReplyContext
  utterance: string
  /** Our state from clientExtra; undefined when the user typed. */
  tap: Tap | undefined
  start: SkillLogStart
  /** action.params: operators can pass e.g. a fixed category from the block. */
  params: Record<string, unknown>
}

/**
 * Start a turn: read the payload once, take the serving corpus snapshot once, and note who asked
 * what (so even a failing turn is logged with it). The skill's name comes from its route config.
 */
export function startTurn (app: FastifyInstance, request: FastifyRequest, body: SkillPayload, intents: Intents): Turn {
  const tap = readTap(clientExtraOf(body))
  const utterance = body.userRequest.utterance
  const start: SkillLogStart = {
    skill: request.routeOptions.config.skill ?? 'unknown',
    via: tap ? 'tap' : 'typed',
    utterance,
    userKey: body.userRequest.user.id,
  }
  request.skillLog = start
  const ctx = replyContext(app.messages, app.config, app.faq.current.matcher, intents)
  return { ctx, utterance, tap, start, params: actionParamsOf(body) }
}

/**
 * Record the turn's decision as the request's log line and send the reply: its JSON, encoded once
 * when it was built (or on an earlier request, for a cached reply), never serialized again.
 */
export function finish (request: FastifyRequest, res: FastifyReply, turn: Turn, reply: Pick<Reply, 'decision' | 'body'>): FastifyReply {
  request.skillLog = logOf(turn.start, reply.decision)
  return res.type('application/json; charset=utf-8').send(reply.body)
}

/** What a tapped quick reply, button or list item asked for; undefined when the user typed. */
export function replyToTap (turn: Turn): Reply | undefined {
  const { ctx, tap } = turn
  if (!tap) return undefined
  const how: How = { via: 'tap', tap: tap.tap, ...('query' in tap && tap.query ? { query: tap.query } : {}) }
  switch (tap.tap) {
    case 'question':
    case 'choice':
    case 'confirm-yes': {
      const entry = ctx.matcher.entry(tap.faqId)
      // 네 sends "네": after a reload the question typed before is the better thing to search.
      if (!entry) return stale(turn, how, tap.faqId, tap.tap === 'confirm-yes' ? (tap.query ?? '') : turn.utterance)
      return answerReply(ctx, entry, how)
    }
    case 'confirm-no':
      return confirmRejectedReply(ctx, how, tap.faqId)
    case 'none-of-these':
      return missedReply(ctx, how, tap.offered ?? [])
    case 'feedback':
      return feedbackReply(ctx, how, tap.feedback, tap.faqId)
    case 'more': {
      const entry = ctx.matcher.entry(tap.faqId)
      if (!entry) return stale(turn, how, tap.faqId, tap.query ?? '')
      return moreReply(ctx, entry, tap.part, how)
    }
    case 'category':
      return categoryReply(ctx, how, tap.category, tap.page)
    case 'menu':
      return menuReply(ctx, how, tap.page)
  }
}

/** /skills/browse without a tap: the category the block fixes (its `category` parameter), else the menu. */
export function replyToBrowse (turn: Turn): Reply {
  const fixed = turn.params.category
  return typeof fixed === 'string' && fixed.trim() ? categoryReply(turn.ctx, { via: 'typed' }, fixed) : menuReply(turn.ctx, { via: 'typed' })
}

/** /skills/welcome without a tap: the greeting with the most asked questions. */
export function replyToWelcome (turn: Turn): Reply {
  return welcomeReply(turn.ctx, { via: 'typed' })
}

/** The tapped id is gone (the corpus was reloaded since it was shown): say so, then search `text`. */
function stale (turn: Turn, how: How, faqId: string, text: string): Reply {
  const lead = [simpleText(turn.ctx.messages.staleChoice)]
  const after: How = { ...how, stale: faqId }
  return text.trim() ? replyToUtterance(turn, { lead, how: after, text }) : menuReply(turn.ctx, after, 1, lead)
}

/**
 * The entries of the matcher's list of choices, best first (the matcher decides what is plausible),
 * and the ranked candidates after them: never offered, kept in data and the log as near misses.
 */
function plausible (ctx: ReplyContext, result: MatchResult): { choices: Scored[], after: Candidate[] } {
  if (result.outcome !== 'choices') return { choices: [], after: [] }
  const offered = result.offered ?? result.candidates.length
  const choices: Scored[] = []
  for (const c of result.candidates.slice(0, offered)) {
    const entry = ctx.matcher.entry(c.faqId)
    if (entry) choices.push({ entry, score: c.score })
  }
  return { choices, after: result.candidates.slice(offered) }
}

/**
 * Typed text (or the text of a tap whose state is gone): small talk is answered as such; anything
 * else is searched and answered, offered as choices or one question to confirm, or admitted as a
 * miss. `lead` outputs go first.
 */
export function replyToUtterance (turn: Turn, opts: { lead?: Component[]; how?: How; text?: string } = {}): Reply {
  const { ctx } = turn
  const { lead = [], how = { via: 'typed' }, text = turn.utterance } = opts
  if (!text.trim()) return emptyReply(ctx, how)
  const intent = ctx.intents.classify(text)
  // Asking for a person is answered with the handoff, unless the FAQ itself answers it (an entry
  // on how to reach the service team is the operator's own answer to that question).
  if (intent && intent !== 'handoff') return intentReply(ctx, intent, how)
  const result = ctx.matcher.match(text)
  const best = result.outcome === 'answer' && result.candidates[0] ? result.candidates[0] : undefined
  const entry = best ? ctx.matcher.entry(best.faqId) : undefined
  // Object.assign, not `{ ...how, ...queryOf() }`: see decide() in decision.ts.
  if (entry && best) return answerReply(ctx, entry, Object.assign({}, how, queryOf(how, text)), { score: best.score, candidates: result.candidates, lead })
  if (intent) return intentReply(ctx, intent, how)
  const { choices, after } = plausible(ctx, result)
  const [only] = choices
  if (choices.length === 1 && only) return confirmReply(ctx, how, text, only.entry, only.score, lead, after)
  if (choices.length > 1) return choicesReply(ctx, how, text, choices, lead, after)
  return noneReply(ctx, how, result.candidates.filter((c) => c.score > 0), lead)
}

/** What the user typed, carried into the answer's feedback chips (a tap keeps the query it had). */
function queryOf (how: How, text: string): { query?: string } {
  const query = how.query ?? tapQuery(text)
  return query ? { query } : {}
}
