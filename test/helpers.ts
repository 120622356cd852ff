// Test helpers: build the app the way server.ts does, without a port, and close it in teardown.
import type { Test } from 'tap'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { buildApp } from '../src/app.js'
import { loadConfig, type Config } from '../src/config.js'
import { SkillResponse } from '../src/kakao/response.js'
import { projectRoot } from '../src/paths.js'

export async function build (t: Test, env: Record<string, string> = {}, overrides: Partial<Config> = {}) {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', ...env }), ...overrides }
  const app = await buildApp({ config })
  t.teardown(() => app.close())
  return app
}

const responseCheck = TypeCompiler.Compile(SkillResponse)

/** Strictly validate a reply against SkillResponse; returns the first errors as text (empty when valid). */
export function responseErrors (body: unknown): string[] {
  return [...responseCheck.Errors(body)].slice(0, 5).map((e) => `${e.path} ${e.message}`)
}

/** A real-shaped SkillPayload as OpenBuilder sends it for a typed utterance. */
export function payload (utterance: string, extra: { clientExtra?: Record<string, unknown> | null; userId?: string; botId?: string } = {}) {
  const user = extra.userId ?? 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90ab'
  return {
    intent: { id: 'intent000000000000000001', name: '폴백 블록', extra: { reason: { code: 1, message: 'OK' } } },
    userRequest: {
      timezone: 'Asia/Seoul',
      params: { surface: 'Kakaotalk.plusfriend' },
      block: { id: 'block0000000000000000001', name: '폴백 블록' },
      utterance,
      lang: 'ko',
      user: { id: user, type: 'botUserKey', properties: { botUserKey: user, isFriend: true } },
    },
    bot: { id: extra.botId ?? '64f0c0ffee0000000000beef', name: 'FAQ 봇' },
    action: { id: 'action00000000000000001', name: 'faq', params: {}, detailParams: {}, clientExtra: extra.clientExtra ?? null },
    contexts: [],
  }
}

export const fixturesDir = join(projectRoot, 'fixtures')

/** Every request fixture (fixtures/*.json except *.expected.json), with its parsed body. */
export function fixtures (): Array<{ name: string; body: unknown }> {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
    .sort()
    .map((name) => ({ name, body: JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as unknown }))
}
