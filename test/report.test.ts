// faq-skill report over a made-up pino log in the contract's skill-log format: parsing, grouping of
// misses, feedback, intents, per-day shares and percentiles, non-JSON lines, the CSVs and the page.
import t, { type Test } from 'tap'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseLine, readLogs, type SkillReply } from '../src/report/parse.js'
import { bigrams, groupSaid, jaccard, similarity } from '../src/report/group.js'
import { analyze, percentile } from '../src/report/analyze.js'
import { csvField, isAccepted, suggestAlternates } from '../src/report/suggest.js'
import { reportHtml } from '../src/report/html.js'
import { run } from '../src/cli/report.js'

// 2026-03-01 23:30 KST = 2026-03-01T14:30Z; 2026-03-02 00:30 KST = 2026-03-01T15:30Z (same UTC day).
const DAY1 = Date.parse('2026-03-01T14:30:00Z')
const DAY2 = Date.parse('2026-03-01T15:30:00Z')
let n = 0
function reply (time: number, fields: Record<string, unknown>) {
  n++
  return JSON.stringify({ level: 30, time, pid: 1, hostname: 'h', reqId: `req-${n}`, method: 'POST', url: '/skills/faq', status: 200, skill: 'faq', user: 'ab12cd34ef56ab78', via: 'typed', msg: 'skill reply', ...fields })
}

const LOG = [
  JSON.stringify({ level: 30, time: DAY1, msg: 'corpus loaded', entries: 38 }),
  'Server listening at http://0.0.0.0:8080',
  reply(DAY1, { kind: 'answer', outcome: 'answer', faqId: 'kh-1', score: 0.92, utterance: '배포란 무엇인가요?', latencyMs: 4 }),
  reply(DAY1 + 1, { kind: 'answer', outcome: 'answer', faqId: 'kh-1', score: 0.9, utterance: '배포가 뭐예요', latencyMs: 6 }),
  reply(DAY1 + 2, { kind: 'none', outcome: 'none', utterance: '환불은 어떻게 받나요?', latencyMs: 8, candidates: ['kh-9'] }),
  reply(DAY1 + 3, { kind: 'none', outcome: 'none', utterance: '환불 어떻게 받나요', latencyMs: 10, candidates: ['kh-9'] }),
  reply(DAY1 + 4, { kind: 'none', outcome: 'none', utterance: '환불은 어떻게 받나요?', latencyMs: 12 }),
  reply(DAY1 + 5, { kind: 'choices', outcome: 'choices', utterance: '비밀번호', latencyMs: 2, candidates: ['kh-3', 'kh-4'] }),
  reply(DAY1 + 6, { kind: 'missed', outcome: 'none', via: 'tap', tap: 'none-of-these', utterance: '찾는 질문이 없어요', query: '비밀번호 변경 방법', candidates: ['kh-3', 'kh-4'], latencyMs: 3 }),
  reply(DAY1 + 7, { kind: 'feedback', outcome: 'answer', via: 'tap', feedback: 'no', faqId: 'kh-1', utterance: '아니요', query: '배포가 뭐예요', latencyMs: 1 }),
  '{"level":30,"time":' + DAY1 + ',"msg":"skill reply","kind":"ans', // truncated last write
  JSON.stringify({ level: 30, time: DAY2, msg: 'request', method: 'GET', url: '/ready', status: 200, latencyMs: 1 }),
  reply(DAY2, { kind: 'feedback', outcome: 'answer', via: 'tap', feedback: 'no', faqId: 'kh-1', utterance: '아니요', latencyMs: 1 }),
  reply(DAY2 + 1, { kind: 'feedback', outcome: 'answer', via: 'tap', feedback: 'yes', faqId: 'kh-2', utterance: '도움이 됐어요', latencyMs: 1 }),
  reply(DAY2 + 2, { kind: 'none', outcome: 'none', utterance: '주차 가능한가요? [phone]', latencyMs: 100 }),
  reply(DAY2 + 3, { kind: 'empty', outcome: 'none', utterance: ' ', latencyMs: 1 }),
  reply(DAY2 + 4, { kind: 'intent', outcome: 'none', intent: 'greeting', utterance: '안녕하세요', latencyMs: 1 }),
  reply(DAY2 + 5, { kind: 'intent', outcome: 'none', intent: 'handoff', utterance: '상담원 연결', latencyMs: 1 }),
  reply(DAY2 + 6, { kind: 'missed', outcome: 'none', via: 'tap', tap: 'confirm-no', faqId: 'kh-5', utterance: '아니요', query: '주차 가능한가요?', latencyMs: 2 }),
  '',
].join('\n')

