// CSV as spreadsheets export it, JSON and JSONL: imported, merged, and served.
import t, { type Test } from 'tap'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { run } from '../src/cli/import.js'
import { parseCorpus } from '../src/faq/load.js'
import { projectRoot } from '../src/paths.js'
import { build, payload, responseErrors } from './helpers.js'

const testData = (f: string) => join(projectRoot, 'test', 'data', f)

function tmp (t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'faq-csv-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Run `faq-skill import` in-process; returns exit code, stderr text and the written corpus (if any). */
async function importFiles (t: Test, files: string[]) {
  const out = join(tmp(t), 'faq.json')
  const stderr = t.capture(console, 'error')
  const code = await run([...files, '--out', out])
  const printed = stderr().map((c) => c.args.join(' ')).join('\n')
  return { code, printed, out, corpus: existsSync(out) ? parseCorpus(readFileSync(out, 'utf8'), out) : undefined }
}

t.test('the Excel test file really is Excel-shaped', async (t) => {
  const bytes = readFileSync(testData('faq-excel.csv'))
  t.same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM')
  const text = bytes.toString('utf8')
  t.match(text, /\r\n/, 'CRLF')
  t.match(text, /^\uFEFF질문,답변,카테고리,유사질문,플랫폼,링크\r\n/, 'Korean header row')
  t.match(text, /"영업시간, 휴무일이 궁금해요"/, 'a quoted comma')
  t.match(text, /"[^"]*\n[^"]*"/, 'a quoted newline')
  t.match(text, /""환불 신청""/, 'a doubled quote')
})

t.test('an Excel CSV (BOM, CRLF, quoted comma and newline, Korean headers) imports', async (t) => {
  const { code, corpus } = await importFiles(t, [testData('faq-excel.csv')])
  t.equal(code, 0)
  const entries = corpus?.entries ?? []
  t.equal(entries.length, 4)
  const q = (s: string) => entries.find((e) => e.question === s)
  t.ok(q('영업시간, 휴무일이 궁금해요'), 'the quoted comma stays in the question')
  const refund = q('환불은 어떻게 하나요?')
  t.equal(refund?.answer, '주문내역에서 "환불 신청"을 누르세요.\n카드 결제는 3~5영업일, 계좌이체는 1~2영업일 안에 돌려드립니다.', 'quoted newline and quotes kept')
  t.same(refund?.category, ['쇼핑', '결제'], '"쇼핑/결제" is a path')
  t.same(refund?.alternates, ['환불 신청 방법', '돈 돌려받고 싶어요'], 'alternates split on newline')
  t.same(refund?.platforms, ['iOS', '안드로이드'])
  t.same(refund?.links, [{ label: 'example.com', url: 'https://example.com/help/refund' }])
  const shipping = q('배송은 얼마나 걸리나요?')
  t.same(shipping?.category, ['쇼핑', '배송'], '"쇼핑 > 배송" is a path')
  t.same(shipping?.alternates, ['배송 기간이 궁금해요', '언제 도착하나요?'], 'alternates split on |')
  t.same(shipping?.platforms, [], '공통 = all platforms')
  const password = q('비밀번호를 잊어버렸어요')
  t.same(password?.links, [{ label: '자세한 안내', url: 'https://example.com/help/password' }], 'URL in the answer becomes a link')
  t.match(password?.answer, /https:\/\/example\.com\/help\/password\.$/, 'and the answer keeps it')
  t.notOk(JSON.stringify(corpus).includes('\r'), 'no carriage returns survive')
  for (const e of entries) t.match(e.id, /^faq-[0-9a-f]{8}$/)
})

t.test('the app built on the imported CSV answers a question from it', async (t) => {
  const { out } = await importFiles(t, [testData('faq-excel.csv')])
  const app = await build(t, { FAQ_FILE: out })
  const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('환불은 어떻게 하나요?') })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(responseErrors(body), [])
  t.equal(body.data.outcome, 'answer')
  t.equal(body.data.question, '환불은 어떻게 하나요?')
  t.match(JSON.stringify(body.template.outputs), /계좌이체는 1~2영업일/)
})

t.test('CP949 CSV from Korean Excel, with English headers, is read with a warning', async (t) => {
  const { code, corpus, printed } = await importFiles(t, [testData('faq-cp949.csv')])
  t.equal(code, 0)
  t.match(printed, /warning: .*faq-cp949\.csv: not UTF-8; read as CP949/)
  t.same(corpus?.entries.map((e) => e.question).sort(), ['배송은 얼마나 걸리나요?', '환불은 어떻게 하나요?'])
})

t.test('CSV, JSON and JSONL together: only the same question with the same answer merges; given ids are kept', async (t) => {
  const { code, corpus, printed } = await importFiles(t, [testData('faq-excel.csv'), testData('faq-extra.json'), testData('faq-extra.jsonl')])
  t.equal(code, 0)
  const entries = corpus?.entries ?? []
  t.equal(entries.length, 7)
  const shipping = entries.filter((e) => e.question.startsWith('배송은'))
  t.equal(shipping.length, 2, '"배송은 얼마나 걸리나요" (JSON) and "…걸리나요?" (CSV) have different answers: two entries')
  t.same(shipping.map((e) => e.answer).sort(), ['주문 후 평균 2~3일 걸립니다.', '주문 후 평균 2~3일, 제주·도서산간은 1~2일 더 걸립니다.'], 'no answer is lost')
  t.equal(new Set(shipping.map((e) => e.id)).size, 2, 'their ids are told apart')
  t.match(printed, /warning: .*faq-excel\.csv row 2 and .*faq-extra\.json: entry 0: same question "배송은 얼마나 걸리나요\??" with 2 different answers: kept as faq-\w+-\w+, faq-\w+-\w+ \(one category; ids told apart by answer\)/)
  t.notMatch(printed, /merged \d/)
  t.match(printed, /7 record\(s\): 7 kept as entries, 0 merged into them, 0 skipped/)
  t.equal(entries.find((e) => e.question === '포인트 유효기간이 있나요?')?.id, 'points-expiry')
})

