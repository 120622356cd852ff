import t from 'tap'
import fc from 'fast-check'
import { convertHangulToQwerty, convertQwertyToHangul, disassemble as esDisassemble } from 'es-hangul'
import { TypoIndex, disassemble, qwertyToHangul, stem } from '../src/match/hangul.js'
import { normalize } from '../src/match/text.js'

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

t.test('stem cuts josa and eomi from a word end', async (t) => {
  const cases: Record<string, string> = {
    비밀번호를: '비밀번호',
    계정이에요: '계정',
    바꾸고싶어요: '바꾸',
    환불받으려면: '환불받',
    탈퇴했는데: '탈퇴', // 는데, then past 했 → 해, then derivational 해
    어떻게: '어떻게',
    앱을: '앱',
    카드로도: '카드',
    계정으로: '계정',
    앱에서는: '앱',
    친구한테: '친구',
    비번이요: '비번',
    계정입니다: '계정',
    // verb forms: contraction restored, derivation cut
    바꿨어요: '바꾸',
    바꿔주세요: '바꾸',
    바꿀게요: '바꾸',
    바꿉니다: '바꾸',
    변경됐어요: '변경',
    변경되나요: '변경',
    변경해주세요: '변경',
    환불할게요: '환불',
    문의드려요: '문의',
    취소시켜주세요: '취소',
    주문하기: '주문',
    결제할: '결제',
    가입했어요: '가입',
    먹었어요: '먹',
    안되요: '안되', // the common misspelling reads like 안돼요
    안돼요: '안되',
    탈퇴하면: '탈퇴',
    업데이트했더니: '업데이트',
    해지했는데도: '해지',
    강퇴당했어요: '강퇴', // the longest derivation first: 당해, not 해
    좋겠어요: '좋',
    변경하겠습니다: '변경',
    // connectives and 'how to' (거나, 면서, 는법), 면 with two syllables left, 'can' (ㄹ 수 있)
    팔거나: '팔',
    찾으면서: '찾',
    변경하는법: '변경',
    지우는법: '지우',
    세우면: '세우',
    취소할수있나요: '취소',
    받을수있나요: '받',
    뗄수있나요: '떼',
    // ㅕ → ㅣ and ㅘ → ㅗ after an eomi; the auxiliary 버리다 cut to the main verb
    꺼져요: '꺼지',
    옮겨주세요: '옮기',
    나와요: '나오',
    팔아버렸어요: '팔',
    잊어버렸는데: '잊',
    지워버렸어요: '지우',
    버려요: '버리', // 버리다 itself stays
    // the nominal ㅁ chat ends a sentence with (음슴체)
    해지됨: '해지',
    취소됨: '취소',
    안됨: '안되',
    확인함: '확인',
    해지함: '해지',
    // 는거/는건/는게: "the thing that", chat's way to ask about an action (버리는거, 쓰는건)
    버리는거: '버리',
    쓰는건: '쓰',
    받는걸: '받',
  }
  for (const [word, expected] of Object.entries(cases)) {
    t.equal(stem(word), expected, word)
    // The matcher stems normalized (vowel-folded) text: the same stem, folded.
    t.equal(normalize(stem(normalize(word))), normalize(expected), `${word} normalized`)
  }
})

t.test('stem keeps nouns that only look like they end in a josa or eomi', async (t) => {
  const nouns = ['신고', '광고', '추가', '평가', '화면', '메시지', '이미지', '결과', '불만', '필요', '제한', '이용제한', '권한', '역할',
    '회의', '주의', '문의', '정도', '휴가', '이해', '피해', '올해', '이체한도', '재시도', '친구추가', '분실신고', '접속장애', '결제경로', '충전기',
    '고객문의', '약관동의', '어떻게', '그런데', '그리고', '하지만', '폰이', '로그인화면', '카드뒷면', '라면', '정면', '포함', '요금', '보험', '이름', '알림']
  for (const w of nouns) {
    t.equal(stem(w), w, w)
    t.equal(stem(normalize(w)), normalize(w), `${w} normalized`)
  }
  t.equal(stem('kakao'), 'kakao', 'not Hangul: unchanged')
  t.equal(stem('pc버전'), 'pc버전')
  t.equal(stem('요'), '요')
})

t.test('stem never empties or lengthens a word', async () => {
  const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c))
  fc.assert(fc.property(fc.array(syllable, { minLength: 1, maxLength: 8 }), (s) => {
    const w = s.join('')
    const out = stem(w)
    return out.length >= 1 && out.length <= w.length
  }), { numRuns: 5000 })
})

t.test('TypoIndex finds vocabulary terms one jamo away', async (t) => {
  const index = new TypoIndex(['학적', '채팅', '되', '안', '간', '오픈채팅', '비밀번호', '환불', '학생증', '채팅방', 'email'])
  t.same(index.near('학젹'), ['학적'], 'substituted vowel')
  t.same(index.near('채탕'), ['채팅'])
  t.same(index.near('돼'), ['되'], 'ㅙ/ㅚ are ㅗㅐ/ㅗㅣ: one key apart')
  t.same(index.near('않'), ['안'], 'a dropped final cluster key')
  t.same(index.near('학생중'), ['학생증'])
  t.same(index.near('비밀번효'), ['비밀번호'])
  t.same(index.near('오픈채팅'), [], 'a term in the vocabulary is not its own neighbour')
  t.same(index.near('환뷸'), ['환불'])
  t.same(index.near('채팅바'), ['채팅방'], 'a missing final')
  t.same(index.near('emial'), [], 'a transposition is two edits')
  t.same(index.near('emai'), ['email'], 'Latin terms too')
  t.same(index.near(''), [])
  t.same(index.near('안'), ['간'], 'ㅇ → ㄱ')
  t.equal(index.size, 11)
  t.same(new TypoIndex([]).near('학적'), [])
})

t.test('TypoIndex returns what a brute-force jamo edit distance returns, in vocabulary order', async () => {
  const distance = (a: string, b: string) => {
    const x = disassemble(a)
    const y = disassemble(b)
    let prev = Array.from({ length: y.length + 1 }, (_, j) => j)
    for (let i = 1; i <= x.length; i++) {
      const cur = [i]
      for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
      prev = cur
    }
    return prev[y.length]!
  }
  // A small alphabet of syllables so that neighbours are common.
  const syllable = fc.constantFrom(...'가각간갇갈감갑강개거고과괘괴구나난다닥달')
  const word = fc.array(syllable, { minLength: 1, maxLength: 3 }).map((s) => s.join(''))
  fc.assert(fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), word, (vocabulary, query) => {
    const expected = vocabulary.filter((w) => distance(w, query) === 1)
    const got = new TypoIndex(vocabulary).near(query, 1000)
    return JSON.stringify(got) === JSON.stringify(expected)
  }), { numRuns: 400 })
})

t.test('TypoIndex: max limits the answer, duplicates are indexed once', async (t) => {
  const index = new TypoIndex(['각', '간', '갈', '감', '갑', '각'])
  t.equal(index.size, 5)
  t.same(index.near('가'), ['각', '간', '갈', '감', '갑'])
  t.same(index.near('가', 2), ['각', '간'])
})
