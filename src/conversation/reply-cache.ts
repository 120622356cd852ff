// Encoded replies to typed utterances asked for more than once, per corpus snapshot. A typed utterance's reply depends
// only on the text, the snapshot's matcher and the app's settings, messages and intents, all fixed
// for one app and snapshot, so the JSON can be sent again as it is. Taps (clientExtra) are not cached.
import type { Matcher } from '../match/types.js'
import type { Decision } from './decision.js'
import type { Reply } from './replies/common.js'

export interface CachedReply {
  /** The reply's JSON as sent (EncodedSkillResponse in kakao/builders.ts says why a string). */
  body: string
  /** What was decided; the log line of every request served from the cache is derived from it. */
  decision: Decision
}

/** Utterances longer than this are rarely repeated word for word. */
const MAX_KEY_LENGTH = 200

export class ReplyCache {
  // Keyed by the snapshot's matcher: a reload brings a new matcher and so an empty cache, and the
  // old one goes with the old snapshot.
  readonly #bySnapshot = new WeakMap<Matcher, Map<string, CachedReply>>()
  // Admission on second sight: most typed utterances never come back, and keeping each one's
  // reply (a few KB that outlive many young-generation collections before they are evicted)
  // costs more than it saves. An utterance's reply is kept only when it was asked for before;
  // the first sight costs one short string in this set, cleared whole when full.
  readonly #seen = new WeakMap<Matcher, Set<string>>()

  constructor (readonly capacity = 5_000) {}

  get (matcher: Matcher, utterance: string): CachedReply | undefined {
    const map = this.#bySnapshot.get(matcher)
    const hit = map?.get(utterance)
    if (!map || !hit) return undefined
    map.delete(utterance)
    map.set(utterance, hit)
    return hit
  }

  /** Keep `reply` for `utterance`; returns its body to send (encoded when the reply was built). */
  put (matcher: Matcher, utterance: string, reply: Reply): string {
    const body = reply.body
    if (utterance.length > MAX_KEY_LENGTH || this.capacity <= 0) return body
    let seen = this.#seen.get(matcher)
    if (!seen) this.#seen.set(matcher, (seen = new Set()))
    if (!seen.has(utterance)) {
      if (seen.size >= this.capacity) seen.clear()
      seen.add(utterance)
      return body
    }
    seen.delete(utterance)
    let map = this.#bySnapshot.get(matcher)
    if (!map) this.#bySnapshot.set(matcher, (map = new Map()))
    map.set(utterance, { body, decision: reply.decision })
    if (map.size > this.capacity) map.delete(map.keys().next().value as string)
    return body
  }
}
