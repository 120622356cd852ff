// What may reach the logs: a salted hash of the botUserKey (never the key), and utterances with
// phone numbers, e-mail addresses and resident registration numbers masked.
import { createHash } from 'node:crypto'

export function hashUserKey(key: string | undefined, salt: string): string | undefined {
  if (!key) return undefined
  return createHash('sha256').update(salt).update('\0').update(key).digest('hex').slice(0, 16)
}

const PATTERNS: Array<[RegExp, string]> = [
  // e-mail. The lookbehind anchors the match at the start of a run: without it a long run of
  // letters or digits with no "@" costs quadratic time (20k Hangul syllables took 13 s).
  [/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[A-Za-z]{2,}/gu, '[email]'],
  // resident registration number (주민등록번호): YYMMDD-[1-8]XXXXXX, dash or space optional
  [/(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?-?\s?[1-8]\d{6}(?!\d)/g, '[rrn]'],
  // phone numbers: mobile 01X, Seoul 02, regional 0XX, +82 forms, 15XX/16XX/18XX service numbers
  [/(?<![\d])(?:\+?82[-.\s]?)?0?1[016789][-.\s]?\d{3,4}[-.\s]?\d{4}(?!\d)/g, '[phone]'],
  [/(?<![\d])0(?:2|[3-6][1-5])[-.\s)]?\d{3,4}[-.\s]?\d{4}(?!\d)/g, '[phone]'],
  [/(?<![\d])1[5-9]\d{2}[-.\s]?\d{4}(?!\d)/g, '[phone]'],
]

export function maskPii(text: string): string {
  let out = text
  for (const [re, label] of PATTERNS) out = out.replace(re, label)
  return out
}

/** Mask and shorten an utterance for a log line. */
export function logUtterance(text: string, max = 200): string {
  // Mask only the head that can reach the log (with room for a number or address straddling
  // the cut): a hostile 60 KB utterance must not cost more than a normal one.
  const head = Array.from(text.slice(0, 4 * max)).slice(0, max + 64).join('')
  const cps = Array.from(maskPii(head))
  return cps.length > max || head.length < text.length ? cps.slice(0, max).join('') + '…' : cps.join('')
}
