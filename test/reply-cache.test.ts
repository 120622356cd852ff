import t from 'tap'
import type { FaqCorpus } from '../src/faq/schema.js'
import { ReplyCache } from '../src/conversation/reply-cache.js'
import type { Matcher } from '../src/match/types.js'
import type { SkillResponse } from '../src/kakao/response.js'
import type { Reply } from '../src/conversation/replies/common.js'
import { build, payload, responseErrors } from './helpers.js'

const corpus: FaqCorpus = { version: 1, entries: [] }
const matcher = (): Matcher => ({
  corpus,
  match: () => ({ outcome: 'none', candidates: [], score: 0 }),
  explain: () => {
    throw new Error('not used')
  },
  entry: () => undefined,
})
const response = (text: string): SkillResponse => ({ version: '2.0', template: { outputs: [{ simpleText: { text } }] } })
const reply = (text: string, faqId = 'f1'): Reply => ({
  response: response(text),
  body: JSON.stringify(response(text)),
  decision: { via: 'typed', kind: 'answer', outcome: 'answer', faqId, candidates: [] },
})

t.test('a reply is kept per snapshot matcher with its decision (nothing of the request that asked)', async (t) => {
  const cache = new ReplyCache(10)
  const a = matcher()
  const kept = reply('답')
  const body = cache.put(a, '배포', kept)
  t.same(JSON.parse(body), response('답'))
  t.equal(cache.get(a, '배포'), undefined, 'not kept the first time: most typed utterances never come back')
  t.equal(cache.put(a, '배포', kept), body)
  t.same(cache.get(a, '배포'), { body, decision: kept.decision }, 'kept the second time')
  t.equal(cache.get(matcher(), '배포'), undefined, 'another snapshot (after a reload) starts empty')
  t.equal(cache.get(a, '배포 '), undefined, 'keys are exact')
})

t.test('least recently used first out; long utterances are not kept', async (t) => {
  const cache = new ReplyCache(2)
  const m = matcher()
  // Each is asked for twice: a reply is kept from its utterance's second sight.
  const twice = (u: string) => [cache.put(m, u, reply(u)), cache.put(m, u, reply(u))]
  twice('a')
  twice('b')
  cache.get(m, 'a')
  twice('c')
  t.ok(cache.get(m, 'a'))
  t.notOk(cache.get(m, 'b'))
  t.ok(cache.get(m, 'c'))
  twice('가'.repeat(300))
  t.notOk(cache.get(m, '가'.repeat(300)))
})

t.test('/skills/faq answers a repeated question identically, as JSON, and taps are not cached', async (t) => {
  const app = await build(t)
  const ask = (u: string, clientExtra: Record<string, unknown> | null = null) =>
    app.inject({ method: 'POST', url: '/skills/faq', payload: payload(u, { clientExtra }) })
  const first = await ask('오픈채팅 이용제한 사유')
  const second = await ask('오픈채팅 이용제한 사유')
  t.equal(second.statusCode, 200)
  t.match(second.headers['content-type'], /^application\/json/)
  t.equal(second.body, first.body)
  t.same(responseErrors(second.json()), [])
  t.equal(second.json().data.outcome, 'answer')
  // The same text tapped as feedback is routed by its extra, not served from the cache.
  const tap = await ask('오픈채팅 이용제한 사유', { tap: 'feedback', faqId: first.json().data.faqId, feedback: 'yes' })
  t.not(tap.body, first.body)
  t.equal(tap.json().data.kind, 'feedback')
})
