// The synonym and slang dictionary (data/synonyms.json). Lexical matching cannot bridge "카톡" and
// "카카오톡" or "비번" and "비밀번호", so the same rewrite runs on the corpus and on every utterance
// before encoding.
//
// File format, operator-editable: { "canonical": ["variant", ...], ... }. Keys starting with "_" are
// comments. A canonical form may hold several words ("해킹 로그인") to expand rather than replace.
import { readFile } from 'node:fs/promises'
import { normalize } from './text.js'

export type SynonymDict = Record<string, string[]>

export interface Applied {
  from: string
  to: string
}

const LATIN = /[a-z0-9]/

export class Synonyms {
  readonly #to = new Map<string, string>()
  /**
   * Keys of 2+ characters by their first two UTF-16 codes (first × 65536 + second: no string made
   * to look them up), longest first; 1-character keys in #singleCodes.
   */
  readonly #byPrefix = new Map<number, string[]>()
  /** The UTF-16 codes of the 1-character keys: tested before making a string of the character. */
  readonly #singleCodes = new Uint8Array(65536)
  /** Whether any key starts with this UTF-16 code: most positions of a text start none. */
  readonly #starts = new Uint8Array(65536)

  constructor (dict: SynonymDict = {}) {
    for (const [canonical, variants] of Object.entries(dict)) {
      if (canonical.startsWith('_') || !Array.isArray(variants)) continue
      const to = normalize(canonical)
      if (!to) continue
      for (const v of variants) {
        const from = typeof v === 'string' ? normalize(v) : ''
        if (from && from !== to && !this.#to.has(from)) this.#to.set(from, to)
      }
    }
    // Canonical forms match themselves, so "휴대폰" is not rewritten again by its variant "폰".
    const keys = new Set<string>(this.#to.keys())
    for (const to of this.#to.values()) if (!to.includes(' ')) keys.add(to)
    // Keys by their first two characters, longest first: one pass over the text, and at each
    // position the longest key wins. (One big regex alternation was the slowest part of indexing
    // 100k entries; lists by first character alone grew long with the lexicon's ~1,000 forms.)
    for (const k of [...keys].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
      this.#starts[k.charCodeAt(0)] = 1
      if (k.length === 1) {
        this.#singleCodes[k.charCodeAt(0)] = 1
        continue
      }
      const prefix = k.charCodeAt(0) * 65536 + k.charCodeAt(1)
      const list = this.#byPrefix.get(prefix) ?? []
      list.push(k)
      this.#byPrefix.set(prefix, list)
    }
  }

  get size (): number {
    return this.#to.size
  }

  /** What the rewrite does, as one stable string (snapshots are tied to it). */
  signature (): string {
    return [...this.#to].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([f, t]) => `${f}\t${t}`).join('\n')
  }

  /** Rewrite normalized text; returns the new text and which rewrites fired. */
  apply (normalized: string): { text: string; applied: Applied[] } {
    const applied: Applied[] = []
    // Every key is a variant in #to or the canonical form of one: no rewrites, no keys.
    if (!this.#to.size) return { text: normalized, applied }
    let out = ''
    let last = 0
    let i = 0
    const n = normalized.length
    while (i < n) {
      const c = normalized.charCodeAt(i)
      if (!this.#starts[c]) {
        i++
        continue
      }
      // Every field of every entry is rewritten at build, and every utterance: plain loops, and a
      // string of the character only when it is a key.
      const keys = i + 1 < n ? this.#byPrefix.get(c * 65536 + normalized.charCodeAt(i + 1)) : undefined
      let key: string | undefined
      if (keys) {
        for (const k of keys) {
          if (normalized.startsWith(k, i) && (!LATIN.test(k) || wholeWord(normalized, i, k.length))) {
            key = k
            break
          }
        }
      }
      if (key === undefined && this.#singleCodes[c]) {
        const ch = normalized[i]!
        if (!LATIN.test(ch) || wholeWord(normalized, i, 1)) key = ch
      }
      if (key === undefined) {
        i++
        continue
      }
      const to = this.#to.get(key)
      if (to !== undefined) {
        applied.push({ from: key, to })
        out += normalized.slice(last, i) + to
        last = i + key.length
      }
      i += key.length
    }
    out += normalized.slice(last)
    return { text: applied.length ? out : normalized, applied }
  }
}

/** Latin/digit keys only match whole ("pc" must not fire inside "npc"). */
function wholeWord (text: string, start: number, length: number): boolean {
  return !LATIN.test(text[start - 1] ?? ' ') && !LATIN.test(text[start + length] ?? ' ')
}

export function parseSynonyms (json: unknown, source = 'synonyms'): SynonymDict {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${source}: expected an object { "canonical": ["variant", ...] }`)
  const dict: SynonymDict = {}
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (k.startsWith('_')) continue
    const list = typeof v === 'string' ? [v] : v
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
      throw new Error(`${source}: "${k}" must map to an array of strings`)
    }
    dict[k] = list as string[]
  }
  return dict
}

/** The operator's dictionary; a missing file or none configured is an empty one. */
export async function loadSynonymDict (file: string | undefined): Promise<SynonymDict> {
  const json = await readSynonymFile(file)
  return json === undefined ? {} : parseSynonyms(json, file)
}

/** The parsed JSON of a synonyms file, or undefined when there is none (no path, or no file there: the default path need not exist). */
export async function readSynonymFile (file: string | undefined): Promise<unknown> {
  if (!file) return undefined
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  return JSON.parse(text)
}

export async function loadSynonyms (file: string | undefined): Promise<Synonyms> {
  return new Synonyms(await loadSynonymDict(file))
}
