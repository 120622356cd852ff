// Korean text analysis shared by the index and the query side: normalization, then the terms
// (Hangul bigrams, stems, Latin words) with their kind. Both sides go through exactly these
// functions, otherwise NFC/NFD or spacing differences silently stop matching.
import { SCORING } from './scoring.js'
import { stem } from './hangul.js'

/**
 * NFC, lowercase, punctuation and symbols folded to spaces, spaces collapsed. Compatibility
 * jamo (ㅋㅋ, ㅠㅠ) carry no content and are dropped. "1:1" becomes "1대1" so it survives as one term.
 */
export function normalize (text: string): string {
  if (!/[^\x00-\x39\x3b-\x7f\uac00-\ud7a3]/.test(text)) return normalizeSimple(text)
  // Text of ASCII and precomposed syllables only is already NFC (most of a corpus): skip that pass.
  const nfc = /[^\x00-\x7f\uac00-\ud7a3]/.test(text) ? text.normalize('NFC') : text
  return foldVowels(nfc.includes(':') || nfc.includes('：') ? nfc.replace(/(\d)\s*[:：]\s*(\d)/g, '$1대$2') : nfc)
    .toLowerCase()
    .replace(/(?:[^\p{L}\p{N}]|[\u3131-\u318E\u1100-\u11FF])+/gu, ' ')
    .trim()
}

/**
 * normalize() in one pass for text of ASCII (no colon) and precomposed syllables only, most of a
 * corpus and of chat: there NFC changes nothing, the letters and digits are a-z, A-Z, 0-9 and the
 * syllables, and every other character is punctuation, a symbol or a space, so the same result comes
 * from folding syllables, lowercasing A-Z and collapsing the rest into single spaces, trimmed.
 * (The index build normalizes every field of every entry; the regex chain cost more than analysis.)
 */
function normalizeSimple (text: string): string {
  const to = (foldVowels.table ??= foldTable())
  // Made on first use, like the fold table: hangul.ts calls normalize while this module loads.
  let buf = normalizeSimple.buf
  if (!buf || buf.length < text.length) buf = normalizeSimple.buf = new Uint16Array(Math.max(1024, text.length * 2))
  let n = 0
  let space = false
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    if (c >= 0xac00) c = to[c - 0xac00]!
    else if (c >= 65 && c <= 90) c += 32
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
      space = n > 0
      continue
    }
    if (space) {
      buf[n++] = 32
      space = false
    }
    buf[n++] = c
  }
  let out = ''
  for (let at = 0; at < n; at += 8192) out += String.fromCharCode.apply(null, buf.subarray(at, Math.min(n, at + 8192)) as unknown as number[])
  return out
}
normalizeSimple.buf = undefined as Uint16Array | undefined

/** Word lists are written as people spell them and folded like the text they are compared with. */
function folded (words: string[]): ReadonlySet<string> {
  return new Set(words.map((w) => foldVowels(w)))
}

/**
 * Fold spelling variants that are common typos on both sides: "패널티"/"페널티", "돼"/"되",
 * "률"/"율" (잔존률/잔존율). A syllable keeps its consonants; only the vowel is folded.
 * The table is built on first use: hangul.ts (imported below) normalizes its word lists while this
 * module is still loading, before any module-level constant here exists.
 */
function foldVowels (text: string): string {
  const to = (foldVowels.table ??= foldTable())
  let out: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0xac00 || c > 0xd7a3 || to[c - 0xac00] === c) continue
    // Copy on the first change only: most text has nothing to fold.
    if (out === undefined) out = text.slice(0, i)
    out += String.fromCharCode(to[c - 0xac00]!)
    let j = i + 1
    while (j < text.length && !(text.charCodeAt(j) >= 0xac00 && text.charCodeAt(j) <= 0xd7a3 && to[text.charCodeAt(j) - 0xac00] !== text.charCodeAt(j))) j++
    out += text.slice(i + 1, j)
    i = j - 1
  }
  return out ?? text
}
foldVowels.table = undefined as Uint16Array | undefined

