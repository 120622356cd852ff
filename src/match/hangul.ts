// Korean as people type it: Hangul typed on an English keyboard, jamo-level helpers, and (below)
// word-end stemming and a one-jamo typo index. Pure functions and data, no I/O: the matcher decides
// when to use them (for instance, a Latin token is read as Hangul only when the corpus knows the
// Hangul and not the Latin word).

import { normalize } from './text.js'

const SYLLABLE_BASE = 0xac00
const SYLLABLE_LAST = 0xd7a3
const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/

// ---------------------------------------------------------------------------------------------
// Jamo

/** Initial consonants in syllable order. */
const CHOSEONG = [...'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ']
/** Medial vowels in syllable order, compound vowels as the two keys typed for them (ㅘ = ㅗㅏ). */
const JUNGSEONG = ['ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅗㅏ', 'ㅗㅐ', 'ㅗㅣ', 'ㅛ', 'ㅜ', 'ㅜㅓ', 'ㅜㅔ', 'ㅜㅣ', 'ㅠ', 'ㅡ', 'ㅡㅣ', 'ㅣ']
/** Final consonants in syllable order (index 0: none), clusters as their two keys (ㄳ = ㄱㅅ). */
const JONGSEONG = ['', 'ㄱ', 'ㄲ', 'ㄱㅅ', 'ㄴ', 'ㄴㅈ', 'ㄴㅎ', 'ㄷ', 'ㄹ', 'ㄹㄱ', 'ㄹㅁ', 'ㄹㅂ', 'ㄹㅅ', 'ㄹㅌ', 'ㄹㅍ', 'ㄹㅎ', 'ㅁ', 'ㅂ', 'ㅂㅅ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ']

/** Each syllable's keystroke jamo, built once (11,172 short strings): a lookup beats arithmetic + join. */
const SYLLABLE_JAMO: string[] = []
for (let code = SYLLABLE_BASE; code <= SYLLABLE_LAST; code++) {
  const i = code - SYLLABLE_BASE
  SYLLABLE_JAMO.push(CHOSEONG[Math.floor(i / 588)]! + JUNGSEONG[Math.floor(i / 28) % 21]! + JONGSEONG[i % 28]!)
}

/**
 * Hangul syllables as the jamo one types for them, compound vowels and final clusters split into
 * their keys (돼 → ㄷㅗㅐ, 않 → ㅇㅏㄴㅎ); everything else unchanged. The same output as
 * es-hangul's `disassemble` (a test checks every syllable), several times faster, which matters
 * when the typo index disassembles a whole corpus vocabulary.
 */
export function disassemble (text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    out += code >= SYLLABLE_BASE && code <= SYLLABLE_LAST ? SYLLABLE_JAMO[code - SYLLABLE_BASE]! : text[i]!
  }
  return out
}

/** Index of a syllable's final consonant (0 = none), or -1 when `ch` is not a Hangul syllable. */
export function finalOf (ch: string): number {
  const code = ch.charCodeAt(0)
  return code >= SYLLABLE_BASE && code <= SYLLABLE_LAST ? (code - SYLLABLE_BASE) % 28 : -1
}

/** Whether the last syllable of `word` ends in a consonant (받침). */
export function hasFinal (word: string): boolean {
  return finalOf(word.slice(-1)) > 0
}

// ---------------------------------------------------------------------------------------------
// Korean typed on an English keyboard (두벌식, the standard 2-set layout)

