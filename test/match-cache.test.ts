import t from 'tap'
import type { FaqCorpus } from '../src/faq/schema.js'
import { CachedMatcher } from '../src/match/cache.js'
import type { Matcher, MatchResult } from '../src/match/types.js'

const corpus: FaqCorpus = { version: 1, entries: [] }

/** Counts how often the inner matcher really runs. */
class CountingMatcher implements Matcher {
  calls = 0
  readonly corpus = corpus
  match(utterance: string): MatchResult {
    this.calls++
    return { outcome: 'none', candidates: [{ faqId: `id-${utterance}`, question: utterance, score: 0.1 }] }
  }
  entry() {
    return undefined
  }
}

t.test('a repeated utterance is matched once and gets the same result', async (t) => {
  const inner = new CountingMatcher()
  const m = new CachedMatcher(inner, 10)
  const a = m.match('배포란')
  const b = m.match('배포란')
  t.equal(inner.calls, 1)
  t.equal(a, b)
  t.same(a, inner.match('배포란'), 'same content as matching again')
})

t.test('cached results are frozen so one request cannot change another one’s', async (t) => {
  const m = new CachedMatcher(new CountingMatcher(), 10)
  const r = m.match('x')
  t.throws(() => (r.candidates as unknown[]).push({}))
  t.throws(() => {
    ;(r.candidates[0] as { score: number }).score = 1
  })
})

t.test('the least recently used entry goes first when full; long utterances are not kept', async (t) => {
  const inner = new CountingMatcher()
  const m = new CachedMatcher(inner, 2)
  m.match('a')
  m.match('b')
  m.match('a') // a is now the most recent
  m.match('c') // evicts b
  t.equal(m.size, 2)
  const before = inner.calls
  m.match('a')
  t.equal(inner.calls, before, 'a still cached')
  m.match('b')
  t.equal(inner.calls, before + 1, 'b was evicted')
  const long = '가'.repeat(500)
  m.match(long)
  m.match(long)
  t.equal(inner.calls, before + 3, 'a 500-character utterance is matched each time')
})
