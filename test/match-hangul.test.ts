import t from 'tap'
import fc from 'fast-check'
import { convertHangulToQwerty, convertQwertyToHangul, disassemble as esDisassemble } from 'es-hangul'
import { disassemble, qwertyToHangul } from '../src/match/hangul.js'

t.test('qwertyToHangul reads Korean typed on an English keyboard', async (t) => {
  const cases: Record<string, string> = {
    dhvmscoxld: '오픈채팅',
    qlqjs: '비번',
    dkssud: '안녕',
    gksrmf: '한글',
    fhrmdls: '로그인',
    tkrwp: '삭제',
    dhksfy: '완료', // ㅗ+ㅏ = ㅘ
    ghkstnf: '환술',
    ekfrrhrl: '닭고기', // final cluster ㄺ, then an initial
    qlqjsdmf: '비번을', // the final ㄴ stays, ㅇ starts the next syllable
    whgdma: '좋음',
    dlTdj: '있어', // Shift types ㅆ
    dkQk: '아빠',
    DKSSUD: '안녕', // Caps Lock
  }
  for (const [keys, hangul] of Object.entries(cases)) t.equal(qwertyToHangul(keys), hangul, keys)
})

t.test('qwertyToHangul leaves Latin words alone', async (t) => {
  const latin = ['kakao', 'email', 'ios', 'pc', 'app', 'ok', 'id', 'android', 'iphone', 'login', 'password',
    'google', 'naver', 'hello', 'update', 'refund', 'order', 'coupon', 'wifi', 'video', 'today', 'gps', 'sns']
  for (const w of latin) t.equal(qwertyToHangul(w), undefined, w)
  // Stray jamo, one syllable, not letters, too long:
  for (const w of ['rrr', 'zzzz', 'gg', 'sk', 'dl', 'abc123', 'qlqjs!', '', 'x', 'dk'.repeat(21)]) t.equal(qwertyToHangul(w), undefined, w)
})

/** The Latin words qwertyToHangul keeps although they type clean syllables. */
const keptLatin = ['wifi', 'video', 'today', 'sorry', 'when', 'they', 'them', 'their', 'sign', 'eight', 'covid']

t.test('qwertyToHangul composes syllables as es-hangul does', async () => {
  // Any Hangul word of 2+ syllables, typed on the English layout, comes back unchanged...
  const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c))
  fc.assert(fc.property(fc.array(syllable, { minLength: 2, maxLength: 6 }), (s) => {
    const word = s.join('')
    const keys = convertHangulToQwerty(word)
    // All capitals (ㄲㅒ → RO) is read as Caps Lock.
    if (keys === keys.toUpperCase()) return true
    // ...unless it is one of the few Latin words we keep as Latin.
    const got = qwertyToHangul(keys)
    return got === word || (got === undefined && keptLatin.includes(keys.toLowerCase()))
  }), { numRuns: 3000 })
  // es-hangul throws on some vowel-first sequences (hoqq: "Invalid hangul Characters"); ours never does.
  const esHangul = (keys: string) => {
    try {
      return convertQwertyToHangul(keys)
    } catch {
      return undefined
    }
  }
  // ...and any key sequence gives es-hangul's syllables when it gives anything at all.
  const key = fc.constantFrom(...'qwertyuiopasdfghjklzxcvbnmQWERTOP')
  fc.assert(fc.property(fc.array(key, { minLength: 2, maxLength: 10 }), (ks) => {
    const keys = ks.join('')
    const ours = qwertyToHangul(keys)
    if (ours === undefined || keys === keys.toUpperCase()) return true
    return ours === esHangul(keys)
  }), { numRuns: 5000 })
  // Every Korean-looking es-hangul result of 2+ syllables is ours too (none missed).
  fc.assert(fc.property(fc.array(key, { minLength: 2, maxLength: 10 }), (ks) => {
    const keys = ks.join('')
    if (keys === keys.toUpperCase()) return true
    const theirs = esHangul(keys)
    if (theirs === undefined || !/^[\uAC00-\uD7A3]{2,}$/.test(theirs)) return true
    return qwertyToHangul(keys) === theirs || keptLatin.includes(keys.toLowerCase())
  }), { numRuns: 5000 })
})

t.test('disassemble: keystroke jamo, the same as es-hangul for every syllable', async (t) => {
  t.equal(disassemble('돼'), 'ㄷㅗㅐ')
  t.equal(disassemble('않'), 'ㅇㅏㄴㅎ')
  t.equal(disassemble('학젹 ok'), 'ㅎㅏㄱㅈㅕㄱ ok')
  let mismatches = 0
  for (let c = 0xac00; c <= 0xd7a3; c++) {
    const s = String.fromCharCode(c)
    if (disassemble(s) !== esDisassemble(s)) mismatches++
  }
  t.equal(mismatches, 0)
})
