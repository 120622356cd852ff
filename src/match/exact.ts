// Placeholder matcher until the Korean-aware matcher lands: exact question lookup after
// folding case, spacing and punctuation.
import type { FaqCorpus, FaqEntry } from '../faq/schema.js'
import type { Matcher, MatchResult } from './types.js'

const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')

export class ExactMatcher implements Matcher {
  readonly #byId = new Map<string, FaqEntry>()
  readonly #byQuestion = new Map<string, FaqEntry>()

  constructor(readonly corpus: FaqCorpus) {
    for (const e of corpus.entries) {
      this.#byId.set(e.id, e)
      for (const q of [e.question, ...e.alternates]) this.#byQuestion.set(fold(q), e)
    }
  }

  match(utterance: string): MatchResult {
    const e = this.#byQuestion.get(fold(utterance))
    if (!e) return { outcome: 'none', candidates: [] }
    return { outcome: 'answer', candidates: [{ faqId: e.id, question: e.question, score: 1 }] }
  }

  entry(faqId: string): FaqEntry | undefined {
    return this.#byId.get(faqId)
  }
}
