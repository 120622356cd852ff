// The general Korean chat lexicon shipped in data/lexicon.json: abbreviations, slang, spelling
// variants and loanword/native pairs that mean the same in practically any domain (비번 = 비밀번호,
// 어플 = 애플리케이션), plus one-way entries from the words customers use to the help-centre term
// (돌려받다 → 환불, 잃어버리다 → 분실). The operator's SYNONYMS_FILE adds to it and wins on conflict; it may
// hold the same sections (loadOperatorLexicon, mergeLexicons).
//
// File format: the synonym file's shape, so loadSynonyms reads the equivalences of a lexicon file
// as they are: { "canonical": ["variant", ...], ... }, keys starting with "_" are not groups.
//   "_oneWay": { "help-centre term": ["customer word", ...] }  applied to utterances only; a
//              customer word may lead to several terms (바꾸 → 변경, 교환).
//   "_fillers": ["크크", ...]  chat words that carry no content (laughter, interjections).
//   "_services": [["배달의민족", "배민"], ...]  spellings of well-known services of other companies:
//              an utterance naming one the corpus never mentions asks about that service, not this
//              one (the matcher's `foreign` feature).
// Forms are matched after normalize() like the synonyms: Hangul forms anywhere in the text, Latin
// forms as whole words. Spellings normalize() already folds (되요/돼요, 패널티/페널티) are not listed.
import { readFile } from 'node:fs/promises'
import { dataPath } from '../paths.js'
import { normalize } from './text.js'
import { Synonyms, parseSynonyms, readSynonymFile, type SynonymDict } from './synonyms.js'

export const DEFAULT_LEXICON_FILE = dataPath('lexicon.json')

export interface Lexicon {
  /** Equivalences, canonical → variants (the SYNONYMS_FILE shape): rewrite corpus and utterances. */
  synonyms: SynonymDict
  /** One-way, help-centre term → customer words: for utterances only (see Expansions). */
  oneWay: SynonymDict
  /** Normalized chat words with no content. */
  fillers: string[]
  /** Groups of normalized spellings of other companies' services (one group per service). */
  services: string[][]
}

export function parseLexicon (json: unknown, source = 'lexicon'): Lexicon {
  const synonyms = parseSynonyms(json, source)
  const raw = json as Record<string, unknown>
  const oneWay = raw._oneWay === undefined ? {} : parseSynonyms(raw._oneWay, `${source} _oneWay`)
  const fillers = raw._fillers ?? []
  if (!Array.isArray(fillers) || !fillers.every((x) => typeof x === 'string')) throw new Error(`${source}: "_fillers" must be an array of strings`)
  const services = raw._services ?? []
  if (!Array.isArray(services) || !services.every((g) => Array.isArray(g) && g.every((x) => typeof x === 'string'))) {
    throw new Error(`${source}: "_services" must be an array of arrays of strings`)
  }
  return {
    synonyms,
    oneWay,
    fillers: [...new Set(fillers.map((f) => normalize(f)).filter(Boolean))],
    services: services.map((g: string[]) => g.map((f) => normalize(f)).filter(Boolean)).filter((g) => g.length),
  }
}

/**
 * Chat stretches a word by repeating a letter: "크크크크크", "네네네네", "sooooo". A run of three or
 * more identical Hangul syllables or Latin letters becomes two, so that fillers and repeated words
 * compare equal however long the run; digits are never touched (1000, 2222). Runs of jamo
 * (ㅋㅋㅋ, ㅠㅠ), "~~" and emoticons are already gone after normalize().
 */
export function squeezeRepeats (normalized: string): string {
  // Every utterance comes through here and nearly none has a run of three: look for one first.
  if (!hasRunOfThree(normalized)) return normalized
  return normalized.replace(/([\uAC00-\uD7A3a-z])\1{2,}/g, '$1$1')
}

/** Whether some character occurs three times in a row (a superset of what squeezeRepeats rewrites). */
function hasRunOfThree (text: string): boolean {
  for (let i = 2; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === text.charCodeAt(i - 1) && c === text.charCodeAt(i - 2)) return true
  }
  return false
}

/** The shipped lexicon (or another file in the same format). A missing file is an error: it ships with the code. */
export async function loadLexicon (file: string = DEFAULT_LEXICON_FILE): Promise<Lexicon> {
  return parseLexicon(JSON.parse(await readFile(file, 'utf8')), file)
}

/**
 * The operator's SYNONYMS_FILE read as a lexicon: its groups, and the sections a lexicon has
 * (`_oneWay`, `_fillers`, `_services`: a bank adds other banks, a shop its competitors). A missing
 * file is no synonyms (the default path need not exist).
 */
export async function loadOperatorLexicon (file: string | undefined): Promise<Lexicon> {
  const json = await readSynonymFile(file)
  return parseLexicon(json ?? {}, file)
}

