// An answer, whole however long it is: the question as a card title, the answer starting in the
// card and continuing in simpleText bubbles; an answer longer than one reply ends its first reply
// with "이어서 보기", which sends the next part, until the last part, which asks for feedback.
import type { FaqEntry } from '../../faq/schema.js'
import { basicCard, keepEncoded, simpleText, textCard, thumbnail, type ButtonSpec, type QuickReplySpec } from '../../kakao/builders.js'
import { LIMITS } from '../../kakao/limits.js'
import type { Component } from '../../kakao/response.js'
import type { Candidate } from '../../match/types.js'
import type { ReplyContext } from '../context.js'
import { decide, type How } from '../decision.js'
import { EntryMemo } from '../entry-memo.js'
import { answerParts, type AnswerParts } from '../layout.js'
import { tapQuickReply } from '../taps.js'
import { homeQuick, questionQuick, reply, type Reply } from './common.js'

/** Related questions offered under an answer. */
export const RELATED = 3

function thumbnailUrl (ctx: ReplyContext, entry: FaqEntry): string | undefined {
  if (entry.imageUrl) return entry.imageUrl
  // The most specific configured category wins: "카카오톡 > 오픈채팅" before "카카오톡".
  let best: { depth: number; url: string } | undefined
  for (const pair of ctx.config.CATEGORY_THUMBNAILS ?? []) {
    const at = pair.indexOf('=')
    const path = pair.slice(0, at).split('>').map((s) => s.trim())
    const url = pair.slice(at + 1).trim()
    if (path.every((p, i) => entry.category[i] === p) && (!best || path.length > best.depth)) best = { depth: path.length, url }
  }
  return best?.url ?? ctx.config.DEFAULT_THUMBNAIL_URL
}

function answerButtons (ctx: ReplyContext, entry: FaqEntry): ButtonSpec[] {
  const operator: ButtonSpec[] = ctx.config.OPERATOR_HANDOFF ? [{ label: ctx.messages.operator, action: 'operator' }] : []
  const links = entry.links.slice(0, LIMITS.buttons - operator.length).map(
    (l, i): ButtonSpec => ({ label: i === 0 ? ctx.messages.moreLink : l.label, action: 'webLink', url: l.url })
  )
  return [...links, ...operator]
}

// An entry's layout depends only on its answer and the room it gets, and laying out a long answer
// (sanitizing it, finding its sentences, packing bubbles) was the largest part of building an
// answer reply: it is done once per entry and room (while the entry is among the recently
// answered, entry-memo.ts). The parts are never modified.
const layouts = new EntryMemo<Map<number, AnswerParts>>()

function layoutOf (ctx: ReplyContext, entry: FaqEntry, cardMax: number, firstBubbles: number): AnswerParts {
  const corpus = ctx.matcher.corpus
  const byRoom = layouts.get(corpus, entry) ?? layouts.set(corpus, entry, new Map())
  // One number per (cardMax, firstBubbles); firstBubbles is a few at most (a reply holds three outputs).
  const key = cardMax * 1000 + firstBubbles
  let parts = byRoom.get(key)
  if (!parts) byRoom.set(key, (parts = answerParts(entry.answer, cardMax, firstBubbles)))
  return parts
}

/** The parts of an entry's answer for a reply that has `room` outputs (the card is one of them). */
function partsOf (ctx: ReplyContext, entry: FaqEntry, room: number): AnswerParts & { image?: string } {
  const image = thumbnailUrl(ctx, entry)
  const cardMax = image ? LIMITS.basicCardDescription : LIMITS.textCardDescription
  const { cardText, parts } = layoutOf(ctx, entry, cardMax, room - 1)
  return image ? { cardText, parts, image } : { cardText, parts }
}

/** The outputs of an answer's first reply, kept per entry with the settings they were made for. */
interface KeptOutputs {
  config: ReplyContext['config']
  messages: ReplyContext['messages']
  room: number
  outputs: Component[]
}
const keptOutputs = new EntryMemo<KeptOutputs[]>()

/**
 * The title card and the bubbles under it: the same for every answer of this entry with this much
 * room, and most of the reply's bytes. Made once, frozen, and encoded once (keepEncoded), so an
 * answer's reply serializes only what changes: the quick replies and data.
 */
