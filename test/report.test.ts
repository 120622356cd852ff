// faq-skill report over a made-up pino log: grouping of misses, feedback, per-day shares and
// percentiles, non-JSON lines, and the Excel-friendly CSV.
import t from 'tap'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyze, bigrams, unansweredCsv, groupUnanswered, jaccard, parseLine, percentile, readLogs, run, type SkillReplyLine } from '../src/cli/report.js'

// 2026-03-01 23:30 KST = 2026-03-01T14:30Z; 2026-03-02 00:30 KST = 2026-03-01T15:30Z (same UTC day).
const DAY1 = Date.parse('2026-03-01T14:30:00Z')
const DAY2 = Date.parse('2026-03-01T15:30:00Z')
let n = 0
function reply(time: number, fields: Record<string, unknown>) {
  n++
  return JSON.stringify({ level: 30, time, pid: 1, hostname: 'h', reqId: `req-${n}`, method: 'POST', url: '/skills/faq', status: 200, skill: 'faq', user: 'ab12cd34ef56ab78', msg: 'skill reply', ...fields })
}

const LOG = [
  JSON.stringify({ level: 30, time: DAY1, msg: 'corpus loaded', entries: 38 }),
  'Server listening at http://0.0.0.0:8080',
  reply(DAY1, { outcome: 'answer', faqId: 'kh-1', score: 0.92, utterance: '배포란 무엇인가요?', latencyMs: 4 }),
  reply(DAY1 + 1, { outcome: 'answer', faqId: 'kh-1', score: 0.9, utterance: '배포가 뭐예요', latencyMs: 6 }),
  reply(DAY1 + 2, { outcome: 'none', utterance: '환불은 어떻게 받나요?', latencyMs: 8, miss: true, candidates: [{ faqId: 'kh-9', score: 0.2 }] }),
  reply(DAY1 + 3, { outcome: 'none', utterance: '환불 어떻게 받나요', latencyMs: 10, miss: true, candidates: [{ faqId: 'kh-9', score: 0.21 }] }),
  reply(DAY1 + 4, { outcome: 'none', utterance: '환불은 어떻게 받나요?', latencyMs: 12, miss: true }),
  reply(DAY1 + 5, { outcome: 'choices', utterance: '비밀번호', latencyMs: 2 }),
  reply(DAY1 + 6, { outcome: 'missed', missed: true, utterance: '찾는 질문이 없어요', query: '비밀번호 변경 방법', latencyMs: 3 }),
  reply(DAY1 + 7, { outcome: 'feedback', feedback: 'no', faqId: 'kh-1', utterance: '아니요', latencyMs: 1 }),
  '{"level":30,"time":' + DAY1 + ',"msg":"skill reply","outcome":"ans', // truncated last write
  JSON.stringify({ level: 30, time: DAY2, msg: 'request', method: 'GET', url: '/ready', status: 200, latencyMs: 1 }),
  reply(DAY2, { outcome: 'feedback', feedback: 'no', faqId: 'kh-1', utterance: '아니요', latencyMs: 1 }),
  reply(DAY2 + 1, { outcome: 'feedback', feedback: 'yes', faqId: 'kh-2', utterance: '도움이 됐어요', latencyMs: 1 }),
  reply(DAY2 + 2, { outcome: 'none', utterance: '주차 가능한가요? 010-1234-5678', latencyMs: 100 }),
  reply(DAY2 + 3, { outcome: 'empty', utterance: ' ', latencyMs: 1 }),
  '',
].join('\n')

t.test('parseLine keeps skill replies, skips other messages, flags non-JSON', async (t) => {
  t.equal(parseLine('not json'), null)
  t.equal(parseLine('[1,2]'), null)
  t.equal(parseLine(''), undefined)
  t.equal(parseLine(JSON.stringify({ msg: 'request', time: 1 })), undefined)
  const r = parseLine(reply(DAY2, { outcome: 'missed', miss: true, query: 'q', utterance: '찾는 질문이 없어요' }))!
  t.match(r, { day: '2026-03-02', outcome: 'missed', missed: true, query: 'q', skill: 'faq' })
  t.equal(parseLine(reply(DAY2, { outcome: 'none' }), 'UTC')!.day, '2026-03-01', 'days follow --tz')
  t.equal(parseLine(JSON.stringify({ msg: 'skill reply', time: '2026-03-01T14:30:00Z', outcome: 'answer' }))!.day, '2026-03-01', 'ISO time')
})

