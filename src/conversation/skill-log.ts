// The record of one skill request, written by the conversation layer and turned into the request's
// "skill reply" log line by plugins/request-log.ts (which masks `utterance` and hashes `userKey`
// into `user`). The report reads those lines with this same type, so a renamed field is a type
// error on both sides. Every field but the raw utterance and user key is copied to the line as is.
import type { Outcome } from '../match/types.js'

/** What the user was shown. */
export type ReplyKind =
  | 'answer'
  | 'choices'
  | 'confirm'
  | 'none'
  | 'intent'
  | 'menu'
  | 'category'
  | 'welcome'
  | 'feedback'
  | 'missed'
  | 'more'
  | 'empty'
  | 'busy'
  | 'error'

/** Small talk and requests answered before any FAQ search (data/intents.json). */
export type IntentName =
  | 'greeting'
  | 'thanks'
  | 'goodbye'
  | 'laughter'
  | 'jamo'
  | 'praise'
  | 'complaint'
  | 'insult'
  | 'handoff'
  | 'menu'

/** Which of our buttons, quick replies or list items was tapped. */
export type TapName =
  | 'choice'
  | 'confirm-yes'
  | 'confirm-no'
  | 'none-of-these'
  | 'feedback'
  | 'more'
  | 'question'
  | 'category'
  | 'menu'

export interface SkillLog {
  /** The skill's name (faq, browse, welcome), from the route's config. */
  skill: string
  kind: ReplyKind
  /** The search outcome the reply stands for: 'answer' also for a tapped answer, 'none' for what is no search result. */
  outcome: Outcome
  /** 'tap' when the request carried our state in clientExtra. */
  via: 'typed' | 'tap'
  /** Raw; request-log masks it. */
  utterance: string
  /** The raw botUserKey; request-log logs only its salted hash, as `user`. */
  userKey: string
  /** The entry answered, confirmed, rejected, voted on or continued. */
  faqId?: string
  /** Confidence of the answer (0..1, 3 decimals); 1 for a tapped id. */
  score?: number
  /** Ids offered (choices, confirm, the near misses of a 'none', the list before "찾는 질문이 없어요"). */
  candidates?: string[]
  intent?: IntentName
  /** What the user had typed before the tap ("typed X, chose Y"): masked and capped at 200 already. */
  query?: string
  tap?: TapName
  feedback?: 'yes' | 'no'
  /** Which part of a long answer was sent ("이어서 보기"), from 1. */
  part?: number
  /** The category listed (kind 'category'). */
  category?: string
  /** A tapped id that is no longer in the corpus (the tapped text was searched instead). */
  stale?: string
  /** Why a 'busy' reply was sent (time budget or pressure). */
  reason?: string
}

/** What is known when a request arrives, before anything is decided. */
export type SkillLogStart = Pick<SkillLog, 'skill' | 'via' | 'utterance' | 'userKey'>

/**
 * The record of a request the skill could not answer itself: an error, or the time budget or
 * event-loop pressure ran out first. Keeps who asked what when the turn had already started.
 */
export function failedLog (started: SkillLog | SkillLogStart | undefined, skill: string, kind: 'busy' | 'error', reason?: string): SkillLog {
  return {
    via: started?.via ?? 'typed',
    utterance: started?.utterance ?? '',
    userKey: started?.userKey ?? '',
    skill,
    kind,
    outcome: 'none',
    ...(reason ? { reason } : {}),
  }
}
