import t from 'tap'
import { createEncoder, normalize, termsOf, STOP_BIGRAMS } from '../src/match/text.js'
import { Synonyms, parseSynonyms } from '../src/match/synonyms.js'

const terms = (s: string) => termsOf(normalize(s)).map((x) => x.term)
/** Expected terms are written as people spell them; the analyzer folds ㅐ/ㅔ etc. the same way. */
const folded = (xs: string[]) => xs.map((x) => normalize(x))

t.test('normalize: NFC, lowercase, punctuation and spacing folded, jamo noise dropped', async (t) => {
  const nfd = '오픈채팅'.normalize('NFD')
  t.not(nfd, '오픈채팅')
  t.equal(normalize(nfd), normalize('오픈채팅'))
  t.equal(normalize('  KVS가   뭔가요?!  '), 'kvs가 뭔가요')
  t.equal(normalize('ㅋㅋㅋ 안녕ㅠㅠ'), '안녕')
  t.equal(normalize('1:1 채팅'), normalize('1대1 채팅'))
  // Vowels people mistype fold on both sides: 패널티/페널티, 잔존률/잔존율.
  t.equal(normalize('패널티'), normalize('페널티'))
  t.equal(normalize('잔존률'), normalize('잔존율'))
})

t.test('terms: Hangul bigrams across spaces, Latin words whole, stop bigrams dropped', async (t) => {
  t.same(terms('오픈채팅'), folded(['오픈', '픈채', '채팅']))
  const spaced = termsOf(normalize('오픈 채팅'))
  t.same(spaced.map((x) => x.term), folded(['오픈', '픈채', '채팅']))
  t.ok(spaced.find((x) => x.term === normalize('픈채'))?.cross, 'a bigram across a space is marked cross')
  t.same(terms('KVS 서비스'), ['kvs', '서비', '비스'])
  t.notOk(terms('어떻게 하나요').some((x) => STOP_BIGRAMS.has(x)), 'no stop bigram survives')
  t.same(terms('하나요'), [])
  t.same(terms('봇'), ['봇'], 'a lone syllable is a unigram term')
  t.same(terms('ㅋㅋㅋㅋ'), [])
})

t.test('the FlexSearch encoder emits the same terms as termsOf', async (t) => {
  const enc = createEncoder()
  for (const s of ['톡학생증 학적정보', 'kvs 뭔가요', '오픈 채팅방 검색']) {
    t.same(enc.encode(normalize(s)), terms(s), s)
  }
})

t.test('particles and spacing leave the content bigrams in place', async (t) => {
  const base = new Set(terms('학생증'))
  for (const v of ['학생증이', '학생증을', '학생증의', '학 생증']) {
    t.ok([...base].every((b) => terms(v).includes(b)), v)
  }
})

t.test('synonyms: longest first, canonical not rewritten again, Latin keys whole', async (t) => {
  const syn = new Synonyms(parseSynonyms({ 카카오톡: ['카톡'], 휴대폰: ['폰', '핸드폰'], pc: ['컴퓨터'], ios: ['아이폰'], _comment: 'ignored' }))
  const apply = (s: string) => syn.apply(normalize(s)).text
  t.equal(apply('카톡 비번'), normalize('카카오톡 비번'))
  t.equal(apply('핸드폰 바꿨어요'), normalize('휴대폰 바꿨어요'))
  t.equal(apply('휴대폰'), normalize('휴대폰'), 'the canonical form is left alone')
  t.equal(apply('아이폰'), 'ios', 'the longer variant wins over 폰')
  t.equal(apply('npc 컴퓨터'), 'npc pc', 'Latin keys match whole words only')
  t.same(syn.apply(normalize('카톡')).applied, [{ from: '카톡', to: '카카오톡' }])
  t.throws(() => parseSynonyms({ a: 1 }), /array of strings/)
  t.throws(() => parseSynonyms([]), /expected an object/)
})
