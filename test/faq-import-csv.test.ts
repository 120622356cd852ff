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

function tmp(t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'faq-csv-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Run `faq-skill import` in-process; returns exit code, stderr text and the written corpus (if any). */
async function importFiles(t: Test, files: string[]) {
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

t.test('CSV, JSON and JSONL together: same questions merge, given ids are kept', async (t) => {
  const { code, corpus, printed } = await importFiles(t, [testData('faq-excel.csv'), testData('faq-extra.json'), testData('faq-extra.jsonl')])
  t.equal(code, 0)
  const entries = corpus?.entries ?? []
  t.equal(entries.length, 6)
  const shipping = entries.filter((e) => e.question.startsWith('배송은'))
  t.equal(shipping.length, 1, '"배송은 얼마나 걸리나요" (JSON) and "…걸리나요?" (CSV) are one entry')
  t.equal(shipping[0]?.answer, '주문 후 평균 2~3일, 제주·도서산간은 1~2일 더 걸립니다.', 'the longer answer')
  t.same(shipping[0]?.platforms, [], 'iOS + all platforms = all platforms')
  t.match(printed, /merged 2 entries into faq-\w+ "배송은 얼마나 걸리나요\?" \(kept the longest answer/)
  t.match(printed, /same question, another answer/)
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
      '배송은 얼마나 걸리나요?,,,',
      ',답만 있어요,,',
      '환불은요?,환불 안내입니다.,http://,',
      '교환은요?,교환 안내입니다.,,x1',
      '반품은요?,반품 안내입니다.,,x1',
      `긴 답변?,"${'가나다라마바사. '.repeat(400)}",,`,
    ].join('\r\n'),
  )
  r = await importFiles(t, [bad])
  t.equal(r.code, 1)
  t.match(r.printed, /error: .*bad\.csv row 2: empty answer for "배송은 얼마나 걸리나요\?"/)
  t.match(r.printed, /error: .*bad\.csv row 3: empty question/)
  t.match(r.printed, /error: .*bad\.csv row 4: malformed URL in the url column: "http:\/\/"/)
  t.match(r.printed, /error: entry x1: duplicate id "x1" for different questions/)
  t.match(r.printed, /error: entry faq-\w+: answer needs 4 text bubbles of 1000 characters but a reply holds 3/)
  t.match(r.printed, /nothing written/)
  t.notOk(r.corpus)
})
