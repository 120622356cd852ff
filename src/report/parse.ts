// Reading the server's pino JSON log: the "skill reply" lines, as the team contract defines them.
//
// TODO(lead): the writer's type is `SkillLog` in src/conversation/skill-log.ts (conversation branch).
// Until it is on this branch the fields are restated here with the same names and types. When merging,
// replace everything from `ReplyKind` to `SkillLogFields` with
//   import type { SkillLog } from '../conversation/skill-log.js'
//   export type { ReplyKind } from '../conversation/skill-log.js'
//   /** As logged: request-log masks `utterance` and writes the hashed `userKey` as `user`. */
//   export type SkillLogFields = Omit<SkillLog, 'userKey' | 'utterance' | 'via'> & { utterance?: string; user?: string; via?: SkillLog['via'] }
// so a renamed field is a type error here too.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

export type ReplyKind =
  | 'answer' | 'choices' | 'confirm' | 'none' | 'intent' | 'menu' | 'category' | 'welcome'
  | 'feedback' | 'missed' | 'more' | 'empty' | 'busy' | 'error'
export type IntentName = 'greeting' | 'thanks' | 'goodbye' | 'laughter' | 'jamo' | 'praise' | 'complaint' | 'insult' | 'handoff' | 'menu'
export type TapName = 'choice' | 'confirm-yes' | 'confirm-no' | 'none-of-these' | 'feedback' | 'more' | 'question' | 'category' | 'menu'

/** The fields of one skill log line (the contract's `SkillLog`, as logged: utterance masked, user hashed). */
export interface SkillLogFields {
  skill: string
  kind: ReplyKind
  outcome: 'answer' | 'choices' | 'none'
  faqId?: string
  score?: number
  utterance?: string
  user?: string
  via?: 'typed' | 'tap'
  /** Ids offered (choices, confirm, the near misses of a 'none', the list before "찾는 질문이 없어요"). */
  candidates?: string[]
  intent?: IntentName
  /** What the user had typed before a tap (masked, capped at 200 characters). */
  query?: string
  tap?: TapName
  feedback?: 'yes' | 'no'
}

/** A skill reply as the report uses it: the logged fields, when, and how long it took. */
export interface SkillReply extends SkillLogFields {
  time: number
  /** YYYY-MM-DD in the report's time zone. */
  day: string
  /** Added by the request log to every line. */
  latencyMs?: number
}

export type ParsedLine = { type: 'reply'; reply: SkillReply } | { type: 'other' } | { type: 'not-json' }

const KINDS = new Set<string>(['answer', 'choices', 'confirm', 'none', 'intent', 'menu', 'category', 'welcome', 'feedback', 'missed', 'more', 'empty', 'busy', 'error'])
const OUTCOMES = new Set<string>(['answer', 'choices', 'none'])

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

export function dayOf(time: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(time))
}

/**
 * One log line: a skill reply, another line of ours (other messages, a skill line without a known
 * kind), or not JSON at all (a pretty-printed banner, a truncated last write).
 */
export function parseLine(line: string, timeZone = 'Asia/Seoul'): ParsedLine {
  const text = line.trim()
  if (!text) return { type: 'other' }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { type: 'not-json' }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { type: 'not-json' }
  const o = raw as Record<string, unknown>
  if (o.msg !== 'skill reply' || typeof o.kind !== 'string' || !KINDS.has(o.kind)) return { type: 'other' }
  const time = num(o.time) ?? (str(o.time) ? Date.parse(o.time as string) : NaN)
  if (!Number.isFinite(time)) return { type: 'other' }
  const candidates = Array.isArray(o.candidates) ? o.candidates.filter((c): c is string => typeof c === 'string') : undefined
  const reply: SkillReply = {
    time,
    day: dayOf(time, timeZone),
    skill: str(o.skill) ?? '?',
    kind: o.kind as ReplyKind,
    outcome: (OUTCOMES.has(str(o.outcome) ?? '') ? o.outcome : 'none') as SkillReply['outcome'],
    faqId: str(o.faqId),
    score: num(o.score),
    utterance: str(o.utterance),
    user: str(o.user),
    via: o.via === 'tap' ? 'tap' : o.via === 'typed' ? 'typed' : undefined,
    candidates,
    // The writer's names are the source of truth: a new intent or tap is reported, not dropped.
    intent: str(o.intent) as IntentName | undefined,
    query: str(o.query),
    tap: str(o.tap) as TapName | undefined,
    feedback: o.feedback === 'yes' || o.feedback === 'no' ? o.feedback : undefined,
    latencyMs: num(o.latencyMs),
  }
  return { type: 'reply', reply }
}

export interface ReadLogs {
  replies: SkillReply[]
  lines: number
  /** Lines that were not JSON. */
  notJson: number
}

export async function readLogs(files: string[], timeZone = 'Asia/Seoul'): Promise<ReadLogs> {
  const replies: SkillReply[] = []
  let lines = 0
  let notJson = 0
  for (const file of files) {
    const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' })
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lines++
      const parsed = parseLine(line, timeZone)
      if (parsed.type === 'not-json') notJson++
      else if (parsed.type === 'reply') replies.push(parsed.reply)
    }
  }
  return { replies, lines, notJson }
}
