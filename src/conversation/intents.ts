// Small talk and requests that come before any FAQ search: greetings, thanks, laughter, a lone
// jamo, insults, asking for a person, "처음으로"... The phrases live in data/intents.json (or the
// operator's INTENTS_FILE). An utterance is an intent only when ALL of it is made of intent
// phrases, fillers and laughter: "안녕하세요 ㅎㅎ" is a greeting, "안녕하세요 비밀번호를 잊어버렸어요"
// is a question and goes to the search. Matching is on a key that ignores spacing, punctuation,
// case and repeated letters, so "고마워요~~~", "고 마 워 요" and "고마워요오" need no entries of their own.
import { Type, type Static } from '@sinclair/typebox'
import { readSettingsFile } from '../json-file.js'
import { dataPath } from '../paths.js'
import type { IntentName } from './skill-log.js'

/** When one utterance holds phrases of several intents, the first of these wins ("안녕 상담원" asks for a person). */
export const INTENT_PRIORITY: readonly IntentName[] = [
  'handoff',
  'insult',
  'complaint',
  'menu',
  'thanks',
  'goodbye',
  'greeting',
  'praise',
  'laughter',
  'jamo',
]

const Phrases = Type.Array(Type.String({ minLength: 1 }))
export const IntentsFileSchema = Type.Object(
  {
    $comment: Type.Optional(Type.String()),
    /** Words that may surround a phrase without changing its meaning ("진짜", "너무", "주세요"). */
    fillers: Type.Optional(Phrases),
    /** Characters an utterance of only laughter or crying is made of ("ㅋㅎㅠㅜ하크..."). */
    laughterCharacters: Type.Optional(Type.String()),
    intents: Type.Object(Object.fromEntries(INTENT_PRIORITY.map((name) => [name, Type.Optional(Phrases)])), { additionalProperties: false }),
  },
  { additionalProperties: false }
)
export type IntentsFile = Static<typeof IntentsFileSchema>

export const DEFAULT_INTENTS_FILE = dataPath('intents.json')

/** Longer keys are sentences, never small talk; the cut also bounds the segmentation's cost. */
const MAX_KEY = 40

// Emoji, their joiners and modifiers, and the emoticon punctuation people type for a face (^^ ;; :) T_T).
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|[\u{1F3FB}-\u{1F3FF}]|\u200d|\ufe0f|\u20e3/gu
const HAS_EMOJI = new RegExp(EMOJI.source, 'u')
const FACE = /\^|;|:\)|:d|:\(|t_t|ㅜㅜ|ㅠㅠ|^\s*[♡♥]+\s*$/u
// "/ask ㅋㅋㅋ": a chat command prefix from bots the user knows elsewhere carries no meaning here.
const COMMAND = /^\s*\/[a-z]+\s+/u
const NOT_LETTERS = /[^\p{L}\p{N}]/gu
const JAMO = /^[\u3131-\u318e]+$/u
const LATIN_LETTER = /^[a-z]$/u

/**
 * The text intents are matched on: NFC, lower case, no command prefix, only letters and digits,
 * each run of one repeated character kept once ("ㅋㅋㅋㅋ" → "ㅋ", "고마워요요" → "고마워요").
 */
export function intentKey (text: string): string {
  if (!NOT_SIMPLE.test(text)) return simpleKey(text.toLowerCase().replace(COMMAND, ''))
  const letters = text.normalize('NFC').toLowerCase().replace(COMMAND, '').replace(NOT_LETTERS, '')
  return letters.replace(/(.)\1+/gu, '$1')
}

/** Anything but ASCII and precomposed Hangul syllables: most chat has none. */
const NOT_SIMPLE = /[^\x00-\x7f\uac00-\ud7a3]/

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isSyllable = (c: number) => c >= 0xac00 && c <= 0xd7a3

/**
 * intentKey's last two steps in one pass, for text of ASCII and Hangul syllables only (every
 * typed utterance goes through this, and the two /u regexes cost most of small-talk detection):
 * there NFC changes nothing, the letters and digits are A-Z, a-z, 0-9 and the syllables, and a
 * run of one repeated character is kept once.
 */
function simpleKey (text: string): string {
  let out = ''
  let prev = -1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === prev || !(isAsciiAlnum(c) || isSyllable(c))) continue
    out += text[i]
    prev = c
  }
  return out
}

export class Intents {
  readonly #phrases = new Map<string, IntentName>()
  readonly #fillers = new Set<string>()
  readonly #laughter: Set<string>
  /** The lengths a piece can have (of a phrase or filler; 1 for a laughter jamo), ascending. */
  readonly #lengths: number[]

