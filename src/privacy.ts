// What may reach the logs: a salted hash of the botUserKey (never the key), and utterances with
// phone numbers, e-mail addresses and resident registration numbers masked.
import { createHash } from 'node:crypto'

export function hashUserKey (key: string | undefined, salt: string): string | undefined {
  if (!key) return undefined
  return createHash('sha256').update(salt).update('\0').update(key).digest('hex').slice(0, 16)
}

/**
 * A small memo for the per-request log line: the same users and the same utterances come back
 * again and again, and hashing or masking them each time cost a measurable share of a request.
 * Cleared whole when full, which keeps it O(1) and bounded without LRU bookkeeping.
 */
export class Memo<V> {
  readonly #map = new Map<string, V>()
  constructor (
    readonly compute: (key: string) => V,
    readonly capacity = 10_000,
    /** Longer keys are computed every time: they are rarely repeated and would bloat the memo. */
    readonly maxKeyLength = 256
  ) {}

  get (key: string): V {
    if (key.length > this.maxKeyLength) return this.compute(key)
    let v = this.#map.get(key)
    if (v === undefined) {
      v = this.compute(key)
      if (this.#map.size >= this.capacity) this.#map.clear()
      this.#map.set(key, v)
    }
    return v
  }
}

/** hashUserKey for one salt, memoized. */
export function userKeyHasher (salt: string): (key: string | undefined) => string | undefined {
  const memo = new Memo((key) => hashUserKey(key, salt) as string)
  return (key) => (key ? memo.get(key) : undefined)
}

// Order matters: resident registration numbers before phone numbers (both are digit runs), card
// numbers before both. Every pattern refuses to start or end inside a longer run of digits, so
// dates (2024-01-01), prices and short numbers stay as they are.
const PATTERNS: Array<[RegExp, string]> = [
  // e-mail. The lookbehind anchors the match at the start of a run: without it a long run of
  // letters or digits with no "@" costs quadratic time (20k Hangul syllables took 13 s).
  [/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[A-Za-z]{2,}/gu, '[email]'],
  // payment card: 4-4-4-4 digits (spaces, dashes or none)
  [/(?<!\d)\d{4}([-\s]?)\d{4}\1\d{4}\1\d{4}(?!\d)/g, '[card]'],
  // resident / alien registration number (주민등록번호): YYMMDD-[1-8]XXXXXX, dash or spaces optional
  [/(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*-?\s*[1-8]\d{6}(?!\d)/g, '[rrn]'],
  // mobile: 010-1234-5678, 01012345678, +82 10 1234 5678, +82-010-...
  [/(?<![\d+])(?:\+\s?82[-.\s]?0?|0)1[016789][-.\s]?\d{3,4}[-.\s]?\d{4}(?!\d)/g, '[phone]'],
  // landline and internet phones: 02-123-4567, (031) 123-4567, 070-1234-5678, +82 2 123 4567
  [/(?<![\d+])(?:\+\s?82[-.\s]?\(?0?|\(?0)(?:2|[3-6][1-5]|70|50\d)\)?[-.\s]?\d{3,4}[-.\s]?\d{4}(?!\d)/g, '[phone]'],
  // nationwide service numbers: 1588-1234, 1577 3754
  [/(?<!\d)1[5-9]\d{2}[-.\s]?\d{4}(?!\d)/g, '[phone]'],
]

/** The fewest digits any number pattern above matches (a service number: 1588-1234). */
const MIN_NUMBER_DIGITS = 8

/** Whether `text` holds at least `n` ASCII digits (what \d matches). */
function hasDigits (text: string, n: number): boolean {
  let found = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57 && ++found >= n) return true
  }
  return false
}

export function maskPii (text: string): string {
  // Every utterance is masked (for its log line and the query its chips carry), and most hold
  // neither an "@" nor enough digits for any pattern: skip the six scans then.
  const email = text.includes('@')
  const numbers = hasDigits(text, MIN_NUMBER_DIGITS)
  if (!email && !numbers) return text
  let out = text
  for (const [re, label] of PATTERNS) {
    if (label === '[email]' ? email : numbers) out = out.replace(re, label)
  }
  return out
}

/** Mask and shorten an utterance for a log line. */
export function logUtterance (text: string, max = 200): string {
  if (text.length <= max) {
    // Short enough to need no cut (UTF-16 units are never fewer than code points); masking can
    // lengthen it (an e-mail becomes "[email]"), then the general path below cuts it.
    const masked = maskPii(text)
    if (masked.length <= max) return masked
  }
  // Mask only the head that can reach the log (with room for a number or address straddling
  // the cut): a hostile 60 KB utterance must not cost more than a normal one.
  const head = Array.from(text.slice(0, 4 * max)).slice(0, max + 64).join('')
  const cps = Array.from(maskPii(head))
  return cps.length > max || head.length < text.length ? cps.slice(0, max).join('') + '…' : cps.join('')
}
