// A bounded LRU of match results in front of a matcher. Matching is deterministic and a snapshot's
// matcher never changes (reload builds a new one, with a new cache), so a cached result is exactly
// what matching again would return. Chat traffic repeats itself a lot: quick replies and list taps
// send the same texts, and popular questions come back in the same words.
import type { FaqCorpus, FaqEntry } from '../faq/schema.js'
import type { Matcher, MatchResult } from './types.js'

/** Longer utterances are rarely repeated word for word; they are matched but not kept. */
const MAX_KEY_LENGTH = 200

export class CachedMatcher implements Matcher {
  readonly #results = new Map<string, MatchResult>()

  constructor(
    readonly inner: Matcher,
    readonly capacity = 10_000,
  ) {}

  get corpus(): FaqCorpus {
    return this.inner.corpus
  }

  entry(faqId: string): FaqEntry | undefined {
    return this.inner.entry(faqId)
  }

  match(utterance: string): MatchResult {
    if (utterance.length > MAX_KEY_LENGTH || this.capacity <= 0) return this.inner.match(utterance)
    const hit = this.#results.get(utterance)
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.#results.delete(utterance)
      this.#results.set(utterance, hit)
      return hit
    }
    const result = deepFreeze(this.inner.match(utterance))
    this.#results.set(utterance, result)
    if (this.#results.size > this.capacity) this.#results.delete(this.#results.keys().next().value as string)
    return result
  }

  get size(): number {
    return this.#results.size
  }
}

// Shared between requests, so nobody may change a cached result.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}