/** The jamo each key types; Shift gives the doubled consonants and ㅒ/ㅖ, other capitals are lowercase. */
const KEY_JAMO: Record<string, string> = {
  q: 'ㅂ',
  w: 'ㅈ',
  e: 'ㄷ',
  r: 'ㄱ',
  t: 'ㅅ',
  y: 'ㅛ',
  u: 'ㅕ',
  i: 'ㅑ',
  o: 'ㅐ',
  p: 'ㅔ',
  a: 'ㅁ',
  s: 'ㄴ',
  d: 'ㅇ',
  f: 'ㄹ',
  g: 'ㅎ',
  h: 'ㅗ',
  j: 'ㅓ',
  k: 'ㅏ',
  l: 'ㅣ',
  z: 'ㅋ',
  x: 'ㅌ',
  c: 'ㅊ',
  v: 'ㅍ',
  b: 'ㅠ',
  n: 'ㅜ',
  m: 'ㅡ',
  Q: 'ㅃ',
  W: 'ㅉ',
  E: 'ㄸ',
  R: 'ㄲ',
  T: 'ㅆ',
  O: 'ㅒ',
  P: 'ㅖ',
}
const SIMPLE_VOWELS = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗ   ㅛㅜ   ㅠㅡ ㅣ' // by medial index; blanks are compound vowels
const SIMPLE_FINALS = ' ㄱㄲ ㄴ  ㄷㄹ       ㅁㅂ ㅅㅆㅇㅈㅊㅋㅌㅍㅎ' // by final index; blanks: none or clusters
/** Two vowel keys that make one vowel (ㅗ+ㅏ = ㅘ), as medial indices. */
const COMPOUND_VOWEL: Record<string, number> = { ㅗㅏ: 9, ㅗㅐ: 10, ㅗㅣ: 11, ㅜㅓ: 14, ㅜㅔ: 15, ㅜㅣ: 16, ㅡㅣ: 19 }
/** Two consonant keys that make one final cluster (ㄹ+ㄱ = ㄺ), as final indices. */
const FINAL_CLUSTER: Record<string, number> = { ㄱㅅ: 3, ㄴㅈ: 5, ㄴㅎ: 6, ㄹㄱ: 9, ㄹㅁ: 10, ㄹㅂ: 11, ㄹㅅ: 12, ㄹㅌ: 13, ㄹㅍ: 14, ㄹㅎ: 15, ㅂㅅ: 18 }

/**
 * Latin words that happen to type clean Hangul syllables (wifi → 쟈랴, video → 퍙대, today → 생묘).
 * Written for this project from common English and IT vocabulary; a token in this list is taken
 * as the Latin word. The matcher's corpus check (see qwertyToHangul) catches the rest.
 */
const LATIN_WORDS: ReadonlySet<string> = new Set([
  'wifi', 'video', 'today', 'sorry', 'when', 'they', 'them', 'their', 'sign', 'eight', 'covid',
  'gps', 'sns', 'sms', 'skt', 'sdk', 'dhl', 'ems', 'vip', 'wifi6',
])

/** Hangul words typed with the keyboard left in Latin mode are at most this long. */
const MAX_KEYS = 40

/**
 * Korean typed while the keyboard was in English mode, read back as Hangul: dhvmscoxld → 오픈채팅,
 * qlqjs → 비번, dkssud → 안녕. Shifted keys keep their meaning (dkQk → 아빠); an all-capitals token
 * is read as Caps Lock (DKSSUD → 안녕). Lowercased text has lost Shift (dlTdj → 있어 but
 * dltdj → 잇어): pass the token as typed when you have it.
 *
 * Returns undefined unless the keystrokes are a plausible Hangul word:
 * - letters only, 2..40 keys;
 * - every keystroke lands in a complete syllable, as the standard IME composes them (a consonant
 *   before a vowel starts the next syllable; ㅗ+ㅏ = ㅘ; ㄹ+ㄱ = ㄺ): no stray jamo, so a word
 *   starting with a vowel key is out (kakao → ㅏ마매, email → 드먀ㅣ, ios, pc, app, ok are rejected),
 *   and so are vowel pairs that do not combine and consonant runs that are not a final + initial;
 * - at least two syllables: one-syllable results are mostly acronyms (sk → 나, gps → 헨, sns → 눈);
 * - not one of the few common Latin words listed above that type clean syllables by accident.
 * English words rarely pass: its vowels a, e, i, o, u are ㅁ, ㄷ, ㅑ, ㅐ, ㅕ, which breaks the
 * consonant-vowel pattern. A result is still a guess: the matcher should use it only for a token
 * the corpus vocabulary does not know as Latin, and only when the Hangul is in that vocabulary.
 */
export function qwertyToHangul (token: string): string | undefined {
  if (token.length < 2 || token.length > MAX_KEYS) return undefined
  const keys = token === token.toUpperCase() ? token.toLowerCase() : token
  if (LATIN_WORDS.has(keys.toLowerCase())) return undefined
  const jamo: string[] = []
  for (const k of keys) {
    const j = KEY_JAMO[k] ?? KEY_JAMO[k.toLowerCase()]
    if (j === undefined) return undefined
    jamo.push(j)
  }
  const out = composeSyllables(jamo)
  return out !== undefined && out.length >= 2 ? out : undefined
}