t.test('parseLine reads the contract fields, skips other messages, flags non-JSON', async (t) => {
  t.same(parseLine('not json'), { type: 'not-json' })
  t.same(parseLine('[1,2]'), { type: 'not-json' })
  t.same(parseLine(''), { type: 'other' })
  t.same(parseLine(JSON.stringify({ msg: 'request', time: 1 })), { type: 'other' })
  t.same(parseLine(JSON.stringify({ msg: 'skill reply', time: 1, kind: 'made-up' })), { type: 'other' }, 'a kind the contract does not name')
  const p = parseLine(reply(DAY2, { kind: 'answer', outcome: 'answer', via: 'tap', tap: 'choice', faqId: 'kh-3', query: '비번 바꾸기', candidates: ['kh-3', 7] }))
  t.equal(p.type, 'reply')
  if (p.type !== 'reply') return
  t.match(p.reply, { day: '2026-03-02', kind: 'answer', via: 'tap', tap: 'choice', faqId: 'kh-3', query: '비번 바꾸기', skill: 'faq' })
  t.same(p.reply.candidates, ['kh-3'], 'candidates are ids')
  const utc = parseLine(reply(DAY2, { kind: 'none', outcome: 'none' }), 'UTC')
  t.equal(utc.type === 'reply' && utc.reply.day, '2026-03-01', 'days follow --tz')
})

t.test('similar misses are grouped with counts; different ones are not', async (t) => {
  t.ok(jaccard(bigrams('환불은 어떻게 받나요?'), bigrams('환불 어떻게 받나요')) >= 0.5)
  t.ok(jaccard(bigrams('환불은 어떻게 받나요?'), bigrams('주차 가능한가요?')) < 0.2)
  t.equal(jaccard(new Set(), new Set()), 0, 'nothing in common with nothing')
  const said = (text: string, day = '2026-03-01') => ({ text, day })
  const groups = groupSaid([said('환불은 어떻게 받나요?'), said('환불 어떻게 받나요'), said('환불은 어떻게 받나요?', '2026-03-03'), said('주차 되나요')])
  t.equal(groups.length, 2)
  t.match(groups[0], { text: '환불은 어떻게 받나요?', count: 3, variants: [{ text: '환불 어떻게 받나요', count: 1 }], firstDay: '2026-03-01', lastDay: '2026-03-03' })
  t.match(groups[1], { text: '주차 되나요', count: 1 })
})

t.test('wordings that differ in their endings or spacing group; a lone topic word does not swallow them', async (t) => {
  const said = (text: string) => ({ text, day: '2026-03-01' })
  const groups = groupSaid(['선물 포장 가능해요?', '선물 포장 해주나요', '선물포장 되나요', '주차 되나요', '선물'].map(said))
  t.same(groups.map((g) => [g.text, g.count]).sort(), [['선물', 1], ['선물 포장 가능해요?', 3], ['주차 되나요', 1]].sort())
  t.ok(similarity(bigrams('탈퇴하면 대화 삭제되나요'), bigrams('탈퇴하면 대화가 지워지나요')) >= 0.5, 'same topic, another verb')
  t.ok(similarity(bigrams('영업시간이 궁금해요'), bigrams('환불 규정이 궁금해요')) < 0.5, 'the same ending alone is not a topic')
})

t.test('percentile is nearest-rank', async (t) => {
  const v = Array.from({ length: 100 }, (_, i) => i + 1)
  t.equal(percentile(v, 50), 50)
  t.equal(percentile(v, 95), 95)
  t.equal(percentile(v, 99), 99)
  t.equal(percentile([7], 99), 7)
  t.equal(percentile([], 50), undefined)
})

