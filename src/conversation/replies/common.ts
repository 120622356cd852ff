// What every reply is made of: the decision and the SkillResponse derived from it, plus the pieces
// several replies share (the way back to the menu, the categories, the way to a person).
import type { FaqEntry } from '../../faq/schema.js'
import { encodedSkillResponse, keepQuickReply, textCard, type ButtonSpec, type QuickReplySpec, type ReplySpec } from '../../kakao/builders.js'
import type { Component, SkillResponse } from '../../kakao/response.js'
import type { ReplyContext } from '../context.js'
import { dataOf, type Decision } from '../decision.js'
import { EntryMemo } from '../entry-memo.js'
import { tapQuickReply } from '../taps.js'

/** A reply: what was decided, and what the user is sent (its `data` derived from the decision). */
export interface Reply {
  decision: Decision
  response: SkillResponse
  /** `response` as JSON, made once when it was measured: what the skills send and cache. */
  body: string
}

export function reply (decision: Decision, spec: Omit<ReplySpec, 'data'>): Reply {
  // Object.assign, not `{ ...spec, data }`: see decide() in decision.ts.
  const { response, body } = encodedSkillResponse(Object.assign({}, spec, { data: dataOf(decision) }))
  return { decision, response, body }
}

/** Quick replies into categories under a miss. */
const CATEGORY_QUICK_REPLIES = 6

// The chip of a question (related, popular) and "처음으로" are the same in every reply that offers
// them: each is built once per entry (or app) and settings, and kept built (keepQuickReply).
const questionChips = new EntryMemo<{ config: ReplyContext['config'], spec: QuickReplySpec }>()
const homeChips = new WeakMap<ReplyContext['config'], { messages: ReplyContext['messages'], spec: QuickReplySpec }>()

export function questionQuick (ctx: ReplyContext, e: FaqEntry): QuickReplySpec {
  const kept = questionChips.get(ctx.matcher.corpus, e)
  if (kept?.config === ctx.config) return kept.spec
  const spec = keepQuickReply(tapQuickReply(ctx.config, e.question, e.question, { tap: 'question', faqId: e.id }))
  questionChips.set(ctx.matcher.corpus, e, { config: ctx.config, spec })
  return spec
}

export function homeQuick (ctx: ReplyContext): QuickReplySpec {
  const kept = homeChips.get(ctx.config)
  if (kept?.messages === ctx.messages) return kept.spec
  const spec = keepQuickReply(tapQuickReply(ctx.config, ctx.messages.home, ctx.messages.home, { tap: 'menu' }))
  homeChips.set(ctx.config, { messages: ctx.messages, spec })
  return spec
}

export function categoryQuickReplies (ctx: ReplyContext, n = CATEGORY_QUICK_REPLIES): QuickReplySpec[] {
  return ctx.catalog
    .topCategories()
    .slice(0, n)
    .map((cat) => tapQuickReply(ctx.config, cat.name, cat.name, { tap: 'category', category: cat.name }))
}

/** The ways to a person the operator configured: 상담직원 연결, a phone number, a web page. */
export function handoffButtons (ctx: ReplyContext): ButtonSpec[] {
  const { config, messages } = ctx
  const out: ButtonSpec[] = []
  if (config.OPERATOR_HANDOFF) out.push({ label: messages.operator, action: 'operator' })
  if (config.OPERATOR_PHONE) out.push({ label: messages.operatorPhone, action: 'phone', phoneNumber: config.OPERATOR_PHONE })
  if (config.OPERATOR_URL) out.push({ label: messages.operatorWeb, action: 'webLink', url: config.OPERATOR_URL })
  return out
}

/** A card with those ways (none when nothing is configured). */
export function handoffCard (ctx: ReplyContext, text: string = ctx.messages.operatorPrompt): Component[] {
  const buttons = handoffButtons(ctx)
  return buttons.length ? [{ textCard: textCard({ description: text, buttons }) }] : []
}