t.test('similar misses are grouped with counts; different ones are not', async (t) => {
  t.ok(jaccard(bigrams('환불은 어떻게 받나요?'), bigrams('환불 어떻게 받나요')) >= 0.5)
  t.ok(jaccard(bigrams('환불은 어떻게 받나요?'), bigrams('주차 가능한가요?')) < 0.2)
  const rec = (utterance: string, day = '2026-03-01'): SkillReplyLine => ({ time: 0, day, skill: 'faq', outcome: 'none', utterance, missed: false })
  const groups = groupUnanswered([rec('환불은 어떻게 받나요?'), rec('환불 어떻게 받나요'), rec('환불은 어떻게 받나요?', '2026-03-03'), rec('주차 되나요')])
  t.equal(groups.length, 2)
  t.match(groups[0], { utterance: '환불은 어떻게 받나요?', count: 3, variants: [{ utterance: '환불 어떻게 받나요', count: 1 }], firstDay: '2026-03-01', lastDay: '2026-03-03' })
  t.match(groups[1], { utterance: '주차 되나요', count: 1 })
})

t.test('percentile is nearest-rank', async (t) => {
  const v = Array.from({ length: 100 }, (_, i) => i + 1)
  t.equal(percentile(v, 50), 50)
  t.equal(percentile(v, 95), 95)
  t.equal(percentile(v, 99), 99)
  t.equal(percentile([7], 99), 7)
  t.equal(percentile([], 50), undefined)
})

t.test('a made-up log: misses, feedback, outcome shares and latency per day', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'server.log')
  writeFileSync(file, LOG)

  const { records, lines, skipped } = await readLogs([file])
  t.equal(records.length, 12)
  t.equal(skipped, 2, 'banner and truncated line')
  t.equal(lines, 16)
  const report = analyze(records)
  t.equal(report.unanswered.length, 3)
  t.match(report.unanswered[0], { utterance: '환불은 어떻게 받나요?', count: 3, nearMiss: 'kh-9' })
  t.ok(report.unanswered.some((g) => g.utterance === '비밀번호 변경 방법'), 'a missed tap counts with what the user had asked')
  t.notOk(report.unanswered.some((g) => g.utterance === '찾는 질문이 없어요'))
  t.same(report.feedback, [{ faqId: 'kh-1', yes: 0, no: 2 }, { faqId: 'kh-2', yes: 1, no: 0 }])
  t.equal(report.days.length, 2)
  t.match(report.days[0], { day: '2026-03-01', replies: 8, outcomes: { answer: 2, none: 3, choices: 1, missed: 1, feedback: 1 }, p50: 4, p95: 12, p99: 12 })
  t.match(report.days[1], { day: '2026-03-02', replies: 4, p50: 1, p99: 100 })

  const out: string[] = []
  const log = console.log
  console.log = (...a: unknown[]) => void out.push(a.join(' '))
  t.teardown(() => (console.log = log))
  const csv = join(dir, 'misses.csv')
  t.equal(await run([file, '--csv', csv, '--faq', join(dir, 'none.json')]), 0)
  const text = out.join('\n')
  t.match(text, /12 skill replies from 16 lines \(2 non-JSON lines skipped\)/)
  t.match(text, /Unanswered questions: 5 in 3 groups/)
  t.match(text, /\s3\s+환불은 어떻게 받나요\?\s+환불 어떻게 받나요 \(1\)\s+kh-9/)
  t.match(text, /kh-1\s+2\s+0\s+100\.0%/)
  t.match(text, /2026-03-01\s+8\s+25\.0%\s+12\.5%\s+37\.5%/, 'answer, choices, none shares')
  t.match(text, /\[phone\]|010-1234-5678/)

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
  writeFileSync(file, reply(DAY1, { outcome: 'feedback', feedback: 'no', faqId: 'faq-963be53d' }) + '\n')
  const out: string[] = []
  const log = console.log
  const err = console.error
  console.log = (...a: unknown[]) => void out.push(a.join(' '))
  console.error = (...a: unknown[]) => void out.push(a.join(' '))
  t.teardown(() => {
    console.log = log
    console.error = err
  })
  t.equal(await run([file]), 0)
  t.match(out.join('\n'), /faq-963be53d 배포란 무엇인가요\?/, 'question from the bundled corpus')
  t.equal(await run([]), 2)
  t.equal(await run([join(dir, 'missing.log')]), 2)
  t.equal(await run([file, '--similarity', '2']), 2)
  t.equal(await run([file, '--tz', 'Mars/Olympus']), 2)
})

t.test('CSV quotes commas, quotes and cells Excel would run as formulas', async (t) => {
  const csv = unansweredCsv([
    { utterance: '=HYPERLINK("x")', count: 2, variants: [{ utterance: '가, 나', count: 1 }], firstDay: '2026-03-01', lastDay: '2026-03-02' },
  ])
  const row = csv.slice(1).split('\r\n')[1]
  t.equal(row, `2,"'=HYPERLINK(""x"")","가, 나 (1)",,,2026-03-01,2026-03-02`)
})
