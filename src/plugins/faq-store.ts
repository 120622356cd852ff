// The loaded corpus and its matcher, as one swappable snapshot. Requests read `app.faq.current`
// once and keep that snapshot, so a reload never changes the ground under a request in flight.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { loadCorpusFile } from '../faq/load.js'
import { createMatcher, type Matcher } from '../match/index.js'
import { thresholdsOf } from '../config.js'
import type { Config } from '../config.js'

export interface FaqSnapshot {
  matcher: Matcher
  /** Content hash of the corpus file. */
  version: string
  entries: number
  loadedAt: string
  file: string
}

type StoreConfig = Pick<Config, 'FAQ_FILE' | 'SYNONYMS_FILE' | 'MATCH_ANSWER_MIN' | 'MATCH_MARGIN_MIN' | 'MATCH_CHOICES_MIN' | 'MATCH_MIN_TERMS'>

export class FaqStore {
  #current: FaqSnapshot
  #running: Promise<FaqSnapshot> | undefined
  #queued: Promise<FaqSnapshot> | undefined

  private constructor(
    private readonly config: StoreConfig | undefined,
    first: FaqSnapshot,
  ) {
    this.#current = first
  }

  /** A store around a ready-made matcher (tests, benchmarks); it has no file to reload. */
  static fromMatcher(matcher: Matcher, version = 'memory'): FaqStore {
    return new FaqStore(undefined, {
      matcher,
      version,
      entries: matcher.corpus.entries.length,
      loadedAt: new Date().toISOString(),
      file: '<memory>',
    })
  }

  static async open(config: StoreConfig): Promise<FaqStore> {
    return new FaqStore(config, await FaqStore.build(config))
  }

  private static async build(config: StoreConfig): Promise<FaqSnapshot> {
    const loaded = await loadCorpusFile(config.FAQ_FILE)
    const matcher = await createMatcher(loaded.corpus, { synonymsFile: config.SYNONYMS_FILE, thresholds: thresholdsOf(config) })
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

  /**
   * Build a new snapshot off to the side; swap only when it is complete. Throws (and keeps the old
   * one) on error. Calls that arrive while a reload runs coalesce into one more reload after it
   * (the file may have changed after the running one read it), so a burst of SIGHUPs costs at
   * most two builds and never two at once.
   */
  reload(): Promise<FaqSnapshot> {
    if (!this.#running) {
      this.#running = this.#build().finally(() => {
        this.#running = undefined
      })
      return this.#running
    }
    this.#queued ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined
        return this.reload()
      })
    return this.#queued
  }

  async #build(): Promise<FaqSnapshot> {
    if (!this.config) throw new Error('this corpus was not loaded from a file and cannot be reloaded')
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
