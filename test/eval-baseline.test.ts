import t from 'tap'
import { bigramTokens, createBaseline } from '../src/match/baseline.js'
import type { FaqCorpus } from '../src/faq/schema.js'

const entry = (id: string, question: string, answer: string, alternates: string[] = []) => ({ id, category: [], question, alternates, answer, platforms: [], links: [] })

// A tiny corpus of our own: two near-identical questions, one answer-only fact (택배사 is only in an answer).
const corpus: FaqCorpus = {
  version: 1,
  entries: [
    entry('refund-when', '환불은 언제 되나요?', '카드 결제는 3~5영업일 안에 취소됩니다.'),
    entry('refund-account', '환불 계좌를 바꾸고 싶어요.', '마이페이지에서 본인 명의 계좌로 바꿀 수 있습니다.'),
    entry('delivery', '배송 조회는 어떻게 하나요?', '송장번호를 누르면 택배사 화면으로 이동합니다.', ['배송 어디쯤 왔나요']),
  ],
}

t.test('bigramTokens: Hangul runs become bigrams, a lone syllable and other words stay whole', async (t) => {
  t.same(bigramTokens('환불 받고 싶어요'), ['환불', '받고', '싶어', '어요'])
  t.same(bigramTokens('비밀번호를'), ['비밀', '밀번', '번호', '호를'])
  t.same(bigramTokens('폰 OTP 발급'), ['폰', 'otp', '발급'], 'Latin lowercased, a one-syllable word kept')
  t.same(bigramTokens('카톡PC버전'), ['카톡', 'pc', '버전'], 'script changes split a word')
  t.same(bigramTokens('ＯＴＰ 2단계!!'), ['otp', '2', '단계'], 'NFKC folds full-width letters; punctuation splits')
  t.equal(bigramTokens('ㅋㅋㅋ').length, 1, 'jamo are not syllables: kept whole (NFKC makes them conjoining jamo)')
  t.same(bigramTokens('   '), [])
})

t.test('the baseline always answers its top hit, from question or answer text', async (t) => {
  const b = createBaseline(corpus)
  const r = b.match('환불 언제 돼요')
  t.equal(r.outcome, 'answer')
  t.equal(r.candidates[0]!.faqId, 'refund-when')
  t.equal(r.candidates[0]!.score, 1, 'scores are relative to the top hit')
  t.equal(r.score, 1)
  t.ok(r.candidates.every((c, i) => i === 0 || c.score <= r.candidates[i - 1]!.score), 'best first')
  t.ok(r.candidates.some((c) => c.faqId === 'refund-account'), 'the near-identical question is a runner-up')
  t.equal(b.match('택배사 화면').candidates[0]!.faqId, 'delivery', 'a word only the answer has is found')
  t.equal(b.match('배송 어디쯤').candidates[0]!.question, '배송 조회는 어떻게 하나요?', 'alternates are searched; the canonical question is returned')
})

t.test('the baseline says none only when no term matches, and repeating a word changes nothing', async (t) => {
  const b = createBaseline(corpus)
  t.same(b.match('오늘 날씨 좋다'), { outcome: 'none', candidates: [], score: 0 })
  t.same(b.match(''), { outcome: 'none', candidates: [], score: 0 })
  t.same(b.match('환불 환불 환불 계좌'), b.match('환불 계좌'))
  t.equal(b.match('환불 계좌').candidates[0]!.faqId, 'refund-account')
})

t.test('the baseline returns at most five candidates', async (t) => {
  const many: FaqCorpus = { version: 1, entries: Array.from({ length: 9 }, (_, i) => entry(`e${i}`, `쿠폰 질문 ${i}번`, `쿠폰 답 ${i}`)) }
  t.equal(createBaseline(many).match('쿠폰').candidates.length, 5)
})
