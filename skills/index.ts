// The skills this server offers, in one list: the app registers them from it, the playground
// offers them (with the block a request to each comes from), and replay and the fuzz test send
// to them. A new skill is one file here and one line below.
import type { FastifyPluginAsync } from 'fastify'
import browse from './browse.js'
import faq from './faq.js'
import welcome from './welcome.js'

export interface Skill {
  /** The route config's `skill` and the log's `skill`. */
  name: string
  path: `/skills/${string}`
  plugin: FastifyPluginAsync
  /** The OpenBuilder block that typically calls it (the playground sends requests as if from there). */
  block: { id: string; name: string }
}

export const SKILLS: readonly Skill[] = [
  { name: 'faq', path: '/skills/faq', plugin: faq, block: { id: 'playground-fallback', name: '폴백 블록' } },
  { name: 'browse', path: '/skills/browse', plugin: browse, block: { id: 'playground-browse', name: '자주 묻는 질문' } },
  { name: 'welcome', path: '/skills/welcome', plugin: welcome, block: { id: 'playground-welcome', name: '웰컴 블록' } },
]