/** For every syllable, the syllable it folds to (itself when its vowel does not fold). */
function foldTable (): Uint16Array {
  const base = 0xac00
  const vowelFold: Record<number, number> = { 1: 5, 3: 7, 10: 15, 11: 15 }
  const table = new Uint16Array(0xd7a3 - base + 1)
  for (let code = base; code <= 0xd7a3; code++) {
    const v = Math.floor((code - base) / 28) % 21
    const f = vowelFold[v]
    table[code - base] = f === undefined ? code : code + (f - v) * 28
  }
  table['률'.charCodeAt(0) - base] = '율'.charCodeAt(0)
  return table
}

/**
 * Bigrams of frequent predicate endings and question words: they occur in nearly every question,
 * give huge posting lists and false matches, so both sides drop them.
 */
export const STOP_BIGRAMS: ReadonlySet<string> = folded([
  '돼요', '되요', '나요', '어요', '아요', '해요', '가요', '세요', '있나', '수있', '없나', '하나', '되나',
  '인가', '은가', '는가', '한가', '건가', '엇인', '무엇', '뭔가', '뭐예', '예요', '에요', '이에', '뭐야', '뭐에',
  '어떻', '떻게', '게하', '어떤', '어디', '디서', '디에', '는지', '은지', '인지', '할수', '있는', '있어',
  '습니', '니다', '합니', '입니', '됩니', '십니', '하는', '하고', '해서', '해야', '하면', '했는', '는데',
  '은데', '인데', '했어', '싶어', '싶은', '고싶', '주세', '알려', '려줘', '려주', '궁금', '금해', '금합',
  // conversational fillers: how/why/possible/please/really, not the topic
  '얼마', '마나', '가능', '혹시', '정말', '진짜', '너무', '계속', '갑자', '방법', '이유', '관련', '대해',
  '자꾸', '해결', '확인', '알고', '싶다', '안되', '안돼', '왜죠', '뭐임', '뭔데', '뭐지', '뭘까', '어케',
  '하죠', '되죠', '해도', '돼도', '같아', '기다', '다려', '갔어', '봐요', '볼수', '수없', '없는', '안보',
  // chat spellings of where / what to do / what (어딨어 = 어디 있어, 어떡해, 머임 = 뭐임)
  '어딨', '딨어', '딨나', '딨음', '딨는', '어떡', '떡해', '떡하', '머임', '머야',
  '보여', '안나', '나와', '안뜸', '떠요', '뜨는', '라고', '래요', '대요', '던데', '데요',
  '하세', '까요', '을까', '할까', '이있', '가있', '게되', '되는', '된건', '한건', '는건',
  '없어', '어서', '이나', '요즘', '그냥', '제가', '저는', '나는', '내가',
  // two-syllable particles
  '에서', '으로', '에게', '한테', '까지', '부터', '처럼', '보다', '이랑', '하고',
  // auxiliary verbs, tense and connective endings the stemmer leaves inside a word (해버렸는데,
  // 봤는데, 하려면, 괜찮나요): how it is said, in any domain, never what it is about
  '괜찮', '찮아', '찮은', '버렸', '해버', '버려', '버린', '봤는', '봤어', '봤다', '했다', '었어', '었는',
  '았어', '았는', '겠어', '겠다', '텐데', '려면', '하려', '라서', '아서', '니까', '으니', '면서', '더니',
  // 받다 as a light verb (환불 받고, 답장 받아): the stemmer keeps two-syllable words whole
  '받고', '받아', '받을', '받는', '받으', '받았',
  // demonstrative adverbs (이렇게, 그렇게, 저런): they point at the conversation, not a topic
  '이렇', '그렇', '저렇', '렇게', '이런', '그런', '저런',
])

/**
 * One-syllable words that carry no topic ("좀", "왜", "안"), and the stems of light verbs that
 * remain of 받고/해요/돼요/보여/줘요/와요 (받, 하, 되, 보, 주, 오, 가, 알, 있, 없, 싶): the
 * action of nearly every question, not its topic. Other lone syllables become stem terms.
 */
