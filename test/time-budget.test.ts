import t, { type Test } from 'tap'
import Fastify from 'fastify'
import { app as appPlugin, fastifyOptions } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { FaqStore } from '../src/plugins/faq-store.js'
import type { Matcher, MatchResult } from '../src/match/types.js'
import type { FaqCorpus } from '../src/faq/schema.js'
import { defaultMessages } from '../src/messages.js'
import { payload, responseErrors } from './helpers.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const busyWait = (ms: number) => {
  const end = Date.now() + ms
  while (Date.now() < end);
}

const corpus: FaqCorpus = {
  version: 1,
  entries: [{ id: 'deploy', category: ['봇'], question: '배포란 무엇인가요?', alternates: [], answer: '배포는 실제 서비스에 반영하는 것입니다.', platforms: [], links: [] }],
}

/** A matcher that answers every utterance with the one entry, blocking the thread on "느림". */
class FakeMatcher implements Matcher {
  calls = 0
  readonly corpus = corpus
  constructor (private readonly blockMs: number) {}
  match (utterance: string): MatchResult {
    this.calls++
    if (utterance.includes('느림')) busyWait(this.blockMs)
    return { outcome: 'answer', candidates: [{ faqId: 'deploy', question: '배포란 무엇인가요?', score: 1 }], score: 1 }
  }

  explain (): never {
    throw new Error('not used')
  }

  entry (id: string) {
    return corpus.entries.find((e) => e.id === id)
  }
}

async function appWith (t: Test, env: Record<string, string>, extra?: (f: ReturnType<typeof Fastify>) => void, store?: FaqStore, sample?: number) {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env })
  const fastify = Fastify(fastifyOptions(config, false))
  // Extra routes go inside the app's context, where its hooks and error handler live.
  await fastify.register(async (f) => {
    await appPlugin(f, { config, store, pressureSampleIntervalMs: sample })
    extra?.(f as unknown as ReturnType<typeof Fastify>)
  })
  await fastify.ready()
  t.teardown(() => fastify.close())
  return fastify
}

t.test('a skill that does not answer within the budget sends the polite busy reply', async (t) => {
  let finished = false
  const app = await appWith(t, { SKILL_TIME_BUDGET_MS: '300' }, (f) => {
    f.post('/skills/slow', { config: { skill: 'slow' } }, async () => {
      await sleep(1500)
      finished = true
      throw new Error('fails after the budget; must be logged, not unhandled')
    })
    f.post('/skills/quick', { config: { skill: 'quick' } }, async () => ({ version: '2.0', template: { outputs: [{ simpleText: { text: '빠름' } }] } }))
  })
  const started = Date.now()
  const res = await app.inject({ method: 'POST', url: '/skills/slow', payload: payload('아무거나') })
  const took = Date.now() - started
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(responseErrors(body), [])
  t.equal(body.data.outcome, 'none')
  t.equal(body.template.outputs[0].simpleText.text, defaultMessages.busy)
  t.ok(took >= 250 && took < 1200, `answered at the budget (${took} ms)`)
  t.equal(finished, false, 'the reply did not wait for the handler')

  const quick = await app.inject({ method: 'POST', url: '/skills/quick', payload: payload('x') })
  t.equal(quick.json().template.outputs[0].simpleText.text, '빠름', 'a fast skill is untouched')
  await sleep(1400) // let the slow handler fail while the app is still open
  t.equal(finished, true)
})

t.test('the default budget keeps skills under 3.5 s', async (t) => {
  const config = loadConfig({})
  t.ok(config.SKILL_TIME_BUDGET_MS <= 3500)
})

t.test('under event-loop pressure a skill answers busy at once without touching the matcher; probes stay open', async (t) => {
  const matcher = new FakeMatcher(800)
  const app = await appWith(t, { MAX_EVENT_LOOP_DELAY_MS: '30' }, (f) => {
    f.get('/other', async () => ({ ok: true }))
  }, FaqStore.fromMatcher(matcher), 100)

  const first = await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('느림 배포') })
  t.equal(first.json().data.outcome, 'answer', 'the blocking request itself completes')
  t.equal(matcher.calls, 1)
  await sleep(5) // the overdue pressure sample runs now and sees the 800 ms stall

  const second = await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('배포') })
  t.equal(second.statusCode, 200)
  t.same(responseErrors(second.json()), [])
  t.equal(second.json().data.outcome, 'none')
  t.equal(second.json().template.outputs[0].simpleText.text, defaultMessages.busy)
  t.equal(matcher.calls, 1, 'the matcher was not called under pressure')
  t.equal((await app.inject({ url: '/health' })).statusCode, 200)
  t.equal((await app.inject({ url: '/ready' })).statusCode, 200)
  const other = await app.inject({ url: '/other' })
  t.equal(other.statusCode, 503)
  t.same(Object.keys(other.json()).sort(), ['error', 'message', 'statusCode'])

  await sleep(400) // a few calm samples
  const third = await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('배포') })
  t.equal(third.json().data.outcome, 'answer', 'normal service resumes')
  t.equal(matcher.calls, 2)
})

t.test('MAX_EVENT_LOOP_DELAY_MS=0 turns the pressure guard off', async (t) => {
  const matcher = new FakeMatcher(300)
  const app = await appWith(t, { MAX_EVENT_LOOP_DELAY_MS: '0' }, undefined, FaqStore.fromMatcher(matcher), 50)
  await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('느림') })
  await sleep(5)
  const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('배포') })
  t.equal(res.json().data.outcome, 'answer')
})
