// Reads the "skill reply" lines written from `SkillLog` (src/conversation/skill-log.ts): the same type
// on both sides, so a renamed field is a type error here too.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { IntentName, ReplyKind, SkillLog, TapName } from '../conversation/skill-log.js'

export type { ReplyKind, IntentName, TapName } from '../conversation/skill-log.js'

/** As logged: request-log masks `utterance` and writes the hashed `userKey` as `user`. */
export type SkillLogFields = Omit<SkillLog, 'userKey' | 'utterance' | 'via'> & { utterance?: string; user?: string; via?: SkillLog['via'] }

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

export function dayOf (time: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(time))
}

/**
 * One log line: a skill reply, another line of ours (other messages, a skill line without a known
 * kind), or not JSON at all (a pretty-printed banner, a truncated last write).
 */
export function parseLine (line: string, timeZone = 'Asia/Seoul'): ParsedLine {
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

export async function readLogs (files: string[], timeZone = 'Asia/Seoul'): Promise<ReadLogs> {
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
