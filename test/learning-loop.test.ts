// The operator's weekly loop end to end: a scripted week of skill log lines in the contract's format
// (misses, "typed X, chose Y" taps, 네 on a suggestion, 도움이 됐어요 and 아니요 votes) →
// `faq-skill report --suggest` → the operator marks rows accepted (and writes an answer) →
// `faq-skill import --suggestions` → a matcher built from the new corpus answers those utterances.
// The matcher is being replaced, so the test asserts on the corpus and on the exact added wordings,
// which any matcher answers.
import t, { type Test } from 'tap'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { parse } from 'csv-parse/sync'
import { run as report } from '../src/cli/report.js'
import { run as importCmd } from '../src/cli/import.js'
import { parseCorpus } from '../src/faq/load.js'
import { serializeCorpus } from '../src/faq/import/index.js'
import { createMatcher } from '../src/match/index.js'
import { SUGGESTION_COLUMNS, toCsv } from '../src/report/suggest.js'
import type { FaqCorpus } from '../src/faq/schema.js'

const CORPUS: FaqCorpus = {
  version: 1,
  entries: [
    { id: 'ship-time', category: ['배송'], question: '배송은 얼마나 걸리나요?', alternates: [], answer: '주문 후 평균 2~3일 걸립니다.', platforms: [], links: [] },
    { id: 'ship-address', category: ['배송'], question: '배송지를 바꾸고 싶어요', alternates: [], answer: '출고 전이라면 주문 상세에서 배송지를 바꿀 수 있습니다.', platforms: [], links: [] },
    { id: 'refund', category: ['결제'], question: '환불은 어떻게 하나요?', alternates: [], answer: '주문 내역에서 환불 신청을 누르세요.', platforms: [], links: [] },
    { id: 'points', category: ['혜택'], question: '포인트는 언제 적립되나요?', alternates: [], answer: '구매 확정 다음 날 적립됩니다.', platforms: [], links: [] },
    { id: 'coupon', category: ['혜택'], question: '쿠폰은 어디서 받나요?', alternates: [], answer: '이벤트 페이지에서 받을 수 있습니다.', platforms: [], links: [] },
  ],
}

// The week: 2026-03-02 (Mon) … 2026-03-08 (Sun), KST.
const day = (d: number, minute: number) => Date.parse(`2026-03-0${2 + d}T10:00:00+09:00`) + minute * 60_000
let seq = 0
const line = (time: number, user: string, fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time, reqId: `r${++seq}`, method: 'POST', url: '/skills/faq', status: 200, latencyMs: 3 + (seq % 7) * 2.5, skill: 'faq', user, msg: 'skill reply', ...fields })

/** "typed X, got choices, chose Y". */
const typedChose = (time: number, user: string, typed: string, chose: string, offered: string[]) => [
  line(time, user, { kind: 'choices', outcome: 'choices', via: 'typed', utterance: typed, candidates: offered }),
  line(time + 5000, user, { kind: 'answer', outcome: 'answer', via: 'tap', tap: 'choice', faqId: chose, query: typed, utterance: chose }),
]
/** "typed X, got one suggestion, said 네". */
const typedConfirmed = (time: number, user: string, typed: string, faqId: string) => [
  line(time, user, { kind: 'confirm', outcome: 'choices', via: 'typed', utterance: typed, candidates: [faqId] }),
  line(time + 4000, user, { kind: 'answer', outcome: 'answer', via: 'tap', tap: 'confirm-yes', faqId, query: typed, utterance: '네' }),
]
const miss = (time: number, user: string, typed: string) => [line(time, user, { kind: 'none', outcome: 'none', via: 'typed', utterance: typed, candidates: [] })]
const answered = (time: number, user: string, typed: string, faqId: string, vote?: 'yes' | 'no') => [
  line(time, user, { kind: 'answer', outcome: 'answer', via: 'typed', utterance: typed, faqId, score: 0.9 }),
  ...(vote ? [line(time + 8000, user, { kind: 'feedback', outcome: 'answer', via: 'tap', feedback: vote, faqId, query: typed, utterance: vote === 'yes' ? '도움이 됐어요' : '아니요' })] : []),
]

