// faq-skill replay <fixture.json...|folder> [--url URL] [--skill PATH] [--check | --update] [--no-json] [--no-draw]
//
// Sends OpenBuilder request fixtures to a skill, in-process (buildApp + inject) or to a running server
// with --url, and prints the reply JSON and a terminal drawing of the bubbles. --check compares each
// reply with fixtures/<name>.expected.json and exits 1 on differences; --update rewrites those files.
//
// Which skill a fixture goes to, first match wins:
//   1. a top-level "$skill" key in the fixture ("/skills/browse" or "browse"); every top-level key
//      starting with "$" is fixture metadata and is stripped before sending;
//   2. --skill PATH on the command line;
//   3. the first dash-separated word of the file name that names a skill (skills/index.ts):
//      "flow-browse-category.json" goes to /skills/browse, "welcome-new.json" to /skills/welcome;
//   4. /skills/faq.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { commandArgs } from './args.js'
import { SKILLS } from '../../skills/index.js'
import { drawResponse } from './draw.js'

export const DEFAULT_SKILL = '/skills/faq'

export interface Fixture {
  file: string
  /** File name without .json. */
  name: string
  skill: string
  /** The SkillPayload as sent (metadata keys removed). */
  body: Record<string, unknown>
}

export interface Reply {
  status: number
  body: unknown
}

export type Sender = (skill: string, body: unknown) => Promise<Reply>

/** Names of the skills the app serves (skills/index.ts: faq, browse, welcome, ...). */
export function knownSkills (): string[] {
  return SKILLS.map((s) => s.name)
}

const skillPath = (s: string) => (s.startsWith('/') ? s : `/skills/${s}`)

