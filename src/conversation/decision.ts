// What a turn decided, recorded once. The reply's `data` (which operators' webhook variables and
// run-eval read) and the request's log line (which the report reads) are both derived from it, so
// they cannot disagree.
import type { Candidate, Outcome } from '../match/types.js'
import type { ReplyData } from '../kakao/response.js'
import { logUtterance } from '../privacy.js'
import type { IntentName, ReplyKind, SkillLog, SkillLogStart, TapName } from './skill-log.js'

/** How the turn came about: typed, or which tap (with the utterance the user had typed before it). */
export interface How {
  via: 'typed' | 'tap'
  tap?: TapName
  /** The typed utterance a tap carried (capped, raw; masked when logged). */
  query?: string
  /** Set when the reply answers small talk: the reply's kind is then 'intent'. */
  intent?: IntentName
  /** A tapped id no longer in the corpus. */
  stale?: string
}

export interface Decision extends How {
  kind: ReplyKind
  outcome: Outcome
  /** The entry answered, asked about, voted on or continued. */
  faqId?: string
  question?: string
  score?: number
  /** Entries shown or considered, best first (data gets them with questions; the log their ids). */
  candidates: Candidate[]
  /** Choices and confirm: how many of the first candidates were offered (the rest are near misses). */
  offered?: number
  feedback?: 'yes' | 'no'
  /** A long answer's part shown (from 1) and how many parts it has. */
  part?: number
  parts?: number
  category?: string
  page?: number
  pages?: number
  /** Ids listed (menu, category, welcome). */
  shown?: string[]
}

/** What a reply builder fills in; `outcome` defaults to 'none' and `candidates` to none. */
export type DecisionFields = Omit<Decision, keyof How | 'kind' | 'outcome' | 'candidates'> & { outcome?: Outcome; candidates?: Candidate[] }

/**
 * A decision for `how`; small talk always has kind 'intent', whatever layout its reply borrows.
 * Built by assignment, not as `{ ...how, ...rest, kind, outcome, candidates }`: V8 (Node 20) makes
 * an object literal that spreads and then adds properties in its runtime, ~10 µs each under load,
 * several times per request (Object.assign and plain stores take well under 1 µs). Same keys, same order.
 */
export function decide (how: How, kind: ReplyKind, fields: DecisionFields = {}): Decision {
  const d = Object.assign({}, how) as Decision
  for (const key in fields) {
    if (key !== 'outcome' && key !== 'candidates') (d as unknown as Record<string, unknown>)[key] = fields[key as keyof DecisionFields]
  }
  d.kind = how.intent ? 'intent' : kind
  d.outcome = fields.outcome ?? 'none'
  d.candidates = fields.candidates ?? []
  return d
}

/** Candidates shown in data: what run-eval and operators read. */
const DATA_CANDIDATES = 5
/** Near misses kept in the log of a 'none': enough to see which entry nearly matched. */
const LOGGED_NEAR_MISSES = 3

const round = (x: number) => Math.round(x * 1000) / 1000

export function dataOf (d: Decision): ReplyData {
  const data: ReplyData = {
    outcome: d.outcome,
    kind: d.kind,
    candidates: d.candidates.slice(0, DATA_CANDIDATES).map((c) => ({ faqId: c.faqId, question: c.question, score: c.score })),
  }
  if (d.faqId) data.faqId = d.faqId
  if (d.question) data.question = d.question
  if (d.score !== undefined) data.score = d.score
  // One test per field (in this order), not a loop over an object of them: every reply runs this.
  if (d.intent !== undefined) data.intent = d.intent
  if (d.feedback !== undefined) data.feedback = d.feedback
  if (d.part !== undefined) data.part = d.part
  if (d.parts !== undefined) data.parts = d.parts
  if (d.category !== undefined) data.category = d.category
  if (d.page !== undefined) data.page = d.page
  if (d.pages !== undefined) data.pages = d.pages
  if (d.shown !== undefined) data.shown = d.shown
  // Older webhook setups read these flags.
  if (d.kind === 'busy') data.busy = true
  if (d.kind === 'error') data.error = true
  return data
}

/** Ids worth a report: what was offered (choices, confirm, the list before a miss), or a miss's near misses. */
function loggedCandidates (d: Decision): Candidate[] {
  switch (d.kind) {
    case 'choices':
    case 'confirm':
      return d.candidates.slice(0, d.offered ?? d.candidates.length)
    case 'missed':
      return d.candidates
    case 'none':
      return d.candidates.slice(0, LOGGED_NEAR_MISSES)
    default:
      return []
  }
}

export function logOf (start: SkillLogStart, d: Decision): SkillLog {
  // Not `{ ...start, kind, outcome, via }` (see decide): the same keys in the same order.
  const log: SkillLog = { skill: start.skill, via: d.via, utterance: start.utterance, userKey: start.userKey, kind: d.kind, outcome: d.outcome }
  if (d.faqId) log.faqId = d.faqId
  if (d.score !== undefined) log.score = round(d.score)
  const candidates = loggedCandidates(d)
  if (candidates.length) log.candidates = candidates.map((c) => c.faqId)
  if (d.intent) log.intent = d.intent
  if (d.query) log.query = logUtterance(d.query)
  if (d.tap) log.tap = d.tap
  if (d.feedback) log.feedback = d.feedback
  if (d.part) log.part = d.part
  if (d.category) log.category = d.category
  if (d.stale) log.stale = d.stale
  return log
}
