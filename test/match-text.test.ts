import t from 'tap'
import { analyze, normalize, queryTerms, queryTermsByWord, termsOf, STOP_BIGRAMS } from '../src/match/text.js'
import { SCORING } from '../src/match/scoring.js'
import { Synonyms, parseSynonyms } from '../src/match/synonyms.js'

const terms = (s: string) => termsOf(normalize(s))
/** Expected terms are written as people spell them; the analyzer folds ㅐ/ㅔ etc. the same way. */
const folded = (xs: string[]) => xs.map((x) => normalize(x))
const kinds = (s: string) => {
  const out: Array<[string, string]> = []
  analyze(normalize(s), (term, kind) => out.push([term, kind]))
  return out
}

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

t.test('terms: Hangul bigrams across spaces, stems, Latin words whole, stop bigrams dropped', async (t) => {
  t.same(terms('오픈채팅'), folded(['오픈채팅', '오픈', '픈채', '채팅']), 'a 4-syllable word is also a stem term')
  t.same(terms('KVS 서비스'), ['kvs', '서비스', '서비', '비스'])
  t.notOk(terms('어떻게 하나요').some((x) => STOP_BIGRAMS.has(x)), 'no stop bigram survives')
  t.same(terms('하나요'), [])
  t.same(terms('봇'), ['봇'], 'a lone syllable is a stem term')
  t.same(terms('ㅋㅋㅋㅋ'), [])
  const k = kinds('오픈 채팅방이')
  const has = (term: string, kind: string) => k.some(([x, y]) => x === normalize(term) && y === kind)
  t.ok(has('픈채', 'cross'), 'a bigram across a space is cross')
  t.ok(has('방이', 'glue'), 'a bigram into the particle is glue')
  t.ok(has('채팅', 'bigram'))
  // A 2-syllable stem the word does not begin with is a term of its own: otherwise 버려요 and 버리는
  // share nothing, nor 세웠는데 and 세우면.
  t.ok(terms('버려요').includes(normalize('버리')), '버려요 holds 버리')
  t.ok(terms('세웠는데').includes(normalize('세우')), '세웠는데 holds 세우')
  t.same(terms('주문'), [normalize('주문')], 'a 2-syllable stem the word begins with is only its bigram')
})

t.test('query terms keep their strongest kind once', async (t) => {
  const q = queryTerms(normalize('채팅 채팅방'))
  t.equal(q.get(normalize('채팅')), SCORING.term.bigram)
  t.equal(q.get(normalize('팅채')), SCORING.term.cross)
})

t.test('particles and spacing leave the content bigrams in place', async (t) => {
  const base = new Set(terms('학생증').filter((x) => x.length === 2))
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

t.test('query terms by word: the same terms, each with the words it comes from, cross-space bigrams in none', async (t) => {
  const text = normalize('오픈채팅 신고 방법')
  const { terms, wordBits, words } = queryTermsByWord(text)
  t.same([...terms], [...queryTerms(text)], 'the terms and weights of queryTerms')
  t.equal(wordBits.get('오픈'), 1, '오픈 is the first word')
  t.equal(wordBits.get('신고'), 2, '신고 is the second word')
  t.equal(wordBits.get('팅신'), undefined, 'a bigram across the space belongs to no word')
  t.equal(words, 2, '방법 is a question word with no term, so it is not counted')
  const repeated = queryTermsByWord(normalize('신고 신고'))
  t.equal(repeated.wordBits.get('신고'), 3, 'a term in two words carries both bits')
  t.equal(repeated.words, 2)
})
