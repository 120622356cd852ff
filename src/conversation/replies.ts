// Turn a match outcome into the reply a KakaoTalk user sees.
import type { FaqEntry } from '../faq/schema.js'
import type { Messages } from '../messages.js'
import type { MatchResult } from '../match/types.js'
import { simpleText, simpleTexts, skillResponse, textCard } from '../kakao/builders.js'
import { LIMITS } from '../kakao/limits.js'
import { cpLength } from '../kakao/text.js'
import type { ReplyData, SkillResponse } from '../kakao/response.js'

export function replyData(result: MatchResult): ReplyData {
  const candidates = result.candidates.slice(0, 5).map((c) => ({ faqId: c.faqId, question: c.question, score: c.score }))
  const best = candidates[0]
  if (result.outcome === 'answer' && best) {
    return { outcome: 'answer', faqId: best.faqId, question: best.question, score: best.score, candidates }
  }
  return { outcome: result.outcome, candidates }
}

/** The whole answer: a titled card when it fits, otherwise up to three text bubbles. */
export function answerReply(entry: FaqEntry, data: ReplyData): SkillResponse {
  if (cpLength(entry.answer) <= LIMITS.textCardDescription) {
    return skillResponse({ outputs: [{ textCard: textCard({ title: entry.question, description: entry.answer }) }], data })
  }
  return skillResponse({ outputs: simpleTexts(`${entry.question}\n\n${entry.answer}`), data })
}

export function textReply(text: string, data: ReplyData): SkillResponse {
  return skillResponse({ outputs: [simpleText(text)], data })
}

export function emptyReply(messages: Messages): SkillResponse {
  return textReply(messages.empty, { outcome: 'none', candidates: [] })
}
