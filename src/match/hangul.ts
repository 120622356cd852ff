// Korean as people type it: Hangul typed on an English keyboard, jamo-level helpers, and (below)
// word-end stemming and a one-jamo typo index. Pure functions and data, no I/O: the matcher decides
// when to use them (for instance, a Latin token is read as Hangul only when the corpus knows the
// Hangul and not the Latin word).

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
export function disassemble(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    out += code >= SYLLABLE_BASE && code <= SYLLABLE_LAST ? SYLLABLE_JAMO[code - SYLLABLE_BASE]! : text[i]!
  }
  return out
}

/** Index of a syllable's final consonant (0 = none), or -1 when `ch` is not a Hangul syllable. */
export function finalOf(ch: string): number {
  const code = ch.charCodeAt(0)
  return code >= SYLLABLE_BASE && code <= SYLLABLE_LAST ? (code - SYLLABLE_BASE) % 28 : -1
}

/** Whether the last syllable of `word` ends in a consonant (받침). */
export function hasFinal(word: string): boolean {
  return finalOf(word.slice(-1)) > 0
}

// ---------------------------------------------------------------------------------------------
// Korean typed on an English keyboard (두벌식, the standard 2-set layout)

/** The jamo each key types; Shift gives the doubled consonants and ㅒ/ㅖ, other capitals are lowercase. */
const KEY_JAMO: Record<string, string> = {
  q: 'ㅂ', w: 'ㅈ', e: 'ㄷ', r: 'ㄱ', t: 'ㅅ', y: 'ㅛ', u: 'ㅕ', i: 'ㅑ', o: 'ㅐ', p: 'ㅔ',
  a: 'ㅁ', s: 'ㄴ', d: 'ㅇ', f: 'ㄹ', g: 'ㅎ', h: 'ㅗ', j: 'ㅓ', k: 'ㅏ', l: 'ㅣ',
  z: 'ㅋ', x: 'ㅌ', c: 'ㅊ', v: 'ㅍ', b: 'ㅠ', n: 'ㅜ', m: 'ㅡ',
  Q: 'ㅃ', W: 'ㅉ', E: 'ㄸ', R: 'ㄲ', T: 'ㅆ', O: 'ㅒ', P: 'ㅖ',
}
const SIMPLE_VOWELS = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗ   ㅛㅜ   ㅠㅡ ㅣ' // by medial index; blanks are compound vowels
const SIMPLE_FINALS = ' ㄱㄲ ㄴ  ㄷㄹ       ㅁㅂ ㅅㅆㅇㅈㅊㅋㅌㅍㅎ' // by final index; blanks: none or clusters
/** Two vowel keys that make one vowel (ㅗ+ㅏ = ㅘ), as medial indices. */
const COMPOUND_VOWEL: Record<string, number> = { 'ㅗㅏ': 9, 'ㅗㅐ': 10, 'ㅗㅣ': 11, 'ㅜㅓ': 14, 'ㅜㅔ': 15, 'ㅜㅣ': 16, 'ㅡㅣ': 19 }
/** Two consonant keys that make one final cluster (ㄹ+ㄱ = ㄺ), as final indices. */
const FINAL_CLUSTER: Record<string, number> = { 'ㄱㅅ': 3, 'ㄴㅈ': 5, 'ㄴㅎ': 6, 'ㄹㄱ': 9, 'ㄹㅁ': 10, 'ㄹㅂ': 11, 'ㄹㅅ': 12, 'ㄹㅌ': 13, 'ㄹㅍ': 14, 'ㄹㅎ': 15, 'ㅂㅅ': 18 }

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
export function qwertyToHangul(token: string): string | undefined {
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
function composeSyllables(jamo: readonly string[]): string | undefined {
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