const WEEK = [
  // "택배 언제 와요" is how people ask for ship-time: chosen from a list on three days, confirmed once.
  ...typedChose(day(0, 1), 'u1', '택배 언제 와요', 'ship-time', ['ship-time', 'ship-address']),
  ...typedChose(day(2, 3), 'u2', '택배 언제 와요?', 'ship-time', ['ship-time', 'ship-address']),
  ...typedChose(day(4, 5), 'u3', '택배 언제와요', 'ship-time', ['ship-address', 'ship-time']),
  ...typedConfirmed(day(5, 2), 'u4', '택배 언제 와요', 'ship-time'),
  // "주소 잘못 적었어요" → ship-address, twice.
  ...typedChose(day(1, 7), 'u5', '주소 잘못 적었어요', 'ship-address', ['ship-address', 'ship-time']),
  ...typedConfirmed(day(3, 9), 'u6', '주소 잘못 적었어요', 'ship-address'),
  // Answered and voted helpful, with a wording the corpus lacks.
  ...answered(day(2, 11), 'u7', '적립금 언제 들어와요', 'points', 'yes'),
  // Misses: a question nobody wrote an FAQ for, asked in several wordings on several days.
  ...miss(day(0, 20), 'u8', '선물 포장 되나요?'),
  ...miss(day(1, 21), 'u9', '선물 포장 되나요'),
  ...miss(day(3, 22), 'u10', '선물 포장도 되나요'),
  ...miss(day(6, 23), 'u11', '선물 포장 되나요?'),
  line(day(6, 24), 'u12', { kind: 'missed', outcome: 'none', via: 'tap', tap: 'none-of-these', utterance: '찾는 질문이 없어요', query: '선물포장 되나요?', candidates: ['coupon'] }),
  ...miss(day(4, 25), 'u13', '영업시간이 궁금해요'), // once: not yet a suggestion
  // The coupon answer does not help: 아니요 after it, and a rejected suggestion.
  ...answered(day(1, 30), 'u14', '쿠폰 어디서 받아요', 'coupon', 'no'),
  ...answered(day(2, 31), 'u15', '쿠폰 받는 곳', 'coupon', 'no'),
  ...answered(day(5, 32), 'u16', '쿠폰은 어디서 받나요?', 'coupon', 'no'),
  line(day(6, 33), 'u17', { kind: 'missed', outcome: 'none', via: 'tap', tap: 'confirm-no', faqId: 'coupon', query: '할인 코드 입력', utterance: '아니요' }),
  // Refund works.
  ...answered(day(3, 40), 'u18', '환불은 어떻게 하나요?', 'refund', 'yes'),
  // Small talk and a handoff.
  line(day(0, 50), 'u19', { kind: 'intent', outcome: 'none', via: 'typed', intent: 'greeting', utterance: '안녕하세요' }),
  line(day(6, 51), 'u20', { kind: 'intent', outcome: 'none', via: 'typed', intent: 'handoff', utterance: '상담원 연결해 주세요' }),
].join('\n')

function tmp (t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'loop-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function quiet (t: Test) {
  const out: string[] = []
  for (const k of ['log', 'error'] as const) {
    const orig = console[k]
    console[k] = (...a: unknown[]) => void out.push(a.join(' '))
    t.teardown(() => (console[k] = orig))
  }
  return out
}

type Row = Record<(typeof SUGGESTION_COLUMNS)[number], string>