  constructor (file: IntentsFile, extraMenuPhrases: string[] = []) {
    for (const name of INTENT_PRIORITY) {
      const phrases = [...(file.intents[name] ?? []), ...(name === 'menu' ? extraMenuPhrases : [])]
      for (const phrase of phrases) {
        const key = intentKey(phrase)
        // "하하" collapses to "하", which would then match inside "너무하네"; repeated laughter is
        // recognized as such (isLaughter) without the phrase.
        const collapsedToOneSyllable = key.length === 1 && !JAMO.test(key) && phrase.replace(NOT_LETTERS, '').length > 1
        if (!key || collapsedToOneSyllable) continue
        // A phrase listed under two intents belongs to the one that wins anyway.
        const had = this.#phrases.get(key)
        if (!had || INTENT_PRIORITY.indexOf(name) < INTENT_PRIORITY.indexOf(had)) this.#phrases.set(key, name)
      }
    }
    for (const filler of file.fillers ?? []) {
      const key = intentKey(filler)
      if (key) this.#fillers.add(key)
    }
    this.#laughter = new Set(Array.from(file.laughterCharacters ?? 'ㅋㅎㅠㅜ'))
    const lengths = new Set([1])
    for (const key of [...this.#phrases.keys(), ...this.#fillers]) lengths.add(key.length)
    this.#lengths = [...lengths].sort((a, b) => a - b)
  }

  /** The intent `utterance` is, or undefined when it is (or holds) something to search for. */
  classify (utterance: string): IntentName | undefined {
    const text = utterance.normalize('NFC').toLowerCase().replace(COMMAND, '')
    const key = intentKey(text)
    if (!key) {
      // Nothing but emoji, emoticons or punctuation: a face is laughter, "?" or "..." is like a lone jamo.
      if (!text.trim()) return undefined
      return HAS_EMOJI.test(text) || FACE.test(text) ? 'laughter' : 'jamo'
    }
    if (key.length > MAX_KEY) return undefined
    const phrased = this.#segment(key)
    if (phrased) return phrased
    if (this.#mayBeLaughter(text) && this.#isLaughter(text.replace(EMOJI, '').replace(NOT_LETTERS, ''))) return 'laughter'
    if (JAMO.test(key) || LATIN_LETTER.test(key)) return 'jamo'
    return undefined
  }

  /**
   * Cover the whole key with phrases, fillers and laughter characters (fewest pieces first); the
   * intent is the highest-priority phrase among them. Undefined when any part is something else,
   * or when there is no phrase at all (fillers alone say nothing).
   */
  #segment (key: string): IntentName | undefined {
    const n = key.length
    // best[i]: the fewest pieces covering key[0, i) and the intents they name.
    const best: Array<{ pieces: number; intents: IntentName[] } | undefined> = [{ pieces: 0, intents: [] }]
    for (let i = 0; i < n; i++) {
      const here = best[i]
      if (!here) continue
      // Only lengths some piece has: every typed utterance is segmented before it is searched.
      for (const len of this.#lengths) {
        if (len > n - i) break
        const piece = key.slice(i, i + len)
        const intent = this.#phrases.get(piece)
        // A lone laughter jamo may trail a phrase ("안녕ㅎ"); a syllable such as 하 may not ("너무하네").
        const filler = !intent && (this.#fillers.has(piece) || (len === 1 && JAMO.test(piece) && this.#laughter.has(piece)))
        if (!intent && !filler) continue
        const next = { pieces: here.pieces + 1, intents: intent ? [...here.intents, intent] : here.intents }
        const at = best[i + len]
        if (!at || next.pieces < at.pieces) best[i + len] = next
      }
    }
    const found = best[n]?.intents
    if (!found?.length) return undefined
    return INTENT_PRIORITY.find((name) => found.includes(name))
  }

  /**
   * Whether `text` may be laughter once emoji and everything but letters and digits are gone:
   * not when it holds an ASCII letter or digit or a Hangul syllable that is no laughter character
   * (those survive both removals). Nearly every question fails here, before the two /u regexes.
   */
  #mayBeLaughter (text: string): boolean {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if ((isAsciiAlnum(c) || isSyllable(c)) && !this.#laughter.has(text[i]!)) return false
    }
    return true
  }

  /** Only laughter or crying characters, at least two of them ("ㅎㅎ", "하하", "ㅠㅠ", "크크킄"). */
  #isLaughter (letters: string): boolean {
    const chars = Array.from(letters)
    return chars.length >= 2 && chars.every((c) => this.#laughter.has(c))
  }
}

/** Read and check an intents file; the error names the file and the bad field. */
export function loadIntents (file: string = DEFAULT_INTENTS_FILE, extraMenuPhrases: string[] = []): Intents {
  const raw = readSettingsFile('INTENTS_FILE', file, IntentsFileSchema)
  return new Intents(raw as IntentsFile, extraMenuPhrases)
}
