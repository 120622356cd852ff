// What the skill replies say about the bot: how often a typed question was answered, what users
// asked that it could not answer, how each FAQ was voted, small talk and handoffs, and latency.
import { compare } from '../faq/import/normalize.js'
import type { SkillReply } from './parse.js'
import { groupSaid, type Said, type TextGroup } from './group.js'

export interface Searches {
  /** Typed utterances the matcher saw. */
  total: number
  /** Answered outright (kind 'answer'). */
  answered: number
  /** Offered a list or one suggestion to confirm. */
  offered: number
  /** No answer. */
  none: number
}

export interface Latency {
  count: number
  p50?: number
  p95?: number
  p99?: number
}

export interface DayStats {
  day: string
  replies: number
  kinds: Record<string, number>
  searches: Searches
  latency: Latency
}

export interface FeedbackStats {
  faqId: string
  /** "도움이 됐어요" after the answer. */
  yes: number
  /** "아니요" after the answer. */
  no: number
  /** "아니요" when it was offered as the one suggestion. */
  rejected: number
}

export interface Report {
  replies: number
  kinds: Record<string, number>
  searches: Searches
  /** Utterances with no answer, and "찾는 질문이 없어요" / a rejected suggestion, grouped. */
  misses: TextGroup[]
  feedback: FeedbackStats[]
  intents: Array<{ intent: string; count: number }>
  days: DayStats[]
  latency: Latency
}

/** A typed utterance that went to the matcher (a tap on a choice is the user's pick, not a search). */
export const isSearch = (r: SkillReply) => r.via !== 'tap' && (r.kind === 'answer' || r.kind === 'choices' || r.kind === 'confirm' || r.kind === 'none')

/** What the user said that the bot could not answer, and the FAQ it came closest to. */
export function missOf (r: SkillReply): Said | undefined {
  if (r.kind === 'none' && r.via !== 'tap' && r.utterance) return { text: r.utterance, day: r.day, near: r.candidates?.[0] }
  if (r.kind === 'missed' && r.query) return { text: r.query, day: r.day, near: r.tap === 'confirm-no' ? r.faqId : r.candidates?.[0] }
  return undefined
}

function searchesOf (replies: SkillReply[]): Searches {
  const s: Searches = { total: 0, answered: 0, offered: 0, none: 0 }
  for (const r of replies) {
    if (!isSearch(r)) continue
    s.total++
    if (r.kind === 'answer') s.answered++
    else if (r.kind === 'none') s.none++
    else s.offered++
  }
  return s
}

/** Nearest-rank percentile of sorted values. */
export function percentile (sorted: number[], p: number): number | undefined {
  if (!sorted.length) return undefined
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

function latencyOf (replies: SkillReply[]): Latency {
  const sorted = replies.flatMap((r) => (r.latencyMs === undefined ? [] : [r.latencyMs])).sort((a, b) => a - b)
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }
}

function kindsOf (replies: SkillReply[]): Record<string, number> {
  const kinds: Record<string, number> = {}
  for (const r of replies) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1
  return kinds
}

function feedbackOf (replies: SkillReply[]): FeedbackStats[] {
  const byFaq = new Map<string, FeedbackStats>()
  const of = (id: string) => byFaq.get(id) ?? byFaq.set(id, { faqId: id, yes: 0, no: 0, rejected: 0 }).get(id)!
  for (const r of replies) {
    if (!r.faqId) continue
    if (r.kind === 'feedback' && r.feedback) of(r.faqId)[r.feedback]++
    else if (r.kind === 'missed' && r.tap === 'confirm-no') of(r.faqId).rejected++
  }
  return [...byFaq.values()].sort((a, b) => b.no + b.rejected - (a.no + a.rejected) || b.yes - a.yes || compare(a.faqId, b.faqId))
}

function intentsOf (replies: SkillReply[]): Report['intents'] {
  const counts = new Map<string, number>()
  for (const r of replies) if (r.kind === 'intent') counts.set(r.intent ?? '?', (counts.get(r.intent ?? '?') ?? 0) + 1)
  return [...counts].map(([intent, count]) => ({ intent, count })).sort((a, b) => b.count - a.count || compare(a.intent, b.intent))
}

export function analyze (replies: SkillReply[], options: { threshold?: number } = {}): Report {
  const byDay = new Map<string, SkillReply[]>()
  for (const r of replies) (byDay.get(r.day) ?? byDay.set(r.day, []).get(r.day)!).push(r)
  return {
    replies: replies.length,
    kinds: kindsOf(replies),
    searches: searchesOf(replies),
    misses: groupSaid(replies.flatMap((r) => missOf(r) ?? []), options.threshold),
    feedback: feedbackOf(replies),
    intents: intentsOf(replies),
    days: [...byDay]
      .sort((a, b) => compare(a[0], b[0]))
      .map(([day, rs]) => ({ day, replies: rs.length, kinds: kindsOf(rs), searches: searchesOf(rs), latency: latencyOf(rs) })),
    latency: latencyOf(replies),
  }
}
