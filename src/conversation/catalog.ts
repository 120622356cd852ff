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

/** The entries filed under one category path, and the paths below it. */
interface CategoryNode {
  /** Every entry whose category starts with this node's path, in corpus order. */
  entries: FaqEntry[]
  children: Map<string, CategoryNode>
}

const newNode = (): CategoryNode => ({ entries: [], children: new Map() })

export class Catalog {
  readonly #byId = new Map<string, FaqEntry>()
  #categories: CategorySummary[] = []
  // Answers offer related questions from their category, and menus list a category's entries:
  // with the entries indexed by category path, those cost what the category holds, not a walk
  // over the whole corpus (tens of ms per answer at 100k entries).
  readonly #tree = newNode()

  /** `filed: false` leaves the entries to be filed by buildCatalog, a slice at a time. */
  constructor (readonly corpus: FaqCorpus, filed = true) {
    if (!filed) return
    for (const e of corpus.entries) this.file(e)
    this.summarize()
  }

  /** Files one entry by id and under its category path (the constructor, or buildCatalog, in corpus order). */
  file (e: FaqEntry): void {
    this.#byId.set(e.id, e)
    let node = this.#tree
    for (const name of e.category) {
      let child = node.children.get(name)
      if (!child) node.children.set(name, (child = newNode()))
      child.entries.push(e)
      node = child
    }
  }

  /** Once every entry is filed: the top categories. */
  summarize (): void {
    // Largest first; Array.prototype.sort is stable, so ties keep corpus order (the order in
    // which the top categories first appear, as Map iteration keeps it).
    this.#categories = [...this.#tree.children].filter(([name]) => name).map(([name, n]) => ({ name, count: n.entries.length })).sort((a, b) => b.count - a.count)
  }

  /** The node of a category path; undefined when no entry is filed there. */
  #node (path: readonly string[]): CategoryNode | undefined {
    let node: CategoryNode | undefined = this.#tree
    for (const name of path) {
      node = node.children.get(name)
      if (!node) return undefined
    }
    return node
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
    const found = this.#node(path)?.entries
    // A copy: the caller may keep or change its list; the index must not change with it.
    return found?.length ? found.slice() : undefined
  }

  /** The first question of each top category: a reasonable "most asked" list without traffic data. */
  popular (n: number): FaqEntry[] {
    const out: FaqEntry[] = []
    for (const c of this.#categories) {
      const first = this.#tree.children.get(c.name)?.entries[0]
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
      const entries = this.#node(entry.category.slice(0, depth))?.entries ?? []
      for (let i = 0; i < entries.length && out.length < n; i++) add(entries[i])
    }
    const depth = entry.category.length
    if (depth > 0) under(depth)
    for (const c of candidates) add(this.#byId.get(c.faqId))
    for (let d = depth - 1; d >= 1 && out.length < n; d--) under(d)
    return out
  }
}

const catalogs = new WeakMap<FaqCorpus, Catalog>()

/**
 * The catalog of a corpus, built on first use. The store builds it with each snapshot, so no
 * request pays for it after a reload.
 */
export function catalogOf (corpus: FaqCorpus): Catalog {
  let c = catalogs.get(corpus)
  if (!c) catalogs.set(corpus, (c = new Catalog(corpus)))
  return c
}

/**
 * The catalog of a corpus built a slice of entries at a time, awaiting `pause` between slices (a
 * reload: 100k entries are ~100 ms in one piece on a busy machine, a stall for every request in
 * flight); catalogOf returns it from then on.
 */
export async function buildCatalog (corpus: FaqCorpus, pause: () => Promise<void> | undefined): Promise<Catalog> {
  const known = catalogs.get(corpus)
  if (known) return known
  const c = new Catalog(corpus, false)
  const { entries } = corpus
  for (let i = 0; i < entries.length; i++) {
    if ((i & 1023) === 1023) await pause()
    c.file(entries[i]!)
  }
  c.summarize()
  catalogs.set(corpus, c)
  return c
}
