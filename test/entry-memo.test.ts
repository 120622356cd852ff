import t from 'tap'
import type { FaqCorpus, FaqEntry } from '../src/faq/schema.js'
import { EntryMemo } from '../src/conversation/entry-memo.js'

const entry = (id: string): FaqEntry => ({ id, category: [], question: id, alternates: [], answer: id, platforms: [], links: [] })
const corpusOf = (n: number): FaqCorpus => ({ version: 1, entries: Array.from({ length: n }, (_, i) => entry(`e${i}`)) })

t.test('what is derived from entries is kept per corpus, and bounded: cleared whole when full', async (t) => {
  const memo = new EntryMemo<string>(3)
  const a = corpusOf(5)
  const [e0, e1, e2, e3] = a.entries as [FaqEntry, FaqEntry, FaqEntry, FaqEntry]
  t.equal(memo.set(a, e0, 'zero'), 'zero', 'set hands back the value')
  memo.set(a, e1, 'one')
  memo.set(a, e2, 'two')
  t.equal(memo.get(a, e1), 'one')
  t.equal(memo.get(corpusOf(5), e1), undefined, 'another corpus (a reload) starts empty')
  memo.set(a, e3, 'three')
  t.equal(memo.get(a, e0), undefined, 'full: the older ones are gone')
  t.equal(memo.get(a, e3), 'three', 'the newest is kept')
})