const STOP_UNIGRAMS: ReadonlySet<string> = folded([
  '좀', '왜', '꼭', '안', '못', '잘', '다', '또', '더', '그', '이', '저', '내', '제', '뭐', '걍', '것', '거', '수', '등', '및',
  '때', '후', '전', '중', '를', '을', '가', '는', '은', '에', '의', '도', '와', '과', '나', '너', '네', '요', '게', '데', '건',
  '받', '하', '되', '돼', '보', '주', '오', '알', '있', '없', '싶', '해', '봐', '줘', '와', '됨', '함',
  // what is left of question words (뭔가요 → 무)
  '무', '뭔', '뭘', '언', '얼',
])

/** Last syllables of a word that glue it to what follows when the stemmer left them (방이, 보여). */
const LIGHT_SECOND: ReadonlySet<string> = folded([...'란요여어아죠져워와뜸음임함됨돼됐했해할하되된될는은을를이가에서데네니까야래냐줘봐갔왔났있없싶떠며든던다로'])

export type TermKind = keyof typeof SCORING.term

/**
 * Calls `emit(term, kind)` for every term of already normalized (and synonym-rewritten) text:
 * - Hangul bigrams inside a word, spaces removed between words: they absorb spacing, particles and
 *   one-syllable typos. A bigram that reaches past the word's stem into its particle or ending is
 *   `glue`; one wholly inside the ending is dropped; a bigram across a space is `cross`.
 * - the word's stem whole when it is 1 or 3+ syllables, or 2 the word does not begin with (a
 *   2-syllable stem is otherwise already a bigram);
 * - Latin/digit runs whole.
 * Stop bigrams (question endings, fillers) are dropped on both sides. Terms may repeat (tf).
 */
export function analyze (normalized: string, emit: (term: string, kind: TermKind) => void, bigram?: (code: number, kind: TermKind) => void, onWord?: () => void): void {
  // Bigrams go out as numbers when the caller takes them so (the index build: no string per bigram).
  const pair = bigram ?? ((code: number, kind: TermKind) => emit(bigramOf(code), kind))
  let prev = -1
  let i = 0
  const n = normalized.length
  while (i < n) {
    const start = i
    const hangul = isSyllable(normalized.charCodeAt(i))
    while (i < n && (hangul ? isSyllable(normalized.charCodeAt(i)) : isLatin(normalized.charCodeAt(i)))) i++
    if (i === start) {
      // A separator (space) keeps `prev` for a cross-space bigram; anything else breaks it.
      if (normalized.charCodeAt(i) !== 32) prev = -1
      i++
      continue
    }
    const run = normalized.slice(start, i)
    onWord?.()
    if (!hangul) {
      emit(run, 'latin')
      prev = -1
      continue
    }
    if (prev >= 0) {
      const code = prev * SYLLABLES + run.charCodeAt(0) - 0xac00
      if (!stopCodes().has(code)) pair(code, 'cross')
    }
    const s = stemOf(run)
    // A 2-syllable stem is one of the word's bigrams unless the stemmer restored a vowel the ending
    // had contracted (버려요 → 버리, 세웠는데 → 세우): then no bigram of the word says it.
    if ((s.length === 1 && !STOP_UNIGRAMS.has(s)) || s.length >= 3 || (s.length === 2 && !run.startsWith(s))) emit(s, 'stem')
    const last = run.length - 2
    const stops = stopCodes()
    for (let k = 0; k <= last; k++) {
      const code = (run.charCodeAt(k) - 0xac00) * SYLLABLES + run.charCodeAt(k + 1) - 0xac00
      if (stops.has(code)) continue
      if (k + 2 <= s.length) pair(code, k === last && LIGHT_SECOND.has(run[k + 1]!) ? 'glue' : 'bigram')
      else if (k < s.length) pair(code, 'glue')
    }
    prev = run.charCodeAt(run.length - 1) - 0xac00
  }
}

