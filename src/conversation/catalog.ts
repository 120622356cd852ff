// The corpus seen as a menu: top categories, the questions under each, related questions.
// Built once per corpus object (a reload brings a new corpus and so a new catalog).
import type { FaqCorpus, FaqEntry } from '../faq/schema.js'
import type { Candidate } from '../match/types.js'

export interface CategorySummary {
  /** Top-level category name (category[0]). */
  name: string
  count: number
}

/** Separator for category paths in extra and in list descriptions. */
export const PATH_SEPARATOR = ' > '

const splitPath = (path: string) =>
  path
    .split('>')
    .map((s) => s.trim())
    .filter(Boolean)

export class Catalog {
  readonly #byId = new Map<string, FaqEntry>()
  readonly #categories: CategorySummary[]

  constructor (readonly corpus: FaqCorpus) {
    const counts = new Map<string, number>()
    for (const e of corpus.entries) {
      this.#byId.set(e.id, e)
      const top = e.category[0]
      if (top) counts.set(top, (counts.get(top) ?? 0) + 1)
    }
    // Largest first; Array.prototype.sort is stable, so ties keep corpus order.
    this.#categories = [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count)
  }

  /** Top-level categories, largest first. */
  topCategories (): CategorySummary[] {
    return this.#categories
  }

  entry (faqId: string): FaqEntry | undefined {
    return this.#byId.get(faqId)
  }

  /**
   * Entries under a category path ("카카오톡" or "카카오톡 > 오픈채팅"), in corpus order.
   * Returns undefined when no entry is filed there.
   */
  entriesIn (category: string): FaqEntry[] | undefined {
    const path = splitPath(category)
    if (path.length === 0) return undefined
    const found = this.corpus.entries.filter((e) => path.every((p, i) => e.category[i] === p))
    return found.length ? found : undefined
  }

  /** The first question of each top category: a reasonable "most asked" list without traffic data. */
  popular (n: number): FaqEntry[] {
    const out: FaqEntry[] = []
    for (const c of this.#categories) {
      const first = this.corpus.entries.find((e) => e.category[0] === c.name)
      if (first) out.push(first)
      if (out.length >= n) break
    }
    return out
  }

  /**
   * Up to `n` questions to offer after an answer: first entries filed under the same (deepest)
   * category, which an editor put together on purpose; then the matcher's next candidates (what
   * the user may have meant); then the rest of the broader category.
   */
  related (entry: FaqEntry, candidates: Candidate[], n: number): FaqEntry[] {
    const out: FaqEntry[] = []
    const seen = new Set([entry.id])
    const seenQuestions = new Set([entry.question])
    const add = (e: FaqEntry | undefined) => {
      if (!e || out.length >= n || seen.has(e.id) || seenQuestions.has(e.question)) return
      seen.add(e.id)
      seenQuestions.add(e.question)
      out.push(e)
    }
    const under = (depth: number) => {
      const prefix = entry.category.slice(0, depth)
      for (const e of this.corpus.entries) if (prefix.every((p, i) => e.category[i] === p)) add(e)
    }
    const depth = entry.category.length
    if (depth > 0) under(depth)
    for (const c of candidates) add(this.#byId.get(c.faqId))
    for (let d = depth - 1; d >= 1 && out.length < n; d--) under(d)
    return out
  }
}

const catalogs = new WeakMap<FaqCorpus, Catalog>()

export function catalogOf (corpus: FaqCorpus): Catalog {
  let c = catalogs.get(corpus)
  if (!c) catalogs.set(corpus, (c = new Catalog(corpus)))
  return c
}