/** The operator's lexicon over the shipped one: synonyms merged (mergeSynonyms, the operator first), the other sections added to. */
export function mergeLexicons (operator: Lexicon, shipped: Lexicon): Lexicon {
  const oneWay: SynonymDict = { ...shipped.oneWay }
  for (const [term, words] of Object.entries(operator.oneWay)) oneWay[term] = [...new Set([...(oneWay[term] ?? []), ...words])]
  return {
    synonyms: mergeSynonyms(operator.synonyms, shipped.synonyms),
    oneWay,
    fillers: [...new Set([...shipped.fillers, ...operator.fillers])],
    services: [...shipped.services, ...operator.services],
  }
}

/**
 * One synonym dictionary from several, the first winning: `mergeSynonyms(operator, lexicon.synonyms)`.
 * The first dictionary's groups are kept exactly as they are. A later group whose canonical form is
 * already a form of an earlier group joins that group (the operator's 휴대폰 group gets the lexicon's
 * 휴대폰 variants; the lexicon's 컴퓨터 group joins the operator's pc group, which lists 컴퓨터). Any
 * other later group is added as its own group. Either way a form that already belongs to a group
 * stays there: a shared variant never pulls two meanings together (the operator's block → 블록 keeps
 * a lexicon 차단 group from taking "block"), and no form gets two rewrites. Forms compare normalized.
 */
export function mergeSynonyms (first: SynonymDict, ...rest: SynonymDict[]): SynonymDict {
  const out: SynonymDict = {}
  /** normalized form → the canonical (key of `out`) whose group holds it */
  const owner = new Map<string, string>()
  const claim = (canonical: string, form: string) => {
    const key = normalize(form)
    if (!key || owner.has(key)) return false
    owner.set(key, canonical)
    return true
  }
  for (const [canonical, variants] of Object.entries(first)) {
    out[canonical] = [...(out[canonical] ?? []), ...variants]
    claim(canonical, canonical)
    for (const v of variants) claim(canonical, v)
  }
  for (const dict of rest) {
    for (const [canonical, variants] of Object.entries(dict)) {
      const target = owner.get(normalize(canonical)) ?? canonical
      claim(target, canonical)
      const list = out[target] ?? []
      for (const f of [canonical, ...variants]) if (f !== target && claim(target, f)) list.push(f)
      if (list.length || out[target]) out[target] = list
    }
  }
  return out
}

/**
 * The one-way entries, applied to a normalized and rewritten utterance: each help-centre term whose
 * customer word occurs is appended once, the customer's own words are kept ("돈 돌려받고 싶어요" →
 * "... 환불"). Appending, not replacing, keeps the utterance's own bigrams; the matcher analyzes each
 * of `added` on its own, so no bigram spans a joint. Terms are passed through `synonyms` so they are
 * spelled as the rewritten corpus is.
 */
export class Expansions {
  /** normalized customer word → the terms it adds */
  readonly #terms = new Map<string, string[]>()
  /** Customer words by first character, longest first: one pass over the text, as in Synonyms. */
  readonly #byFirst = new Map<string, string[]>()
  /**
   * Whether any customer word starts with this UTF-16 code. Most characters of an utterance start
   * none, and looking each one up in #byFirst made a one-character string per character (every
   * typed utterance comes through here).
   */
  readonly #starts = new Uint8Array(65536)

  constructor (oneWay: SynonymDict, synonyms: Synonyms = new Synonyms()) {
    for (const [term, customerWords] of Object.entries(oneWay)) {
      if (term.startsWith('_')) continue
      const to = synonyms.apply(normalize(term)).text
      if (!to) continue
      for (const w of customerWords) {
        const key = normalize(w)
        if (!key || key === to) continue
        const list = this.#terms.get(key) ?? []
        if (!list.includes(to)) list.push(to)
        this.#terms.set(key, list)
      }
    }
    for (const k of [...this.#terms.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
      const list = this.#byFirst.get(k[0]!) ?? []
      list.push(k)
      this.#byFirst.set(k[0]!, list)
      this.#starts[k.charCodeAt(0)] = 1
    }
  }

  /** Number of customer words known. */
  get size (): number {
    return this.#terms.size
  }

  apply (normalized: string): { text: string; added: string[] } {
    const added: string[] = []
    for (let i = 0; i < normalized.length; i++) {
      if (!this.#starts[normalized.charCodeAt(i)]) continue
      const key = this.#byFirst.get(normalized[i]!)?.find((k) => normalized.startsWith(k, i) && (!LATIN.test(k) || wholeWord(normalized, i, k.length)))
      if (key === undefined) continue
      for (const term of this.#terms.get(key)!) {
        if (!added.includes(term) && !normalized.includes(term)) added.push(term)
      }
      i += key.length - 1
    }
    return { text: added.length ? `${normalized} ${added.join(' ')}` : normalized, added }
  }
}

const LATIN = /[a-z0-9]/

/** Latin/digit words only match whole, as in Synonyms ("pc" must not fire inside "npc"). */
function wholeWord (text: string, start: number, length: number): boolean {
  return !LATIN.test(text[start - 1] ?? ' ') && !LATIN.test(text[start + length] ?? ' ')
}
