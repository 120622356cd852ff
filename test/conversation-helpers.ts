// Helpers for the conversation tests: an app around a scripted matcher (so "choices" and "none"
// do not depend on how fuzzy the real matcher is), temporary corpora, and captured log lines.
import type { Test } from 'tap'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { buildApp } from '../src/app.js'
import { loadConfig, type Config } from '../src/config.js'
import { loadCorpusFile } from '../src/faq/load.js'
import type { FaqCorpus, FaqEntry } from '../src/faq/schema.js'
import { createMatcher } from '../src/match/index.js'
import type { Matcher, MatchExplanation, MatchResult } from '../src/match/types.js'
import { FaqStore } from '../src/plugins/faq-store.js'
import { dataPath } from '../src/paths.js'
import { payload, responseErrors } from './helpers.js'

/** A matcher that answers from a script (utterance → result) and otherwise delegates. */
export class ScriptedMatcher implements Matcher {
  constructor (
    private readonly inner: Matcher,
    private readonly script: Record<string, MatchResult>
  ) {}

  get corpus (): FaqCorpus {
    return this.inner.corpus
  }

  match (utterance: string): MatchResult {
    return this.script[utterance] ?? this.inner.match(utterance)
  }

  explain (utterance: string): MatchExplanation {
    return { ...this.inner.explain(utterance), ...this.script[utterance] }
  }

  entry (faqId: string): FaqEntry | undefined {
    return this.inner.entry(faqId)
  }
}

export async function bundledMatcher (): Promise<Matcher> {
  const { corpus } = await loadCorpusFile(dataPath('faq.json'))
  return createMatcher(corpus)
}

export interface LogLine {
  msg: string
  skill?: string
  outcome?: string
  [key: string]: unknown
}

/** Build the app (optionally around a given matcher) and collect its "skill reply" log lines. */
export async function buildConversation (
  t: Test,
  opts: { env?: Record<string, string>; matcher?: Matcher; overrides?: Partial<Config> } = {}
) {
  const config = { ...loadConfig({ LOG_LEVEL: 'info', ...opts.env }), ...opts.overrides }
  const logs: LogLine[] = []
  const stream = new Writable({
    write (chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine)
      done()
    },
  })
  const store = opts.matcher ? FaqStore.fromMatcher(opts.matcher) : undefined
  const app = await buildApp({ config, ...(store ? { store } : {}) }, { level: 'info', stream })
  t.teardown(() => app.close())

  /** POST a SkillPayload to a skill; the reply must be a valid SkillResponse with data. */
  async function ask (url: string, utterance: string, clientExtra: Record<string, unknown> | null = null, params?: Record<string, unknown>) {
    const body = payload(utterance, { clientExtra })
    if (params) body.action.params = params
    const res = await app.inject({ method: 'POST', url, payload: body })
    t.equal(res.statusCode, 200, `${url} "${utterance}" answers 200`)
    const reply = res.json() as Reply
    t.same(responseErrors(reply), [], `${url} "${utterance}" ${JSON.stringify(clientExtra)} is a valid SkillResponse`)
    t.type(reply.data?.outcome, 'string', 'reply carries data.outcome')
    t.ok(Array.isArray(reply.data?.candidates), 'reply carries data.candidates')
    return reply
  }
  const skillLogs = () => logs.filter((l) => l.msg === 'skill reply')
  return { app, ask, logs, skillLogs }
}

/** A loose view of a reply for assertions (the schema check is strict). */
export interface Reply {
  version: string
  template: {
    outputs: Array<Record<string, any>>
    quickReplies?: Array<{ label: string; action: string; messageText?: string; blockId?: string; extra?: Record<string, unknown> }>
  }
  data: Record<string, any>
}

/** Write a corpus to a temporary file and return its path. */
export function tempCorpus (entries: Array<Partial<FaqEntry> & Pick<FaqEntry, 'id' | 'question' | 'answer'>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'faq-conv-'))
  const file = join(dir, 'faq.json')
  const full = entries.map((e) => ({ category: ['테스트'], alternates: [], platforms: [], links: [], ...e }))
  writeFileSync(file, JSON.stringify({ version: 1, entries: full }))
  return file
}

export function tempJson (name: string, value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'faq-conv-'))
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(value))
  return file
}

/** All text a user sees in the outputs, bubble by bubble (titles, descriptions, texts). */
export function visibleTexts (reply: Reply): string[] {
  const out: string[] = []
  for (const o of reply.template.outputs) {
    if (o.simpleText) out.push(o.simpleText.text)
    for (const card of [o.textCard, o.basicCard]) {
      if (!card) continue
      if (card.title) out.push(card.title)
      if (card.description) out.push(card.description)
    }
  }
  return out
}

/** Strip every kind of whitespace: sentence joins may differ in spacing between bubbles. */
export const squash = (s: string) => s.replace(/\s+/g, '')
