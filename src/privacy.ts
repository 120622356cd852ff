// What may reach the logs: a salted hash of the botUserKey (never the key), and utterances with
// phone numbers, e-mail addresses and resident registration numbers masked.
import { createHash } from 'node:crypto'

export function hashUserKey(key: string | undefined, salt: string): string | undefined {
  if (!key) return undefined
  return createHash('sha256').update(salt).update('\0').update(key).digest('hex').slice(0, 16)
}

const PATTERNS: Array<[RegExp, string]> = [
  // e-mail
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[A-Za-z]{2,}/gu, '[email]'],
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
  const masked = maskPii(text)
  const cps = Array.from(masked)
  return cps.length > max ? cps.slice(0, max).join('') + '…' : masked
}
