// What a search can lead to besides an answer: a list of choices, one question to confirm, a
// polite miss; and what the taps on those lead to (a miss noted, a vote thanked). Also the replies
// a skill sends when it cannot do its work: the busy and the error reply.
import type { FaqEntry } from '../../faq/schema.js'
import { listCard, simpleText } from '../../kakao/builders.js'
import { LIMITS } from '../../kakao/limits.js'
import type { Component } from '../../kakao/response.js'
import { format, type Messages } from '../../messages.js'
import type { Candidate } from '../../match/types.js'
import type { ReplyContext } from '../context.js'
import { decide, type How } from '../decision.js'
import { tapListItem, tapQuery, tapQuickReply } from '../taps.js'
import { RELATED } from './answer.js'
import { categoryQuickReplies, handoffCard, homeQuick, questionQuick, reply, type Reply } from './common.js'

const asCandidate = (e: FaqEntry, score: number): Candidate => ({ faqId: e.id, question: e.question, score })

/** An entry the matcher offered, with its score. */
export interface Scored {
  entry: FaqEntry
  score: number
}

/**
 * "혹시 이런 질문이신가요?": the plausible entries, best first; a tap on one answers it and is
 * logged with what the user had typed.
 */
export function choicesReply (ctx: ReplyContext, how: How, utterance: string, shown: Scored[], lead: Component[] = [], after: Candidate[] = []): Reply {
  const query = tapQuery(utterance)
  const asked = query ? { query } : {}
  const entries = shown.slice(0, LIMITS.listCardItems)
  const items = entries.map(({ entry }) =>
    tapListItem(ctx.config, entry.question, entry.question, { tap: 'choice', faqId: entry.id, ...asked }, entry.category.slice(-1)[0])
  )
  const notFound = ctx.messages.choicesNotFound
  const offered = entries.map((s) => asCandidate(s.entry, s.score))
  return reply(decide(how, 'choices', { outcome: 'choices', candidates: [...offered, ...after], offered: offered.length }), {
    outputs: [...lead, { listCard: listCard({ header: ctx.messages.choicesHeader, items }) }],
    quickReplies: [
      tapQuickReply(ctx.config, notFound, notFound, { tap: 'none-of-these', ...asked, offered: entries.map((s) => s.entry.id) }),
      homeQuick(ctx),
    ],
  })
}

/** Exactly one plausible entry: "혹시 '…'에 대해 물으신 건가요?" with 네 / 아니요. */
export function confirmReply (ctx: ReplyContext, how: How, utterance: string, entry: FaqEntry, score: number, lead: Component[] = [], after: Candidate[] = []): Reply {
  const { messages } = ctx
  const query = tapQuery(utterance)
  const asked = query ? { query } : {}
  return reply(decide(how, 'confirm', { outcome: 'choices', faqId: entry.id, question: entry.question, candidates: [asCandidate(entry, score), ...after], offered: 1 }), {
    outputs: [...lead, simpleText(format(messages.confirmQuestion, { question: entry.question }))],
    quickReplies: [
      tapQuickReply(ctx.config, messages.confirmYes, messages.confirmYes, { tap: 'confirm-yes', faqId: entry.id, ...asked }),
      tapQuickReply(ctx.config, messages.confirmNo, messages.confirmNo, { tap: 'confirm-no', faqId: entry.id, ...asked }),
      homeQuick(ctx),
    ],
  })
}

/** Nothing matched: say so politely and offer the categories (and a person, when configured). */
export function noneReply (ctx: ReplyContext, how: How, nearMisses: Candidate[], lead: Component[] = []): Reply {
  return reply(decide(how, 'none', { candidates: nearMisses }), {
    outputs: [...lead, simpleText(ctx.messages.none), ...handoffCard(ctx)],
    quickReplies: [...categoryQuickReplies(ctx), homeQuick(ctx)],
  })
}

export function emptyReply (ctx: ReplyContext, how: How): Reply {
  return reply(decide(how, 'empty'), {
    outputs: [simpleText(ctx.messages.empty)],
    quickReplies: [...categoryQuickReplies(ctx), homeQuick(ctx)],
  })
}

/** "찾는 질문이 없어요": a miss, noted with what was typed and what was offered. */
export function missedReply (ctx: ReplyContext, how: How, offered: string[]): Reply {
  const candidates = offered.map((id) => ctx.matcher.entry(id)).filter((e): e is FaqEntry => !!e).map((e) => asCandidate(e, 0))
  return reply(decide(how, 'missed', { candidates }), {
    outputs: [simpleText(ctx.messages.choicesMissed), ...handoffCard(ctx)],
    quickReplies: [...categoryQuickReplies(ctx), homeQuick(ctx)],
  })
}

/** 아니요 on "혹시 '…'에 대해 물으신 건가요?": a miss for that entry; the menu or a person next. */
export function confirmRejectedReply (ctx: ReplyContext, how: How, faqId: string): Reply {
  const entry = ctx.matcher.entry(faqId)
  return reply(decide(how, 'missed', { faqId, ...(entry ? { question: entry.question, candidates: [asCandidate(entry, 0)] } : {}) }), {
    outputs: [simpleText(ctx.messages.confirmRejected), ...handoffCard(ctx)],
    quickReplies: [...categoryQuickReplies(ctx), homeQuick(ctx)],
  })
}

/** 도움이 됐어요 / 아니요: thanks; after "아니요" also other questions nearby and a person. */
export function feedbackReply (ctx: ReplyContext, how: How, vote: 'yes' | 'no', faqId: string | undefined): Reply {
  const entry = faqId ? ctx.matcher.entry(faqId) : undefined
  const yes = vote === 'yes'
  const related = !yes && entry ? ctx.catalog.related(entry, [], RELATED) : []
  return reply(decide(how, 'feedback', { feedback: vote, ...(entry ? { faqId: entry.id, question: entry.question } : {}) }), {
    outputs: [simpleText(yes ? ctx.messages.thanksYes : ctx.messages.thanksNo), ...(yes ? [] : handoffCard(ctx))],
    quickReplies: [...related.map((e) => questionQuick(ctx, e)), homeQuick(ctx)],
  })
}

/** Sent when the time budget or event-loop pressure ran out before the skill answered. */
export function busyReply (messages: Messages): Reply {
  return reply(decide({ via: 'typed' }, 'busy'), { outputs: [simpleText(messages.busy)] })
}

/** Sent when the skill failed: still a polite, valid reply (KakaoTalk shows nothing useful for a 5xx). */
export function errorReply (messages: Messages): Reply {
  return reply(decide({ via: 'typed' }, 'error'), { outputs: [simpleText(messages.error)] })
}