function capture (t: Test) {
  const out: string[] = []
  const log = console.log
  const err = console.error
  console.log = (...a: unknown[]) => void out.push(a.join(' '))
  console.error = (...a: unknown[]) => void out.push(a.join(' '))
  t.teardown(() => {
    console.log = log
    console.error = err
  })
  return out
}

t.test('a made-up log: misses, feedback, intents, answer rate and latency per day', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'server.log')
  writeFileSync(file, LOG)

  const { replies, lines, notJson } = await readLogs([file])
  t.equal(replies.length, 15)
  t.equal(notJson, 2, 'banner and truncated line')
  t.equal(lines, 19)
  const report = analyze(replies)
  t.same(report.searches, { total: 7, answered: 2, offered: 1, none: 4 })
  t.equal(report.misses.length, 3)
  t.match(report.misses[0], { text: '환불은 어떻게 받나요?', count: 3, near: 'kh-9' })
  t.ok(report.misses.some((g) => g.text === '비밀번호 변경 방법'), '"찾는 질문이 없어요" counts with what the user had asked')
  t.ok(report.misses.some((g) => g.text === '주차 가능한가요?' && g.count === 2 && g.near === 'kh-5'), 'a rejected suggestion is a miss too, near the rejected FAQ')
  t.notOk(report.misses.some((g) => g.text === '찾는 질문이 없어요'))
  t.same(report.feedback, [
    { faqId: 'kh-1', yes: 0, no: 2, rejected: 0 },
    { faqId: 'kh-5', yes: 0, no: 0, rejected: 1 },
    { faqId: 'kh-2', yes: 1, no: 0, rejected: 0 },
  ])
  t.same(report.intents, [{ intent: 'greeting', count: 1 }, { intent: 'handoff', count: 1 }])
  t.equal(report.days.length, 2)
  t.match(report.days[0], { day: '2026-03-01', replies: 8, kinds: { answer: 2, none: 3, choices: 1, missed: 1, feedback: 1 }, latency: { p50: 4, p95: 12, p99: 12 } })
  t.match(report.days[1], { day: '2026-03-02', replies: 7, latency: { p50: 1, p99: 100 } })

  const out = capture(t)
  const csv = join(dir, 'misses.csv')
  t.equal(await run([file, '--csv', csv, '--faq', join(import.meta.dirname, '..', 'data', 'faq.json')]), 0)
  const text = out.join('\n')
  t.match(text, /15 skill replies from 19 lines \(2 non-JSON lines skipped\)/)
  t.match(text, /typed questions: 7, answered 28\.6%, offered choices 14\.3%, no answer 57\.1%/)
  t.match(text, /Unanswered questions: 6 in 3 groups/)
  t.match(text, /\s3\s+환불은 어떻게 받나요\?\s+환불 어떻게 받나요 \(1\)\s+kh-9/)
  t.match(text, /kh-1\s+2\s+0\s+0\s+100\.0%/)
  t.match(text, /handoff\s+1/)
  t.match(text, /2026-03-01\s+8\s+25\.0%\s+12\.5%/, 'answer and choices shares')

  const bytes = readFileSync(csv)
  t.same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel')
  const rows = bytes.toString('utf8').slice(1).split('\r\n')
  t.equal(rows[0], 'count,utterance,similar_wordings,nearest_faq_id,nearest_faq_question,first_day,last_day')
  t.equal(rows[1], '3,환불은 어떻게 받나요?,환불 어떻게 받나요 (1),kh-9,,2026-03-01,2026-03-01')
  t.equal(rows.filter(Boolean).length, 4)
})

