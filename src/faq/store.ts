// The loaded corpus and its matcher, as one swappable snapshot. Requests read `app.faq.current`
// once and keep that snapshot, so a reload never changes the ground under a request in flight.
//
// A reload never stalls the requests served meanwhile: the corpus (and its prebuilt index, if one
// matches) is read, parsed and validated in a worker thread and handed over in chunks, and the
// matcher is built cooperatively (`sliceMs`), so the old snapshot keeps answering until the swap.
import type { FaqCorpus } from './schema.js'
import { indexFileFor } from './index-snapshot.js'
import { readSources, readSourcesOffThread, type SourceRequest, type Sources } from './sources.js'
import { createMatcher, pacer, restoreMatcher, snapshotMatcher, type Matcher, type MatcherOptions } from '../match/index.js'
import { thresholdsOf, type Config } from '../config.js'
import { buildCatalog, catalogOf } from '../conversation/catalog.js'

export interface FaqSnapshot {
  corpus: FaqCorpus
  matcher: Matcher
  /** Content hash of the corpus file (12 hex digits). */
  version: string
  loadedAt: string
  file: string
  /** How the matcher was made: restored from the prebuilt index, or built (and why). */
  index: { restored: true } | { restored: false, reason: string }
}

/** How matchers are made; injected so the store can be tested without the real matcher. */
export interface MatcherFactory {
  create(corpus: FaqCorpus, options: MatcherOptions): Promise<Matcher>
  snapshot(matcher: Matcher): Promise<Uint8Array>
  restore(corpus: FaqCorpus, bytes: Uint8Array, options: MatcherOptions): Promise<Matcher>
}

export const defaultMatcherFactory: MatcherFactory = { create: createMatcher, snapshot: snapshotMatcher, restore: restoreMatcher }

export interface StoreOptions {
  file: string
  /** The prebuilt index to try first (default `<file>.index`); null = always build. */
  indexFile?: string | null
  matcher: MatcherOptions
  factory?: MatcherFactory
  /** On reload the matcher build yields to the event loop at least this often (ms). */
  sliceMs?: number
  /** Read the corpus in a worker thread on reload (default true). */
  readOffThread?: boolean
}

export type StoreConfig = Pick<Config, 'FAQ_FILE' | 'SYNONYMS_FILE' | 'MATCH_MODEL_FILE' | 'MATCH_ANSWER_MIN' | 'MATCH_MARGIN_MIN' | 'MATCH_CHOICES_MIN' | 'MATCH_MIN_TERMS'>

/** Reload builds yield at least this often: a few ms keeps every request well under 100 ms. */
export const RELOAD_SLICE_MS = 5

export function storeOptions (config: StoreConfig, factory?: MatcherFactory): StoreOptions {
  return {
    file: config.FAQ_FILE,
    matcher: { synonymsFile: config.SYNONYMS_FILE, modelFile: config.MATCH_MODEL_FILE, thresholds: thresholdsOf(config) },
    factory,
    sliceMs: RELOAD_SLICE_MS,
  }
}

const isStoreOptions = (o: StoreConfig | StoreOptions): o is StoreOptions => 'file' in o

/**
 * Make a snapshot from its sources: restore the matcher from the prebuilt index when it matches,
 * else build it. `cooperative` builds yield every sliceMs (reloads); at start nothing is served
 * yet, so the build runs in one piece.
 */
export async function buildSnapshot (opts: StoreOptions, sources: Sources, cooperative: boolean): Promise<FaqSnapshot> {
  const factory = opts.factory ?? defaultMatcherFactory
  const { loaded, index } = sources
  const matcherOptions: MatcherOptions = cooperative && opts.sliceMs ? { ...opts.matcher, sliceMs: opts.sliceMs } : opts.matcher
  let matcher: Matcher | undefined
  let reason = index.ok ? '' : index.reason
  if (index.ok) {
    try {
      matcher = await factory.restore(loaded.corpus, index.payload, matcherOptions)
    } catch (err) {
      reason = `restore failed: ${(err as Error).message}`
    }
  }
  matcher ??= await factory.create(loaded.corpus, matcherOptions)
  // The menu view of the corpus (categories, related questions) is built here, with the snapshot,
  // not by the first request that needs it after the swap (~100 ms at 100k entries); on a reload
  // a slice at a time, like the matcher.
  if (cooperative && opts.sliceMs) await buildCatalog(loaded.corpus, pacer(opts.sliceMs))
  else catalogOf(loaded.corpus)
  return {
    corpus: loaded.corpus,
    matcher,
    version: loaded.version,
    loadedAt: new Date().toISOString(),
    file: loaded.file,
    index: reason ? { restored: false, reason } : { restored: true },
  }
}

export class FaqStore {
  #current: FaqSnapshot
  #running: Promise<FaqSnapshot> | undefined
  #queued: Promise<FaqSnapshot> | undefined
  readonly #opts: StoreOptions | undefined

  private constructor (opts: StoreOptions | undefined, first: FaqSnapshot) {
    this.#opts = opts
    this.#current = first
  }

  /** A store around a ready-made matcher (tests, benchmarks); it has no file to reload. */
  static fromMatcher (matcher: Matcher, version = 'memory'): FaqStore {
    return new FaqStore(undefined, {
      corpus: matcher.corpus,
      matcher,
      version,
      loadedAt: new Date().toISOString(),
      file: '<memory>',
      index: { restored: false, reason: 'in memory' },
    })
  }

  /** Load the corpus and make the first snapshot; throws when the corpus cannot be loaded. */
  static async open (config: StoreConfig | StoreOptions): Promise<FaqStore> {
    const opts = isStoreOptions(config) ? config : storeOptions(config)
    // Nothing is served yet: reading on this thread is faster and keeps the peak memory lower.
    return new FaqStore(opts, await buildSnapshot(opts, await readSources(sourceRequest(opts)), false))
  }

  get current (): FaqSnapshot {
    return this.#current
  }

  /**
   * Build a new snapshot off to the side; swap only when it is complete. Throws (and keeps the old
   * one) on error. Calls that arrive while a reload runs coalesce into one more reload after it
   * (the file may have changed after the running one read it), so a burst of SIGHUPs costs at
   * most two builds and never two at once.
   */
  reload (): Promise<FaqSnapshot> {
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

  async #build (): Promise<FaqSnapshot> {
    const opts = this.#opts
    if (!opts) throw new Error('this corpus was not loaded from a file and cannot be reloaded')
    const req = sourceRequest(opts)
    const sources = opts.readOffThread === false ? await readSources(req) : await readSourcesOffThread(req)
    const next = await buildSnapshot(opts, sources, true)
    this.#current = next
    return next
  }
}

function sourceRequest (opts: StoreOptions): SourceRequest {
  const indexFile = opts.indexFile === null ? undefined : (opts.indexFile ?? indexFileFor(opts.file))
  return { file: opts.file, indexFile, matcher: opts.matcher }
}