t.test('a week of traffic → suggestions → accepted → imported → answered', async (t) => {
  const dir = tmp(t)
  const corpusFile = join(dir, 'faq.json')
  const logFile = join(dir, 'week.log')
  const csvFile = join(dir, 'suggestions.csv')
  writeFileSync(corpusFile, serializeCorpus(CORPUS))
  writeFileSync(logFile, `${WEEK}\n`)
  const out = quiet(t)

  t.equal(await report([logFile, '--faq', corpusFile, '--suggest', csvFile]), 0)
  t.match(out.join('\n'), /wrote 5 suggestions to .*: 3 alternates, 1 new FAQs, 1 rewrites/)
  const bytes = readFileSync(csvFile)
  t.same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM for Excel')
  const rows = parse(bytes.toString('utf8').slice(1), { columns: true }) as Row[]
  t.same(Object.keys(rows[0]!), [...SUGGESTION_COLUMNS])
  t.ok(rows.every((r) => r.accept === ''), 'nothing is accepted until the operator says so')

  const alt = (text: string) => rows.find((r) => r.type === 'alternate' && r.text === text)
  t.match(alt('택배 언제 와요'), { faq_id: 'ship-time', faq_question: '배송은 얼마나 걸리나요?', count: '4', evidence: 'choice 3, 네 1', examples: /택배 언제 와요\? \(1\).*택배 언제와요 \(1\)|택배 언제와요 \(1\).*택배 언제 와요\? \(1\)/ })
  t.match(alt('주소 잘못 적었어요'), { faq_id: 'ship-address', count: '2', evidence: 'choice 1, 네 1' })
  t.match(alt('적립금 언제 들어와요'), { faq_id: 'points', count: '1', evidence: '도움이 됐어요 1' })
  t.notOk(rows.some((r) => r.type === 'alternate' && r.faq_id === 'coupon'), 'a wording users said 아니요 to is not an alternate')
  const gift = rows.find((r) => r.type === 'new')
  t.match(gift, { text: '선물 포장 되나요?', count: '5', answer: '', examples: /선물 포장 되나요 \(1\)/ })
  t.notOk(rows.some((r) => r.text === '영업시간이 궁금해요'), 'asked once: not yet')
  const rewrite = rows.find((r) => r.type === 'rewrite' && r.faq_id === 'coupon')
  t.match(rewrite, { count: '4', share: '100%', evidence: '아니요 3, rejected suggestion 1, 도움이 됐어요 0', examples: /쿠폰 어디서 받아요/ })

  // The operator: accepts the alternates and the new FAQ (with its answer), not the rewrite; and
  // writes "n" on one alternate to see it is not applied.
  const marks: Record<string, string> = { '택배 언제 와요': 'y', '주소 잘못 적었어요': '예', '적립금 언제 들어와요': 'n', '선물 포장 되나요?': '✓' }
  for (const r of rows) {
    r.accept = marks[r.text] ?? ''
    if (r.type === 'new') {
      r.answer = '주문서에서 선물 포장을 고르면 2,000원에 포장해 드립니다.'
      r.category = '배송 > 포장'
    }
  }
  writeFileSync(csvFile, toCsv(SUGGESTION_COLUMNS, rows.map((r) => SUGGESTION_COLUMNS.map((c) => r[c]))))

  out.length = 0
  const updated = join(dir, 'faq-new.json')
  t.equal(await importCmd([corpusFile, '--suggestions', csvFile, '--out', updated]), 0)
  const printed = out.join('\n')
  t.match(printed, /added alternate "택배 언제 와요" to ship-time "배송은 얼마나 걸리나요\?"/)
  t.match(printed, /added alternate "주소 잘못 적었어요" to ship-address/)
  t.match(printed, /added faq-[0-9a-f]{8} "선물 포장 되나요\?" \[배송 > 포장\]/)
  t.match(printed, /suggestions: 3 change\(s\), 0 accepted row\(s\) already in the corpus, 2 row\(s\) not accepted/)
  const corpus = parseCorpus(readFileSync(updated, 'utf8'), updated)
  t.same(corpus.entries.map((e) => e.id).filter((id) => CORPUS.entries.some((e) => e.id === id)).sort(), CORPUS.entries.map((e) => e.id).sort(), 'every existing id is kept')
  t.equal(corpus.entries.length, CORPUS.entries.length + 1)
  const entry = (id: string) => corpus.entries.find((e) => e.id === id)!
  t.same(entry('ship-time').alternates, ['택배 언제 와요'])
  t.same(entry('ship-address').alternates, ['주소 잘못 적었어요'])
  t.same(entry('points').alternates, [], 'not accepted')
  t.equal(entry('coupon').answer, CORPUS.entries[4]!.answer, 'the rewrite was not accepted')
  const gifts = corpus.entries.find((e) => e.question === '선물 포장 되나요?')!
  t.match(gifts, { category: ['배송', '포장'], answer: /선물 포장/ })

  // Re-running the same import changes nothing.
  out.length = 0
  const again = join(dir, 'faq-again.json')
  t.equal(await importCmd([updated, '--suggestions', csvFile, '--out', again]), 0)
  t.equal(readFileSync(again, 'utf8'), readFileSync(updated, 'utf8'), 'same bytes')
  t.match(out.join('\n'), /suggestions: 0 change\(s\), 3 accepted row\(s\) already in the corpus/)

  // The new corpus answers what users typed.
  const matcher = await createMatcher(corpus)
  for (const [utterance, id] of [['택배 언제 와요', 'ship-time'], ['주소 잘못 적었어요', 'ship-address'], ['선물 포장 되나요?', gifts.id]] as const) {
    const result = matcher.match(utterance)
    t.equal(result.outcome, 'answer', `"${utterance}" is answered`)
    t.equal(result.candidates[0]?.faqId, id, `"${utterance}" → ${id}`)
  }
})

t.test('accepted rows that cannot apply are warned about, and --strict refuses them', async (t) => {
  const dir = tmp(t)
  const corpusFile = join(dir, 'faq.json')
  writeFileSync(corpusFile, serializeCorpus(CORPUS))
  const csvFile = join(dir, 's.csv')
  const row = (r: Partial<Row>) => SUGGESTION_COLUMNS.map((c) => r[c] ?? '')
  writeFileSync(
    csvFile,
    toCsv(SUGGESTION_COLUMNS, [
      row({ accept: 'y', type: 'alternate', faq_id: 'nope', text: '아무 말' }),
      row({ accept: 'y', type: 'alternate', faq_id: 'refund', text: '쿠폰은 어디서 받나요?' }),
      row({ accept: 'y', type: 'new', text: '영업시간이 궁금해요' }),
      row({ accept: 'yes', type: 'rewrite', faq_id: 'coupon', answer: '앱의 혜택 > 쿠폰함에서 받을 수 있습니다.' }),
    ])
  )
  const out = quiet(t)
  const next = join(dir, 'next.json')
  t.equal(await importCmd([corpusFile, '--suggestions', csvFile, '--out', next]), 0)
  const printed = out.join('\n')
  t.match(printed, /s\.csv row 2: no entry "nope" for the alternate "아무 말"; skipped/)
  t.match(printed, /s\.csv row 3: "쿠폰은 어디서 받나요\?" is already a wording of coupon/)
  t.match(printed, /s\.csv row 4: accepted the new question "영업시간이 궁금해요" but its answer column is empty; skipped/)
  t.match(printed, /rewrote the answer of coupon/)
  t.equal(parseCorpus(readFileSync(next, 'utf8')).entries.find((e) => e.id === 'coupon')?.answer, '앱의 혜택 > 쿠폰함에서 받을 수 있습니다.')
  t.equal(await importCmd([corpusFile, '--suggestions', csvFile, '--out', join(dir, 'strict.json'), '--strict']), 1)
})
