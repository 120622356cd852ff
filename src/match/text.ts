// Korean text analysis shared by the index and the query side: normalization, and the Hangul
// bigram terms the FlexSearch encoder emits. Both sides must go through exactly these functions,
// otherwise NFC/NFD or spacing differences silently stop matching.
import { Encoder } from 'flexsearch'

const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/
/** Runs of Hangul syllables, or of Latin letters/digits; everything else separates terms. */
const RUN = /[\uAC00-\uD7A3]+|[a-z0-9]+/g

/**
 * NFC, lowercase, punctuation and symbols folded to spaces, spaces collapsed. Compatibility
 * jamo (ㅋㅋ, ㅠㅠ) carry no content and are dropped. "1:1" becomes "1대1" so it survives as one term.
 */
export function normalize(text: string): string {
  return foldVowels(text.normalize('NFC').replace(/(\d)\s*[:：]\s*(\d)/g, '$1대$2'))
    .toLowerCase()
    .replace(/[\u3131-\u318E\u1100-\u11FF]+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Word lists are written as people spell them and folded like the text they are compared with. */
function folded(words: string[]): ReadonlySet<string> {
  return new Set(words.map((w) => foldVowels(w)))
}

const SYLLABLE_BASE = 0xac00
/** Vowels people confuse when typing (ㅐ/ㅔ, ㅒ/ㅖ, ㅙ/ㅚ/ㅞ), folded to one; vowel index in a syllable. */
const VOWEL_FOLD: Record<number, number> = { 1: 5, 3: 7, 10: 15, 11: 15 }

/**
 * Fold spelling variants that are common typos on both sides: "패널티"/"페널티", "돼"/"되",
 * "률"/"율" (잔존률/잔존율). A syllable keeps its consonants; only the vowel is folded.
 */
function foldVowels(text: string): string {
  return text.replace(FOLDABLE, (ch) => FOLD_TABLE.get(ch) ?? ch)
}

/** Syllables whose vowel folds, and what they fold to (built once; a regex replace is fast). */
const FOLD_TABLE = new Map<string, string>([['률', '율']])
for (let code = SYLLABLE_BASE; code <= 0xd7a3; code++) {
  const v = Math.floor((code - SYLLABLE_BASE) / 28) % 21
  const folded = VOWEL_FOLD[v]
  if (folded !== undefined) FOLD_TABLE.set(String.fromCharCode(code), String.fromCharCode(code + (folded - v) * 28))
}
const FOLDABLE = new RegExp(`[${[...FOLD_TABLE.keys()].join('')}]`, 'g')

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
  '보여', '안나', '나와', '안뜸', '떠요', '뜨는', '라고', '래요', '대요', '던데', '데요',
  '하세', '까요', '을까', '할까', '이있', '가있', '게되', '되는', '된건', '한건', '는건',
  '없어', '어서', '이나', '요즘', '그냥', '제가', '저는', '나는', '내가',
  // two-syllable particles
  '에서', '으로', '에게', '한테', '까지', '부터', '처럼', '보다', '이랑', '하고',
])

/** One-syllable words that carry no topic ("좀", "왜", "안"); other lone syllables become unigram terms. */
const STOP_UNIGRAMS: ReadonlySet<string> = folded([
  '좀', '왜', '꼭', '안', '못', '잘', '다', '또', '더', '그', '이', '저', '내', '제', '뭐', '걍', '것', '거', '수', '등', '및',
  '때', '후', '전', '중', '를', '을', '가', '는', '은', '에', '의', '도', '와', '과', '나', '너', '네', '요', '게', '데', '건',
])

/**
 * Second syllables of bigrams that glue a word to a particle or a verb ending ("방이", "보여",
 * "됐어"): conversational glue rather than topic. Such bigrams count less on both sides. Syllables
 * that end many content nouns (제한, 광고, 정지, 문의, 인기) are left out on purpose.
 */
const LIGHT_SECOND: ReadonlySet<string> = folded([...'란요여어아죠져워와뜸음임함됨돼됐했해할하되된될는은을를이가에서데네니까야래냐줘봐갔왔났있없싶떠며든던다로'])

/** Weight of a term in 0..1: glue bigrams 0.3, everything else 1. */
export function termWeight(term: string): number {
  return term.length === 2 && LIGHT_SECOND.has(term[1]!) && HANGUL_SYLLABLE.test(term[0]!) ? 0.3 : 1
}

export interface Term {
  term: string
  /** True when the bigram spans a space ("오픈 채팅" → "픈채"): weaker evidence, word order varies. */
  cross: boolean
}

/**
 * Terms of already normalized text: Hangul syllable bigrams with spaces removed between Hangul
 * words, Latin/digit runs whole, a lone one-syllable Hangul query as a unigram. Stop bigrams dropped.
 * Duplicates are kept once (the first, within-word occurrence wins).
 */
export function termsOf(normalized: string): Term[] {
  const out = new Map<string, boolean>()
  const add = (term: string, cross: boolean) => {
    if (STOP_BIGRAMS.has(term)) return
    const prev = out.get(term)
    if (prev === undefined || (prev && !cross)) out.set(term, cross)
  }
  let prevRun = ''
  let prevEnd = -2
  for (const m of normalized.matchAll(RUN)) {
    const run = m[0]
    const start = m.index ?? 0
    if (HANGUL_SYLLABLE.test(run[0] ?? '')) {
      // Join with the previous Hangul word when only a space separates them.
      if (prevRun && start === prevEnd + 1) add(prevRun.slice(-1) + run[0], true)
      if (run.length === 1 && !STOP_UNIGRAMS.has(run)) add(run, false)
      for (let i = 0; i + 1 < run.length; i++) add(run.slice(i, i + 2), false)
      prevRun = run
    } else {
      add(run, false)
      prevRun = ''
    }
    prevEnd = start + run.length
  }
  return [...out].map(([term, cross]) => ({ term, cross }))
}

/**
 * The FlexSearch encoder for this project: input is text already normalized and synonym-expanded
 * (see Analyzer), so it only splits on spaces and re-joins the words into bigram terms in finalize.
 */
export function createEncoder(): Encoder {
  const options = {
    normalize: false,
    numeric: false,
    dedupe: false,
    cache: false,
    split: false as const,
    minlength: 1,
    maxlength: Number.MAX_SAFE_INTEGER,
    finalize: (words: string[]) => termsOf(words.join(' ')).map((t) => t.term),
  }
  return new Encoder({ ...options })
}
