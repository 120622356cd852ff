// The serving corpus snapshot as a decorator (`app.faq`). The store itself is src/faq/store.ts.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { FaqStore } from '../faq/store.js'
import type { Config } from '../config.js'

// Re-exported: tests and scripts import the store from here.
export { FaqStore, type FaqSnapshot } from '../faq/store.js'

declare module 'fastify' {
  interface FastifyInstance {
    faq: FaqStore
  }
}

export default fp(
  async function faqStore (app: FastifyInstance, opts: { config: Config, store?: FaqStore }) {
    const store = opts.store ?? (await FaqStore.open(opts.config))
    app.decorate('faq', store)
    const { file, corpus, version, index } = store.current
    app.log.info({ file, entries: corpus.entries.length, version, index }, 'corpus loaded')
  },
  { name: 'faq-store' }
)