t.test('a semicolon or tab separated export, and category level columns, work too', async (t) => {
  const dir = tmp(t)
  const tsv = join(dir, 'faq.tsv')
  writeFileSync(tsv, 'question\tanswer\t대분류\t중분류\r\n앱은 무료인가요?\t네, 무료입니다.\t앱\t요금\r\n')
  const { code, corpus } = await importFiles(t, [tsv])
  t.equal(code, 0)
  t.same(corpus?.entries[0]?.category, ['앱', '요금'])
})

t.test('bad CSVs are refused with messages naming file and row, and nothing is written', async (t) => {
  const dir = tmp(t)
  const noAnswer = join(dir, 'no-answer.csv')
  writeFileSync(noAnswer, '질문,비고\n배송은?,메모\n')
  let r = await importFiles(t, [noAnswer])
  t.equal(r.code, 1)
  t.match(r.printed, /no-answer\.csv: no answer column; the header row has \["질문","비고"\]/)
  t.notOk(r.corpus)

  const bad = join(dir, 'bad.csv')
  writeFileSync(
    bad,
    [
      'question,answer,url,id',
      '환불은요?,환불 안내입니다.,http://,',
      '교환은요?,교환 안내입니다.,,x1',
      '반품은요?,반품 안내입니다.,,x1',
    ].join('\r\n')
  )
  r = await importFiles(t, [bad])
  t.equal(r.code, 1)
  t.match(r.printed, /error: .*bad\.csv row 2: malformed URL in the url column: "http:\/\/"/)
  t.match(r.printed, /error: entry x1: duplicate id "x1" for different questions/)
  t.match(r.printed, /nothing written/)
  t.notOk(r.corpus)
})

t.test('blank cells skip their row with a warning naming it; --strict refuses instead', async (t) => {
  const dir = tmp(t)
  const blanks = join(dir, 'blanks.csv')
  writeFileSync(
    blanks,
    [
      'question,answer',
      '배송은 얼마나 걸리나요?,',
      ',답만 있어요',
      '환불은요?,환불 안내입니다.',
      `긴 답변은 어떻게 보이나요?,"${'가나다라마바사아자차카. '.repeat(300)}"`,
    ].join('\r\n')
  )
  let r = await importFiles(t, [blanks])
  t.equal(r.code, 0, 'blank rows do not stop the import')
  t.same(r.corpus?.entries.map((e) => e.question).sort(), ['긴 답변은 어떻게 보이나요?', '환불은요?'])
  t.match(r.printed, /warning: .*blanks\.csv row 2: skipped: empty answer \("배송은 얼마나 걸리나요\?"\)/)
  t.match(r.printed, /warning: .*blanks\.csv row 3: skipped: empty question \(answer "답만 있어요"\)/)
  t.match(r.printed, /note: entry faq-\w+: long answer: 4 text bubbles of 1000 characters; a reply shows 3, the rest follows "이어서 보기"/)
  t.match(r.printed, /4 record\(s\): 2 kept as entries, 0 merged into them, 2 skipped \(empty answer 1, empty question 1\)/)

  r = await importFiles(t, [blanks, '--strict'])
  t.equal(r.code, 1)
  t.match(r.printed, /2 error\(s\) or warning\(s\) \(--strict\); nothing written/)
  t.notOk(r.corpus)
})

t.test('an operator CSV of similar-but-different questions loses no FAQ, and the app answers each', async (t) => {
  const { code, corpus, printed, out } = await importFiles(t, [testData('faq-similar.csv')])
  t.equal(code, 0)
  const entries = corpus?.entries ?? []
  // 12 rows: one exact copy merges, two blank rows are skipped, everything else is its own entry.
  t.equal(entries.length, 9)
  t.match(printed, /12 record\(s\): 9 kept as entries, 1 merged into them, 2 skipped \(empty answer 1, empty question 1\)/)
  for (const q of ['쿠폰 조회', '쿠폰 사용 내역 조회', '데이터 쿠폰 선물 목록 확인', '데이터 쿠폰 자동 선물 목록 확인', '상담 시간 문의', '전화 상담 시간 문의']) {
    t.equal(entries.filter((e) => e.question === q).length, 1, `"${q}" is an entry of its own`)
  }
  t.same(entries.filter((e) => e.question === '배송지 변경').map((e) => e.category.join(' > ')).sort(), ['배송', '해외 배송'], 'same question, two answers: two entries')
  t.match(printed, /row 8 and .*row 10: same question "배송지 변경" with 2 different answers/)
  t.match(printed, /note: .*long answer: 4 text bubbles/)
  t.notMatch(printed, /excerpt|typo/)

  const app = await build(t, { FAQ_FILE: out })
  for (const q of ['쿠폰 사용 내역 조회', '데이터 쿠폰 자동 선물 목록 확인', '전화 상담 시간 문의', '반품은 어떻게 하나요?']) {
    const body = (await app.inject({ method: 'POST', url: '/skills/faq', payload: payload(q) })).json()
    t.same(responseErrors(body), [])
    const id = entries.find((e) => e.question === q)?.id
    t.ok(body.data.faqId === id || body.data.candidates?.some((c: { faqId: string }) => c.faqId === id), `"${q}" is answered or offered`)
  }
})