const SYLLABLES = 0xd7a3 - 0xac00 + 1

/** The bigram a code stands for (code = first syllable index × 11,172 + second). */
export function bigramOf (code: number): string {
  return String.fromCharCode(0xac00 + Math.floor(code / SYLLABLES), 0xac00 + (code % SYLLABLES))
}

/** STOP_BIGRAMS as codes, built on first use (hangul.ts imports this module while it loads). */
function stopCodes (): Set<number> {
  if (!stopCodes.set) {
    stopCodes.set = new Set<number>()
    for (const b of STOP_BIGRAMS) {
      if (b.length === 2 && isSyllable(b.charCodeAt(0)) && isSyllable(b.charCodeAt(1))) stopCodes.set.add((b.charCodeAt(0) - 0xac00) * SYLLABLES + b.charCodeAt(1) - 0xac00)
    }
  }
  return stopCodes.set
}
stopCodes.set = undefined as Set<number> | undefined

const isSyllable = (c: number) => c >= 0xac00 && c <= 0xd7a3
const isLatin = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57)

/** The stem of a Hangul word; a word that is all ending keeps itself (하나요 is dropped by stop bigrams). */
function stemOf (word: string): string {
  let s = STEMS.get(word)
  if (s === undefined) {
    s = stem(word) || word
    // A noun + 하다/되다 turned into a noun phrase (주문한거, 취소한건데, 결제된것): the stemmer keeps
    // it whole, so its bigrams 문한/한거 met other entries' 주문한/제한. The noun is the content.
    const m = s.length >= 4 ? NOMINALIZED().exec(s) : null
    if (m && m.index >= 2) s = s.slice(0, m.index)
    if (STEMS.size >= STEM_CACHE) STEMS.clear()
    STEMS.set(word, s)
  }
  return s
}

/** 한/할/된/될/하는/되는/했던/됐던 + 거/것/건/게 at a word end (folded like the text it is matched on). */
function NOMINALIZED (): RegExp {
  return (NOMINALIZED.re ??= new RegExp(`(?:${['한', '할', '된', '될', '하는', '되는', '했던', '됐던'].map((x) => foldVowels(x)).join('|')})(?:${['거', '것', '건', '게'].map((x) => foldVowels(x)).join('|')})$`))
}
NOMINALIZED.re = undefined as RegExp | undefined

/** Stems of words seen, bounded: words repeat across a corpus and in chat, and stem() is the costliest step. */
const STEMS = new Map<string, string>()
const STEM_CACHE = 100_000

/** Terms of normalized text with their strongest kind's weight, each term once (the query side). */
export function queryTerms (normalized: string): Map<string, number> {
  const out = new Map<string, number>()
  analyze(normalized, (term, kind) => {
    const w = SCORING.term[kind]
    if ((out.get(term) ?? 0) < w) out.set(term, w)
  })
  return out
}

/**
 * queryTerms, and for each term a bit per word it comes from (a word past the 31st shares the last
 * bit; a cross-space bigram belongs to no word), and how many words have a term: which of the words
 * a customer typed an entry explains, each word once however many terms it has.
 */
export function queryTermsByWord (normalized: string): { terms: Map<string, number>, wordBits: Map<string, number>, words: number } {
  const terms = new Map<string, number>()
  const wordBits = new Map<string, number>()
  let word = -1
  let counted = -1
  let words = 0
  analyze(normalized, (term, kind) => {
    const w = SCORING.term[kind]
    if ((terms.get(term) ?? 0) < w) terms.set(term, w)
    if (kind === 'cross') return
    wordBits.set(term, (wordBits.get(term) ?? 0) | (1 << Math.min(word, 30)))
    if (counted !== word) {
      counted = word
      words++
    }
  }, undefined, () => { word++ })
  return { terms, wordBits, words }
}

/** Each distinct term of normalized text once, in first-seen order (for tests and explanations). */
export function termsOf (normalized: string): string[] {
  return [...queryTerms(normalized).keys()]
}