/**
 * The 2-set IME's composition of a keystroke jamo sequence into syllables, or undefined when a
 * jamo would be left standing alone. es-hangul's `convertQwertyToHangul` does the same
 * composition (the tests use it as the oracle) but returns partial results with stray jamo and
 * takes about 18 µs per word; this takes about 1 µs, which matters on the matcher's hot path.
 */
function composeSyllables (jamo: readonly string[]): string | undefined {
  const n = jamo.length
  const vowel = (i: number) => i < n && SIMPLE_VOWELS.includes(jamo[i]!)
  let out = ''
  let i = 0
  while (i < n) {
    const initial = CHOSEONG.indexOf(jamo[i]!)
    if (initial < 0 || !vowel(i + 1)) return undefined
    let medial = SIMPLE_VOWELS.indexOf(jamo[i + 1]!)
    i += 2
    if (vowel(i)) {
      const compound = COMPOUND_VOWEL[jamo[i - 1]! + jamo[i]!]
      if (compound === undefined) return undefined
      medial = compound
      i++
      if (vowel(i)) return undefined
    }
    // Consonants up to the next vowel: the last one before a vowel starts the next syllable.
    let run = 0
    while (i + run < n && !vowel(i + run)) run++
    const finals = i + run < n ? run - 1 : run
    let final = 0
    if (finals === 1) final = SIMPLE_FINALS.indexOf(jamo[i]!)
    else if (finals === 2) final = FINAL_CLUSTER[jamo[i]! + jamo[i + 1]!] ?? -1
    else if (finals > 2) return undefined
    if (final < 0) return undefined
    i += finals
    out += String.fromCharCode(SYLLABLE_BASE + (initial * 21 + medial) * 28 + final)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Stems: the common josa and eomi cut from a word's end

/**
 * Condition on the syllable before a suffix: C ends in a consonant (환불+을), V does not
 * (비번호+를), R either no consonant or ㄹ (카드+로, 메일+로), A a contracted verb syllable
 * (바꿔+요, 해+야, 돼+서: no final consonant and a vowel that 어/아 merged into), or a jamo
 * ('ㄹ', 'ㄴ', 'ㅂ') that the ending brought in as the syllable's final consonant and that is cut
 * with it (바꿀+게요 → 바꾸, 합+니다 → 하).
 */
type Before = '' | 'C' | 'V' | 'R' | 'A' | 'ㄹ' | 'ㄴ' | 'ㅂ'

interface Ending {
  suffix: string
  before: Before
  /** Syllables that must remain (one-syllable endings need two: 신고 is not 신+고, 추가 not 추+가). */
  min: number
  /** A josa is the last layer: nothing else is cut after it. After an eomi, the word is a verb stem:
   *  past and derivational suffixes are cut too (탈퇴했+는데 → 탈퇴해 → 탈퇴). */
  josa: boolean
  /** Syllables after which this ending is part of a noun (한+도 in 이체한도). */
  notAfter: string
}

/**
 * The ending table, written for this project from Korean grammar: `before:suffix`, longest suffix
 * first at lookup. Only endings that seldom end a noun are here; the ones that often do are left
 * out on purpose: 지 (메시지, 이미지), 과 (결과), 만 (불만), 나 (하나), 게 (가게; folded
 * 개), 야 (분야), 의 (문의, 동의), bare 요 (필요). Each group: [before, min, ...suffixes]; NOT_AFTER
 * lists the syllables after which a one-syllable ending is part of a common noun instead.
 */
const JOSA: Array<[Before, number, ...string[]]> = [
  ['C', 1, '을', '은', '이에요', '이요', '이야', '이죠', '이라서', '이라고', '이라도', '이라면', '이라는', '이란', '이면', '이면요',
    '이나', '이랑', '이든', '이든지', '이었어요', '이었는데', '이었고', '이었다', '이네요', '이세요', '과는', '과도', '으로', '으로는', '으로도', '으로서', '으로써', '이나요', '인가요'],
  ['V', 1, '를', '는', '예요', '라서', '라고', '라도', '라면', '라는', '랑은', '였어요', '였는데', '였고', '였다', '와는', '와도'],
  ['R', 1, '로는', '로도', '로서', '로써'],
  ['C', 2, '이'],
  ['V', 2, '가'],
  ['R', 2, '로'],
  ['', 2, '도', '에'],
  ['', 1, '에서', '에서는', '에서도', '에서의', '에서요', '에게', '에게는', '에게도', '에게서', '한테', '한테는', '한테도', '한테서', '께서',
    '께서는', '에는', '에도', '에요', '엔', '에선', '까지', '까지는', '까지도', '까지요', '부터', '부터는', '부터도', '부터요', '처럼', '보다',
    '보다는', '만큼', '마다', '밖에', '조차', '마저', '하고', '하고는', '입니다', '입니까', '인데', '인데요', '인지', '인지요', '인가', '인가요', '인거', '인건'],
]
const EOMI: Array<[Before, number, ...string[]]> = [
  ['A', 1, '요', '서', '도', '야', '야지', '야해요', '야돼요', '야되나요', '도돼요', '도되나요', '주세요', '줘요', '줘', '주시겠어요', '주실래요',
    '줄래요', '주시면', '주면', '봐도', '봤는데', '봤어요', '보니'],
  ['C', 1, '어요', '아요', '어', '아', '어서', '아서', '어도', '아도', '어야', '아야', '어야지', '어야해요', '아야해요', '었어요', '았어요',
    '었는데', '았는데', '었다', '았다', '었고', '았고', '었지만', '았지만', '었습니다', '았습니다', '었나요', '았나요', '었어', '았어',
    '어주세요', '아주세요', '어줘', '아줘', '어봐도', '아봐도', '습니다', '습니까', '으려면', '으려고', '으려는데', '으려는', '으면', '으면요',
    '으니까', '으세요', '으시면', '으시려면', '은데', '은데요', '은지', '을게요', '을까요', '을래요', '을지', '을수록', '을때'],
  ['V', 1, '려면', '려고', '려는데', '려는', '니까', '세요', '셔요', '시면', '시려면', '시고', '시는', '시는데', '셨어요', '셨는데',
    '셨나요', '시나요', '시죠', '십니다', '십시오'],
  ['R', 1, '려면', '려고', '려는데', '려는'],
  ['C', 2, '기'],
  ['', 2, '고', '다'],
  ['', 1, '고요', '게요', '지요', '죠', '지만', '는데', '는데요', '는지', '는지요', '나요', '니까', '니깐', '네요', '다고', '다가', '다는', '던',
    '던데', '던데요', '든지', '기가', '기를', '기는', '기도', '기에', '기엔', '기로', '도록', '잖아', '잖아요', '거든요', '더라고요', '더라구요',
    '고싶어요', '고싶어', '고싶은데', '고싶다', '고싶습니다', '고싶은', '고싶네요', '고있어요', '고있는데', '고있습니다', '고있나요', '하게', '되게',
    '지않아요', '지않나요', '지않는데', '지마세요', '지말고', '주세요', '하기', '되기', '하면', '되면', '하시면', '하지', '되지',
    '더니', '더라', '는데도', '은데도', '어도요', '거나', '거나요', '거든', '거든요', '면서', '는법', '는방법', '고싶음',
    '는거', '는건', '는게', '는걸', '는거예요', '는거에요', '는건가요', '는건데', '는거죠', '는거야'],
  ['V', 2, '면'],
  ['C', 1, '으면서', '을수있', '을수있나요', '을수있어요', '을수있나', '을수있을까요', '을수있는지', '을수없', '을수없나요', '을수없어요', '을수없어'],
  ['ㄹ', 1, '게요', '게', '까요', '까', '래요', '래', '거예요', '거에요', '지', '지요', '수록', '때', '수있', '수있나요', '수있어요', '수있나',
    '수있을까요', '수있는지', '수없', '수없나요', '수없어요', '수없어'],
  ['ㄴ', 1, '데', '데요', '가요', '가', '지', '지요'],
  ['ㅂ', 1, '니다', '니까', '시다'],
]

/** Noun compounds that end like a one-syllable ending: 이체한도, 재시도, 친구추가, 분실신고, 접속장애 (folded 장에), 결제경로. */
const NOT_AFTER: Record<string, string> = {
  도: '한정속온밀농강빈경위고각습족지용제태이진보인시의난척순연수전',
  가: '평휴추대단원정시주특고저물증참인',
  고: '신광재참경사최창잔공보원제금',
  로: '경도통진항선회수미과해활퇴기',
  에: '장연',
  면: '화전측이국라방단정표지일평장뒷앞내외',
  이: '양린넓높깊놀잡숭돌',
  기: '전산탁습음정공경인용장분동생감향증',
}

/** Words left whole although they end like an ending: question words and connectives. */
const KEEP = ['어떻게', '이렇게', '그렇게', '저렇게', '어떡해', '얼마나', '그리고', '그런데', '근데', '그러면', '그래서', '그래도', '그러나',
  '하지만', '그러니까', '입니다', '왜냐하면', '아니요', '아니에요', '아니오', '주세요', '뭔데', '어딘데', '언젠가', '누군가', '무엇', '다시', '바로']

/** Vowels a verb stem's last vowel merges into with 어/아 (바꾸+어 = 바꿔, 하+여 = 해), folded too. */
const CONTRACTED_VOWELS = new Set([0, 1, 4, 5, 6, 9, 10, 11, 14, 15]) // ㅚ for the common misspelling 되요
const JAMO_FINAL: Record<string, number> = { ㄹ: 8, ㄴ: 4, ㅂ: 17 }

const ENDINGS = new Map<string, Ending[]>()
/** Folded spellings too: the matcher's normalize folds ㅐ/ㅔ, ㅙ/ㅚ/ㅞ (해요 → 헤요, 돼요 → 뒈요). */
const spellings = (s: string) => [...new Set([s, normalize(s)])]
for (const [table, josa] of [[EOMI, false], [JOSA, true]] as const) {
  for (const [before, min, ...suffixes] of table) {
    for (const s of suffixes.flatMap(spellings)) {
      const list = ENDINGS.get(s) ?? []
      // A contracted-verb reading is tried before a josa reading of the same suffix (바꿔+도 vs 카드+도).
      list.push({ suffix: s, before, min, josa, notAfter: NOT_AFTER[s] ?? '' })
      ENDINGS.set(s, list)
    }
  }
}
// The most specific reading first: a contracted verb (바꿔+도 before 카드+도), then an ending that
// brings a final consonant (바꿀+게요 before a bare 게요), then the ones that look at the final.
const RANK: Record<Before, number> = { A: 0, ㄹ: 1, ㄴ: 1, ㅂ: 1, C: 2, V: 2, R: 2, '': 3 }
for (const list of ENDINGS.values()) list.sort((a, b) => RANK[a.before] - RANK[b.before])
const LONGEST_ENDING = Math.max(...[...ENDINGS.keys()].map((k) => k.length))
const KEPT: ReadonlySet<string> = new Set(KEEP.flatMap(spellings))

/** Derivational suffixes that make a verb of a noun (탈퇴+하다, 변경+되다, 취소+시키다), cut when two syllables remain. */
const DERIVATION = ['하', '해', '되', '돼', '시키', '시켜', '당하', '당해', '드리', '드려', '하시', '되시'].flatMap(spellings)
  .sort((a, b) => b.length - a.length) // 강퇴+당해, not 강퇴당+해

function syllable (initialMedial: number, final: number): string {
  return String.fromCharCode(SYLLABLE_BASE + initialMedial * 28 + final)
}

function fits (e: Ending, word: string): boolean {
  const rest = word.length - e.suffix.length
  if (rest < e.min) return false
  const prev = word[rest - 1]!
  if (e.notAfter.includes(prev)) return false
  const f = finalOf(prev)
  switch (e.before) {
    case '': return true
    case 'C': return f > 0
    case 'V': return f === 0
    case 'R': return f === 0 || f === 8
    case 'A': return f === 0 && CONTRACTED_VOWELS.has(Math.floor((word.charCodeAt(rest - 1) - SYLLABLE_BASE) / 28) % 21)
    default: return f === JAMO_FINAL[e.before]
  }
}

function cut (e: Ending, word: string): string {
  const rest = word.slice(0, word.length - e.suffix.length)
  return e.before in JAMO_FINAL ? withoutFinal(rest) : rest
}

/** The word with its last syllable's final consonant taken off (바꿀 → 바꾸, 해지됨 → 해지되). */
function withoutFinal (word: string): string {
  const code = word.charCodeAt(word.length - 1) - SYLLABLE_BASE
  return word.slice(0, -1) + syllable(Math.floor(code / 28), 0)
}

/**
 * The stem of one word: the longest known josa or eomi cut from its end (비밀번호를 → 비밀번호,
 * 계정이에요 → 계정, 바꾸고싶어요 → 바꾸, 환불받으려면 → 환불받, 탈퇴했는데 → 탈퇴). After an eomi
 * the past tense and a derivational 하다/되다 are cut too, and a contracted stem is restored
 * (바꿨어요 → 바꾸, 변경됐어요 → 변경). Conservative: one-syllable endings and derivational suffixes
 * need two syllables left (신고, 추가, 지하 stay whole); question words and connectives stay whole
 * (어떻게). Works on raw and on normalized (vowel-folded) text. Not a morphological analyzer:
 * a noun that happens to end like an ending may be cut (고양이 → 고양), the same way on both the
 * corpus and the query side, and the matcher uses stems alongside bigrams, never instead of them.
 */
export function stem (word: string): string {
  if (word.length < 2 || !HANGUL_WORD.test(word) || KEPT.has(word)) return word
  for (let len = Math.min(LONGEST_ENDING, word.length - 1); len >= 1; len--) {
    const e = ENDINGS.get(word.slice(-len))?.find((x) => fits(x, word))
    if (e !== undefined) return e.josa ? cut(e, word) : verbStem(cut(e, word), true)
  }
  // The nominal ㅁ that chat ends a sentence with (음슴체): 해지됨, 안됨, 확인함, 결제함 are 해지되다,
  // 안 되다, 확인하다, 결제하다. Only on 됨 and on 함 with two syllables before it: few nouns end
  // so (포함, 우편함 and 보관함 do, and lose no bigram by it), while 요금, 보험 and 이름 end in ㅁ too.
  // 뒘 is 됨 as normalize() folds it.
  if ((word.length >= 2 && (word.endsWith('됨') || word.endsWith('뒘'))) || (word.length >= 3 && word.endsWith('함'))) {
    return verbStem(withoutFinal(word), true)
  }
  // A bare adnominal of a 하다/되다 verb: 결제할, 변경될, 삭제된 (not 한: 제한, 권한 are nouns).
  if (word.length >= 3 && /[할될된]$/.test(word)) return verbStem(withoutFinal(word), true)
  return verbStem(word, false)
}

/**
 * A verb form's stem: past tense (했 → 해, 먹었 → 먹), derivation (탈퇴해 → 탈퇴), contraction
 * (바꿔 → 바꾸). `verb`: an eomi was cut, so the word is surely a verb; only then are 해/돼/봐
 * restored (a bare 이해, 피해, 올해 is a noun).
 */
function verbStem (word: string, verb: boolean): string {
  let w = word
  const last = w.charCodeAt(w.length - 1) - SYLLABLE_BASE
  const vowel = Math.floor(last / 28) % 21
  if (last % 28 === 20 && CONTRACTED_VOWELS.has(vowel)) {
    // 했/됐/바꿨: past ㅆ on a contracted syllable; 었/았/였 and 겠 (좋겠, 하겠) standing alone go whole.
    w = w.length > 1 && /[었았였겠]$/.test(w) ? w.slice(0, -1) : w.slice(0, -1) + syllable(Math.floor(last / 28), 0)
  }
  for (const d of DERIVATION) {
    if (w.length - d.length >= 2 && w.endsWith(d)) return w.slice(0, -d.length)
  }
  const end = w.charCodeAt(w.length - 1) - SYLLABLE_BASE
  if (end < 0 || end > SYLLABLE_LAST - SYLLABLE_BASE || end % 28 !== 0) return w
  const im = Math.floor(end / 28)
  const medial = im % 21
  // ㅝ → ㅜ (바꿔 → 바꾸, 지워 → 지우); 봐 → 보; 해 (folded 헤) → 하; 돼 → 되 (folded, both are 뒈 already).
  // After an eomi also ㅕ → ㅣ (꺼져 → 꺼지, 알려 → 알리, 옮겨 → 옮기) and ㅘ → ㅗ (나와 → 나오): the
  // same stem then comes out of 꺼져요, 꺼지면 and 꺼지지 않아요.
  let restored = im
  if (medial === 14) restored = im - 1
  else if (verb && w.endsWith('봐')) restored = im - 1
  else if (verb && /[해헤]$/.test(w)) restored = im - medial
  else if (verb && w.endsWith('돼')) restored = im + 1
  else if (verb && medial === 6 && w.length > 1) restored = im - 6 + 20
  else if (verb && medial === 9 && w.length > 1) restored = im - 1
  const out = restored === im ? w : w.slice(0, -1) + syllable(restored, 0)
  // The auxiliary 버리다 of something done for good (팔아버렸어요, 잊어버렸는데, 지워버려요) says how, not
  // what: the main verb is the stem (팔, 잊, 지우).
  const aux = /^(.+?)[어아]?버리$/.exec(out)
  return aux !== null && out.length >= 3 ? verbStem(aux[1]!, true) : out
}

// ---------------------------------------------------------------------------------------------
// Typo tolerance: vocabulary terms one jamo edit away

/** Polynomial hash base (odd, large); hashes are 32-bit, mixed before bucketing. */
const HASH_BASE = 0x01000193

/** murmur3's finalizer: spreads the polynomial hash over all bits before the bucket is taken. */
function mix (h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * Vocabulary terms one jamo edit (substitution, insertion or deletion of one keystroke jamo) away
 * from a term: 학젹 → 학적, 채탕 → 채팅, 돼 → 되 (ㄷㅗㅐ/ㄷㅗㅣ), 않 → 안 (ㅇㅏㄴㅎ/ㅇㅏㄴ).
 *
 * A deletion-neighbourhood index (SymSpell with distance 1) over keystroke jamo: every term and
 * every one-jamo deletion of it is entered, so two strings one edit apart always share an entry
 * (the query itself or one of its deletions); candidates are then checked exactly. Entries are
 * 32-bit hashes in flat typed arrays bucketed by a counting sort, not strings in a Map: for a few
 * hundred thousand terms that is tens of MB instead of hundreds, and the build is two linear
 * passes (a term's deletion hashes come from its prefix hashes, O(length) per term).
 * `npx tsx scripts/bench-hangul.ts` prints build time, heap and lookup time.
 */
export class TypoIndex {
  readonly #terms: string[]
  /** Keystroke jamo of all terms, concatenated; term i is #jamo[#start[i] .. #start[i + 1]). */
  readonly #jamo: Uint16Array
  readonly #start: Uint32Array
  /** Entries of bucket b (the hash's top bits) are #keys/#ids[#bucket[b] .. #bucket[b + 1]); a key
   *  is the hash's low 16 bits, enough to skip nearly every entry that is not a candidate. */
  readonly #bucket: Uint32Array
  readonly #keys: Uint16Array
  readonly #ids: Uint32Array
  readonly #shift: number
  /** Which terms the current lookup has seen (term id → lookup number): no Set per lookup. */
  readonly #seen: Uint32Array
  #lookup = 0

  constructor (vocabulary: Iterable<string>) {
    this.#terms = [...new Set(vocabulary)].filter((t) => t.length > 0)
    const n = this.#terms.length
    const jamo = this.#terms.map(disassemble)
    const start = new Uint32Array(n + 1)
    for (let i = 0; i < n; i++) start[i + 1] = start[i]! + jamo[i]!.length
    const codes = new Uint16Array(start[n]!)
    for (let i = 0; i < n; i++) {
      const j = jamo[i]!
      for (let k = 0, at = start[i]!; k < j.length; k++) codes[at + k] = j.charCodeAt(k)
    }
    this.#jamo = codes
    this.#start = start
    this.#seen = new Uint32Array(n)

    // Pass 1 hashes every entry and counts entries per bucket, pass 2 places them (a counting sort):
    // linear, and the only temporary is the hash list.
    const total = start[n]! + n
    const bits = Math.max(4, Math.ceil(Math.log2(Math.max(total, 1))) - 2) // 2-4 entries per bucket
    const shift = (this.#shift = 32 - bits)
    const bucket = new Uint32Array((1 << bits) + 1)
    const prefix = new Uint32Array(MAX_TERM_JAMO + 1)
    const hashes = new Uint32Array(total)
    const first = new Uint32Array(n + 1)
    for (let id = 0; id < n; id++) {
      const count = neighbourHashes(codes, start[id]!, start[id + 1]!, prefix, hashes, first[id]!)
      first[id + 1] = first[id]! + count
    }
    for (let e = 0, end = first[n]!; e < end; e++) bucket[(hashes[e]! >>> shift) + 1]!++
    for (let b = 1; b < bucket.length; b++) bucket[b]! += bucket[b - 1]!
    const fill = bucket.slice(0, -1)
    const keys = new Uint16Array(first[n]!)
    const ids = new Uint32Array(keys.length)
    for (let id = 0; id < n; id++) {
      for (let e = first[id]!, end = first[id + 1]!; e < end; e++) {
        const at = fill[hashes[e]! >>> shift]!++
        keys[at] = hashes[e]! & 0xffff
        ids[at] = id
      }
    }
    this.#bucket = bucket
    this.#keys = keys
    this.#ids = ids
  }

  /** Distinct terms indexed. */
  get size (): number {
    return this.#terms.length
  }

  /**
   * Vocabulary terms exactly one jamo edit from `term` (never `term` itself), at most `max`, in
   * vocabulary order: pass the vocabulary most frequent first to get the likeliest first.
   * Short terms have many neighbours (가 → 각, 간, 거 ...); the caller decides how short is too short.
   */
  near (term: string, max = 8): string[] {
    const j = disassemble(term)
    if (j.length === 0 || j.length > MAX_TERM_JAMO) return []
    const q = new Uint16Array(j.length)
    for (let k = 0; k < j.length; k++) q[k] = j.charCodeAt(k)
    const lookup = ++this.#lookup
    if (lookup === 0xffffffff) this.#seen.fill(0)
    const found: number[] = []
    const hashes = new Uint32Array(q.length + 1)
    const count = neighbourHashes(q, 0, q.length, new Uint32Array(q.length + 1), hashes)
    for (let k = 0; k < count; k++) {
      const b = hashes[k]! >>> this.#shift
      const key = hashes[k]! & 0xffff
      for (let e = this.#bucket[b]!, end = this.#bucket[b + 1]!; e < end; e++) {
        if (this.#keys[e] !== key) continue
        const id = this.#ids[e]!
        if (this.#seen[id] === lookup) continue
        this.#seen[id] = lookup
        if (oneEdit(q, this.#jamo, this.#start[id]!, this.#start[id + 1]!)) found.push(id)
      }
    }
    return found.sort((a, b) => a - b).slice(0, max).map((id) => this.#terms[id]!)
  }
}

/** Terms longer than this (in jamo) get no deletion entries: they are not words but pasted text. */
const MAX_TERM_JAMO = 63

/**
 * Writes the mixed hash of codes[from..to) and of each one-jamo deletion of it (a run of equal
 * jamo gives one deletion) into `out` from `at`; returns how many. Polynomial hash P over the prefixes:
 * deleting position i gives P(all) + (P[i] - P[i+1]) · B^(len-1-i). None for overlong terms.
 */
function neighbourHashes (codes: Uint16Array, from: number, to: number, prefix: Uint32Array, out: Uint32Array, at = 0): number {
  const len = to - from
  if (len > MAX_TERM_JAMO) return 0
  let h = 0
  for (let k = 0; k < len; k++) {
    h = (Math.imul(h, HASH_BASE) + codes[from + k]!) >>> 0
    prefix[k + 1] = h
  }
  prefix[0] = 0
  out[at] = mix(h)
  let count = 1
  let power = 1
  for (let i = len - 1; i >= 0; i--) {
    if (i === 0 || codes[from + i] !== codes[from + i - 1]) {
      out[at + count++] = mix((h + Math.imul((prefix[i]! - prefix[i + 1]!) | 0, power)) >>> 0)
    }
    power = Math.imul(power, HASH_BASE)
  }
  return count
}

/** Whether b[from..to) is exactly one substitution, insertion or deletion away from a. */
function oneEdit (a: Uint16Array, b: Uint16Array, from: number, to: number): boolean {
  const la = a.length
  const lb = to - from
  if (Math.abs(la - lb) > 1) return false
  let i = 0
  while (i < la && i < lb && a[i] === b[from + i]) i++
  if (la === lb) {
    if (i === la) return false // identical
    for (let k = i + 1; k < la; k++) if (a[k] !== b[from + k]) return false
    return true
  }
  if (la > lb) {
    for (let k = i; k < lb; k++) if (a[k + 1] !== b[from + k]) return false
    return true
  }
  for (let k = i; k < la; k++) if (a[k] !== b[from + k + 1]) return false
  return true
}