function answerOutputs (ctx: ReplyContext, entry: FaqEntry, room: number): Component[] {
  const corpus = ctx.matcher.corpus
  const kept = keptOutputs.get(corpus, entry) ?? keptOutputs.set(corpus, entry, [])
  const hit = kept.find((k) => k.room === room && k.config === ctx.config && k.messages === ctx.messages)
  if (hit) return hit.outputs
  const { cardText, parts, image } = partsOf(ctx, entry, room)
  const card = { title: entry.question, description: cardText || undefined, buttons: answerButtons(ctx, entry) }
  const first: Component = image ? { basicCard: basicCard({ ...card, thumbnail: thumbnail(image, entry.question) }) } : { textCard: textCard(card) }
  const outputs = [first, ...(parts[0] ?? []).map((t) => simpleText(t))].map(keepEncoded)
  // A few apps (tests) may share a corpus with different settings; one entry is kept per setting.
  if (kept.length >= 4) kept.shift()
  kept.push({ config: ctx.config, messages: ctx.messages, room, outputs })
  return outputs
}

/** After the last part: feedback (carrying what was typed), related questions and the way back. */
function closingQuickReplies (ctx: ReplyContext, entry: FaqEntry, candidates: Candidate[], query: string | undefined): QuickReplySpec[] {
  const { messages } = ctx
  const asked = query ? { query } : {}
  const related = ctx.catalog.related(entry, candidates, RELATED)
  return [
    tapQuickReply(ctx.config, messages.feedbackYes, messages.feedbackYes, { tap: 'feedback', faqId: entry.id, feedback: 'yes', ...asked }),
    tapQuickReply(ctx.config, messages.feedbackNo, messages.feedbackNo, { tap: 'feedback', faqId: entry.id, feedback: 'no', ...asked }),
    ...related.map((e) => questionQuick(ctx, e)),
    homeQuick(ctx),
  ]
}

function moreQuickReplies (ctx: ReplyContext, entry: FaqEntry, next: number, query: string | undefined): QuickReplySpec[] {
  const more = ctx.messages.answerMore
  return [tapQuickReply(ctx.config, more, more, { tap: 'more', faqId: entry.id, part: next, ...(query ? { query } : {}) }), homeQuick(ctx)]
}

/**
 * The first (often only) reply of an answer. `query` is what the user typed to get here, carried
 * into the feedback chips; `lead` outputs go first (they take room from the answer's bubbles).
 */
export function answerReply (
  ctx: ReplyContext,
  entry: FaqEntry,
  how: How,
  opts: { score?: number; candidates?: Candidate[]; lead?: Component[] } = {}
): Reply {
  const lead = opts.lead ?? []
  const room = LIMITS.outputs - lead.length
  const { parts } = partsOf(ctx, entry, room)
  const candidates = opts.candidates ?? [{ faqId: entry.id, question: entry.question, score: opts.score ?? 1 }]
  const decision = decide(how, 'answer', {
    outcome: 'answer',
    faqId: entry.id,
    question: entry.question,
    score: opts.score ?? 1,
    candidates,
    ...(parts.length > 1 ? { part: 1, parts: parts.length } : {}),
  })
  const quickReplies = parts.length > 1 ? moreQuickReplies(ctx, entry, 2, how.query) : closingQuickReplies(ctx, entry, candidates.slice(1), how.query)
  return reply(decision, { outputs: [...lead, ...answerOutputs(ctx, entry, room)], quickReplies })
}

/** "이어서 보기": part `part` (2..) of a long answer; past the last part, the last part again. */
export function moreReply (ctx: ReplyContext, entry: FaqEntry, part: number, how: How): Reply {
  const { parts } = partsOf(ctx, entry, LIMITS.outputs)
  const p = Math.min(Math.max(part, 1), parts.length)
  if (p === 1) return answerReply(ctx, entry, how)
  const bubbles = parts[p - 1] ?? []
  const decision = decide(how, 'more', { outcome: 'answer', faqId: entry.id, question: entry.question, score: 1, part: p, parts: parts.length })
  const last = p === parts.length
  return reply(decision, {
    outputs: bubbles.map((t) => simpleText(t)),
    quickReplies: last ? closingQuickReplies(ctx, entry, [], how.query) : moreQuickReplies(ctx, entry, p + 1, how.query),
  })
}