t.test('FAQ questions are shown next to ids when the corpus is at hand; bad arguments fail', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'a.log')
  writeFileSync(file, reply(DAY1, { kind: 'feedback', outcome: 'answer', feedback: 'no', faqId: 'faq-963be53d' }) + '\n')
  const out = capture(t)
  t.equal(await run([file]), 0)
  t.match(out.join('\n'), /faq-963be53d 배포란 무엇인가요\?/, 'question from the bundled corpus')
  t.equal(await run([]), 2)
  t.equal(await run([join(dir, 'missing.log')]), 2)
  t.equal(await run([file, '--similarity', '2']), 2)
  t.equal(await run([file, '--min-misses', '0']), 2)
  t.equal(await run([file, '--tz', 'Mars/Olympus']), 2)
  await t.rejects(run([file, '--faq', join(dir, 'missing.json')]), /cannot read corpus file/, 'a corpus named with --faq must load')
})

t.test('CSV cells: commas, quotes and cells Excel would run as formulas are quoted', async (t) => {
  t.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"')
  t.equal(csvField('가, 나'), '"가, 나"')
  t.equal(csvField('-1'), '"\'-1"')
  t.equal(csvField('plain'), 'plain')
  t.equal(csvField(3), '3')
})

t.test('what accepts a suggestion', async (t) => {
  for (const yes of ['y', 'Y', 'yes', 'YES', ' 1 ', 'o', 'O', '예', '✓']) t.ok(isAccepted(yes), JSON.stringify(yes))
  for (const no of ['', ' ', 'n', 'no', '0', 'x', '아니요', '네?', undefined]) t.notOk(isAccepted(no), JSON.stringify(no))
})

t.test('the HTML page is self-contained and escapes what users typed', async (t) => {
  const replies: SkillReply[] = [
    { time: DAY1, day: '2026-03-01', skill: 'faq', kind: 'none', outcome: 'none', via: 'typed', utterance: '<script>alert(1)</script>', latencyMs: 3 },
    { time: DAY1, day: '2026-03-01', skill: 'faq', kind: 'answer', outcome: 'answer', via: 'typed', faqId: 'a', utterance: '배포란?', latencyMs: 5 },
  ]
  const html = reportHtml(analyze(replies), { questions: new Map([['a', '배포란 무엇인가요?']]) })
  t.notMatch(html, /<script/i, 'no script, and user text is escaped')
  t.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  t.notMatch(html, /(src|href)="?https?:/i, 'nothing loaded from the network')
  for (const chart of ['outcomes', 'answer-rate', 'misses', 'latency']) t.match(html, new RegExp(`<svg class="chart" data-chart="${chart}"`), chart)
  t.match(html, /50\.0%/, 'answer rate card')
})

t.test('alternates: the FAQ users chose most, never a wording the corpus has or one users said 아니요 to', async (t) => {
  const r = (fields: Partial<SkillReply>): SkillReply => ({ time: DAY1, day: '2026-03-01', skill: 'faq', kind: 'answer', outcome: 'answer', via: 'tap', ...fields })
  const corpus = {
    version: 1 as const,
    entries: [
      { id: 'a', category: [], question: '배송은 얼마나 걸리나요?', alternates: ['택배 언제 와요'], answer: '2~3일', platforms: [], links: [] },
      { id: 'b', category: [], question: '배송지를 바꾸고 싶어요', alternates: [], answer: '주문 상세에서', platforms: [], links: [] },
    ],
  }
  const replies = [
    r({ tap: 'choice', faqId: 'a', query: '택배 언제 와요?' }), // the corpus has it (after folding)
    r({ tap: 'choice', faqId: 'b', query: '배송 변경' }),
    r({ tap: 'choice', faqId: 'b', query: '배송 변경' }),
    r({ tap: 'confirm-yes', faqId: 'a', query: '배송 변경' }),
    r({ kind: 'feedback', feedback: 'yes', faqId: 'a', query: '빨리 받고 싶어요' }),
    r({ kind: 'feedback', feedback: 'no', faqId: 'a', query: '빨리 받고 싶어요' }),
    r({ tap: 'question', faqId: 'b', query: '주소' }), // browsing the menu is not a choice after typing
  ]
  const out = suggestAlternates(replies, { corpus })
  t.same(out.map((s) => [s.faqId, s.text, s.count, s.evidence, s.note]), [['b', '배송 변경', 2, 'choice 2', 'also chosen: a (1)']])
  t.equal(out[0]?.faqQuestion, '배송지를 바꾸고 싶어요')
})
