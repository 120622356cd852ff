// One turn of the conversation: resolve a tap exactly from its clientExtra, or search the
// utterance, and record the decision in the request's skill log (utterances are masked there).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { actionParamsOf, clientExtraOf, type SkillPayload } from '../kakao/payload.js'
import type { Component, SkillResponse } from '../kakao/response.js'
import { simpleText } from '../kakao/builders.js'
import type { SkillLog } from '../plugins/request-log.js'
import { logUtterance } from '../privacy.js'
import {
  answerReply,
  categoryReply,
  choicesReply,
  conversation,
  emptyReply,
  feedbackReply,
  menuReply,
  missedReply,
  noneReply,
  replyData,
  tappedData,
  type Conversation,
} from './replies.js'
import { isRoutable, parseTap, type Tap } from './tap.js'

export interface Turn {
  c: Conversation
  utterance: string
  tap: Tap
  log: SkillLog
  /** action.params: operators can pass e.g. a fixed category from the block. */
  params: Record<string, unknown>
}

/** Start a turn for `skill`: read the payload once, take the serving corpus snapshot once. */
export function startTurn(app: FastifyInstance, request: FastifyRequest, body: SkillPayload, skill: string): Turn {
  const utterance = body.userRequest.utterance
  const log: SkillLog = (request.skillLog = { skill, utterance, userKey: body.userRequest.user.id })
  const c = conversation(app.messages, app.config, app.faq.current.matcher)
  const params = actionParamsOf(body)
  return { c, utterance, tap: parseTap(clientExtraOf(body)), log, params }
}

/**
 * Resolve what a tapped quick reply, button or list item asked for. Undefined when the request
 * carries no state of ours (the user typed), so the skill does its own default.
 */
export function routeTap(turn: Turn): SkillResponse | undefined {
  const { c, tap, log } = turn
  if (!isRoutable(tap)) return undefined
  log.via = 'clientExtra'
  if (tap.feedback) {
    Object.assign(log, { outcome: 'feedback', feedback: tap.feedback, faqId: tap.faqId })
    return feedbackReply(c, tap)
  }
  if (tap.missed) {
    Object.assign(log, {
      outcome: 'missed',
      miss: true,
      ...(tap.query ? { query: logUtterance(tap.query) } : {}),
      ...(tap.offered ? { offered: tap.offered } : {}),
    })
    return missedReply(c)
  }
  if (tap.faqId) {
    const entry = c.matcher.entry(tap.faqId)
    if (entry) {
      const data = tappedData(entry)
      Object.assign(log, { outcome: 'answer', faqId: entry.id, score: 1 })
      return answerReply(c, entry, data)
    }
    // The id is gone (the corpus was reloaded since the list was shown): say so, then do what a
    // typed utterance would get; the tapped text is usually the question itself.
    log.stale = tap.faqId
    const lead = [simpleText(c.messages.staleChoice)]
    return turn.utterance.trim() ? search(turn, lead) : menuReply(c, 1, lead)
  }
  if (tap.category) {
    Object.assign(log, { outcome: 'category', category: tap.category, page: tap.page ?? 1 })
    return categoryReply(c, tap.category, tap.page)
  }
  log.outcome = 'menu'
  return menuReply(c, tap.page)
}

/** Search the utterance and answer, offer choices or admit a miss. `lead` outputs go first. */
export function search(turn: Turn, lead: Component[] = []): SkillResponse {
  const { c, utterance, log } = turn
  if (!utterance.trim()) {
    log.outcome = 'empty'
    return emptyReply(c)
  }
  // "처음으로" / "자주 묻는 질문" typed by hand (or sent by a block that dropped the extra) mean the menu.
  const typed = utterance.trim()
  if (typed === c.messages.home || typed === c.messages.browseHeader) {
    log.outcome = 'menu'
    return menuReply(c, 1, lead)
  }
  const result = c.matcher.match(utterance)
  const data = replyData(result)
  Object.assign(log, { outcome: data.outcome, faqId: data.faqId, score: data.score })
  const top = result.candidates.slice(0, 3).map((x) => ({ faqId: x.faqId, score: Math.round(x.score * 1000) / 1000 }))

  const entry = data.outcome === 'answer' && data.faqId ? c.matcher.entry(data.faqId) : undefined
  if (entry) return answerReply(c, entry, data, { candidates: result.candidates.slice(1), lead })
  if (data.outcome === 'choices' && result.candidates.some((x) => c.matcher.entry(x.faqId))) {
    log.candidates = top
    return choicesReply(c, utterance, result.candidates, data, lead)
  }
  // A miss, for the report: the masked utterance is logged by request-log, the near misses here.
  Object.assign(log, { outcome: 'none', miss: true, candidates: top })
  return noneReply(c, { ...data, outcome: 'none' }, lead)
}
