// The loaded corpus and its matcher, as one swappable snapshot. Requests read `app.faq.current`
// once and keep that snapshot, so a reload never changes the ground under a request in flight.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { loadCorpusFile } from '../faq/load.js'
import { createMatcher, type Matcher } from '../match/index.js'
import type { Config } from '../config.js'

export interface FaqSnapshot {
  matcher: Matcher
  /** Content hash of the corpus file. */
  version: string
  entries: number
  loadedAt: string
  file: string
}

export class FaqStore {
  #current: FaqSnapshot

  private constructor(
    private readonly config: Pick<Config, 'FAQ_FILE' | 'SYNONYMS_FILE'> | undefined,
    first: FaqSnapshot,
  ) {
    this.#current = first
  }

  /**
   * A store around an already built matcher (tests inject fakes, benchmarks reuse one). It has no
   * file to read again, so reload() refuses.
   */
  static fromMatcher(matcher: Matcher, info: Partial<Omit<FaqSnapshot, 'matcher'>> = {}): FaqStore {
    return new FaqStore(undefined, {
      matcher,
      version: info.version ?? 'in-memory',
      entries: info.entries ?? matcher.corpus.entries.length,
      loadedAt: info.loadedAt ?? new Date().toISOString(),
      file: info.file ?? '<in-memory>',
    })
  }

  static async open(config: Pick<Config, 'FAQ_FILE' | 'SYNONYMS_FILE'>): Promise<FaqStore> {
    return new FaqStore(config, await FaqStore.build(config))
  }

  private static async build(config: Pick<Config, 'FAQ_FILE' | 'SYNONYMS_FILE'>): Promise<FaqSnapshot> {
    const loaded = await loadCorpusFile(config.FAQ_FILE)
    const matcher = await createMatcher(loaded.corpus, { synonymsFile: config.SYNONYMS_FILE })
    return {
      matcher,
      version: loaded.version,
      entries: loaded.corpus.entries.length,
      loadedAt: new Date().toISOString(),
      file: loaded.file,
    }
  }

  get current(): FaqSnapshot {
    return this.#current
  }

  /** Build a new snapshot off to the side; swap only when it is complete. Throws (and keeps the old one) on error. */
  async reload(): Promise<FaqSnapshot> {
    if (!this.config) throw new Error('This FAQ store was built from a matcher and has no corpus file to reload')
    const next = await FaqStore.build(this.config)
    this.#current = next
    return next
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    faq: FaqStore
  }
}

export default fp(
  async function faqStore(app: FastifyInstance, opts: { config: Config; store?: FaqStore }) {
    const store = opts.store ?? (await FaqStore.open(opts.config))
    app.decorate('faq', store)
    app.log.info({ file: store.current.file, entries: store.current.entries, version: store.current.version }, 'corpus loaded')
  },
  { name: 'faq-store' },
)