export function loadFixture (file: string, flagSkill?: string, skills: string[] = knownSkills()): Fixture {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${file}: a fixture is one JSON object (a SkillPayload)`)
  const body: Record<string, unknown> = {}
  let hinted: string | undefined
  for (const [k, v] of Object.entries(raw)) {
    if (k === '$skill' && typeof v === 'string' && v.trim()) hinted = v.trim()
    if (!k.startsWith('$')) body[k] = v
  }
  const name = basename(file).replace(/\.json$/, '')
  const byName = name.split(/[-_.]/).find((part) => skills.includes(part))
  return { file, name, skill: skillPath(hinted ?? flagSkill ?? byName ?? DEFAULT_SKILL), body }
}

export const expectedFile = (fixture: Pick<Fixture, 'file' | 'name'>) => join(dirname(fixture.file), `${fixture.name}.expected.json`)

// Scores drift whenever matching is tuned and timestamps change every run: neither says whether the
// user sees the same thing.
const VOLATILE = new Set(['score', 'scores', 'ts', 'time', 'timestamp', 'requestId', 'nonce', 'latencyMs'])

function stripVolatile (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripVolatile)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE.has(k))
        .map(([k, v]) => [k, stripVolatile(v)])
    )
  }
  return value
}

/** What a saved expectation holds: what the user sees, plus the decision (outcome, kind, intent, faqId, question, part). */
export function expectedOf (fixture: Fixture, reply: Reply): Record<string, unknown> {
  const out: Record<string, unknown> = { skill: fixture.skill, status: reply.status }
  const body = reply.body
  if (reply.status !== 200 || typeof body !== 'object' || body === null) {
    out.body = body
    return out
  }
  const r = body as Record<string, unknown>
  if (r.useCallback !== undefined) out.useCallback = r.useCallback
  if (r.template !== undefined) out.template = stripVolatile(r.template)
  if (r.context !== undefined) out.context = stripVolatile(r.context)
  const data = r.data as Record<string, unknown> | undefined
  if (data && typeof data === 'object') {
    const picked: Record<string, unknown> = {}
    for (const k of ['outcome', 'kind', 'intent', 'faqId', 'question', 'part', 'parts'] as const) if (data[k] !== undefined) picked[k] = data[k]
    out.data = picked
  }
  return out
}

/** A value for a diff line; long ones are cut (replay without --check prints the whole reply). */
function show (v: unknown, max = 240): string {
  if (v === undefined) return '(missing)'
  const text = JSON.stringify(v)
  const cps = Array.from(text)
  return cps.length > max ? `${cps.slice(0, max).join('')}… (${cps.length} chars)` : text
}

/** Differences between two JSON values as readable lines: `path: expected X, got Y`. */
export function diffJson (expected: unknown, actual: unknown, path = ''): string[] {
  if (Object.is(expected, actual)) return []
  const here = path || '(root)'
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const lines: string[] = []
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) lines.push(...diffJson(expected[i], actual[i], `${path}[${i}]`))
    return lines
  }
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObj(expected) && isObj(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])]
    return keys.flatMap((k) => diffJson(expected[k], actual[k], path ? `${path}.${k}` : k))
  }
  return [`${here}:\n    expected ${show(expected)}\n    got      ${show(actual)}`]
}

/** Send to the app in-process; the app is built once and closed by the returned close(). */
export async function inProcessSender (): Promise<{ send: Sender; close: () => Promise<void> }> {
  const { buildApp } = await import('../app.js')
  const { loadConfig } = await import('../config.js')
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' })
  const app = await buildApp({ config })
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (config.SKILL_AUTH_TOKEN) headers[config.SKILL_AUTH_HEADER] = config.SKILL_AUTH_TOKEN
  return {
    send: async (skill, body) => {
      const res = await app.inject({ method: 'POST', url: skill, headers, payload: JSON.stringify(body) })
      let parsed: unknown = res.body
      try {
        parsed = res.json()
      } catch {
        // keep the text
      }
      return { status: res.statusCode, body: parsed }
    },
    close: () => app.close(),
  }
}

export function httpSender (baseUrl: string): Sender {
  const base = baseUrl.replace(/\/+$/, '')
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const token = process.env.SKILL_AUTH_TOKEN
  if (token) headers[(process.env.SKILL_AUTH_HEADER ?? 'x-skill-token').toLowerCase()] = token
  return async (skill, body) => {
    const res = await fetch(base + skill, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // keep the text
    }
    return { status: res.status, body: parsed }
  }
}

export type CheckResult = { fixture: Fixture; status: 'ok' | 'differs' | 'missing' | 'updated'; diff: string[] }

/** Compare (or rewrite) the saved expectation of one fixture. */
export async function checkFixture (send: Sender, fixture: Fixture, update = false): Promise<CheckResult> {
  const reply = await send(fixture.skill, fixture.body)
  const actual = expectedOf(fixture, reply)
  const file = expectedFile(fixture)
  if (update) {
    writeFileSync(file, JSON.stringify(actual, null, 2) + '\n')
    return { fixture, status: 'updated', diff: [] }
  }
  if (!existsSync(file)) return { fixture, status: 'missing', diff: [`no ${basename(file)}: run with --update to create it`] }
  const expected = JSON.parse(readFileSync(file, 'utf8')) as unknown
  const diff = diffJson(expected, actual)
  return { fixture, status: diff.length ? 'differs' : 'ok', diff }
}

/**
 * The request files named on the command line: a folder stands for its *.json files, and saved
 * expectations (*.expected.json, which a shell glob like fixtures/*.json also matches) are skipped.
 */
export function fixtureFiles (args: string[]): string[] {
  const files = args.flatMap((a) =>
    existsSync(a) && statSync(a).isDirectory()
      ? readdirSync(a)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(a, f))
      : [a]
  )
  return files.filter((f) => !f.endsWith('.expected.json'))
}

const USAGE = 'usage: faq-skill replay <fixture.json...|folder> [--url URL] [--skill /skills/faq] [--check | --update] [--no-json] [--no-draw]'

export async function run (argv: string[]): Promise<number> {
  const parsed = commandArgs(
    'replay',
    argv,
    {
      url: { type: 'string' },
      skill: { type: 'string' },
      check: { type: 'boolean', default: false },
      update: { type: 'boolean', default: false },
      'no-json': { type: 'boolean', default: false },
      'no-draw': { type: 'boolean', default: false },
      width: { type: 'string' },
    },
    USAGE,
    'no fixtures given'
  )
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  if (values.check && values.update) {
    console.error('faq-skill replay: --check and --update exclude each other')
    return 2
  }
  const skills = knownSkills()
  const fixtures = fixtureFiles(positionals).map((f) => loadFixture(f, values.skill, skills))
  if (!fixtures.length) {
    console.error('faq-skill replay: no fixtures (*.expected.json files are expectations, not requests)')
    return 2
  }
  const local = values.url ? undefined : await inProcessSender()
  const send = values.url ? httpSender(values.url) : local!.send
  const width = Math.max(24, Number(values.width) || Math.min(process.stdout.columns || 64, 72))
  try {
    if (values.check || values.update) {
      let failed = 0
      for (const fixture of fixtures) {
        const result = await checkFixture(send, fixture, values.update)
        if (result.status === 'ok' || result.status === 'updated') {
          console.log(`${result.status === 'ok' ? 'ok     ' : 'updated'} ${fixture.file} (${fixture.skill})`)
        } else {
          failed++
          console.log(`FAIL    ${fixture.file} (${fixture.skill})`)
          for (const line of result.diff) console.log(`  ${line}`)
        }
      }
      if (values.check) console.log(`\n${fixtures.length - failed} passed, ${failed} failed`)
      return failed ? 1 : 0
    }
    for (const fixture of fixtures) {
      const reply = await send(fixture.skill, fixture.body)
      const utterance = (fixture.body.userRequest as { utterance?: unknown } | undefined)?.utterance
      console.log(`── ${fixture.file} → POST ${fixture.skill} (HTTP ${reply.status})`)
      if (!values['no-json']) console.log(JSON.stringify(reply.body, null, 2))
      if (!values['no-draw']) {
        console.log('')
        console.log(
          reply.status === 200
            ? drawResponse(reply.body, { width, utterance: typeof utterance === 'string' ? utterance : undefined })
            : `(HTTP ${reply.status}: KakaoTalk would show no reply)`
        )
      }
      console.log('')
    }
    return 0
  } finally {
    await local?.close()
  }
}
