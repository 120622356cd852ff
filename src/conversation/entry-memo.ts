// What is derived from an entry and reused across replies (its answer's layout, its answer card
// and bubbles, its chip), kept per corpus and bounded: a 100k-entry corpus answered across the
// board must not keep a reply's worth of bytes for every entry. Cleared whole when full, which
// keeps it O(1) without LRU bookkeeping; the most asked entries are derived again right after.
// Keyed by the corpus object, so a reload's corpus starts afresh and the old one's go with it.
import type { FaqCorpus, FaqEntry } from '../faq/schema.js'

export class EntryMemo<V> {
  readonly #byCorpus = new WeakMap<FaqCorpus, Map<FaqEntry, V>>()

  constructor (readonly capacity = 2000) {}

  get (corpus: FaqCorpus, entry: FaqEntry): V | undefined {
    return this.#byCorpus.get(corpus)?.get(entry)
  }

  set (corpus: FaqCorpus, entry: FaqEntry, value: V): V {
    let map = this.#byCorpus.get(corpus)
    if (!map) this.#byCorpus.set(corpus, (map = new Map()))
    if (map.size >= this.capacity) map.clear()
    map.set(entry, value)
    return value
  }
}
