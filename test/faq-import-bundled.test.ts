// The bundled corpus is exactly what `faq-skill import data/sources/kakao-help/*.txt` makes of the
// four help-centre pages, and those pages' 40 results become one entry per distinct question.
import t, { type Test } from 'tap'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { run } from '../src/cli/import.js'
import { parseHelpCentrePage } from '../src/faq/import/helpcentre.js'
import { cleanText, fold } from '../src/faq/import/normalize.js'
import { projectRoot, dataPath } from '../src/paths.js'
import { parseCorpus } from '../src/faq/load.js'

const pagesDir = dataPath('sources', 'kakao-help')
// The glob's order: `*.txt` expands sorted, and these names are plain ASCII.
const pages = readdirSync(pagesDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => join('data', 'sources', 'kakao-help', f))
const bundled = readFileSync(dataPath('faq.json'), 'utf8')
const corpus = parseCorpus(bundled, 'data/faq.json')

function tmp (t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'faq-import-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

t.test('import of the four pages reproduces data/faq.json byte for byte', async (t) => {
  const out = join(tmp(t), 'faq.json')
  const cwd = process.cwd()
  process.chdir(projectRoot)
  t.teardown(() => process.chdir(cwd))
  const stderr = t.capture(console, 'error')
  t.equal(await run([...pages, '--out', out]), 0)
  t.equal(readFileSync(out, 'utf8'), bundled)
  const printed = stderr().map((c) => c.args.join(' ')).join('\n')
  t.match(printed, /merged 3 entries into faq-\w+ "제가 생성한 오픈채팅 대화방이 검색결과에 나타나지 않아요\."/)
  t.match(printed, /typo \(1 character apart\)/)
  t.match(printed, /excerpt \(1 character cut out of the question\)/)
  t.match(printed, /imported 40 record\(s\) from 4 file\(s\) into 36 entries \(3 merge\(s\)\)/)
})

t.test('the faq-skill command itself does the same (spawned, as an operator runs it)', async (t) => {
  const out = join(tmp(t), 'faq.json')
  const { stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'import', ...pages, '--out', out], { cwd: projectRoot })
  t.equal(readFileSync(out, 'utf8'), bundled)
  t.match(stderr, /into 36 entries/)
})

t.test('every distinct seed question appears exactly once, as a question or an alternate', async (t) => {
  const raw = pages.flatMap((p) => parseHelpCentrePage(readFileSync(join(projectRoot, p), 'utf8'), p))
  t.equal(raw.length, 40, 'the four pages hold 40 results')
  const wordings = corpus.entries.flatMap((e) => [e.question, ...e.alternates].map(fold))
  const distinct = [...new Set(raw.map((r) => fold(r.question)))]
  for (const q of distinct) t.equal(wordings.filter((w) => w === q).length, 1, q)
  t.equal(wordings.length, distinct.length, 'no wording that is not in the pages')
  t.equal(corpus.entries.length, 36)
  t.equal(new Set(corpus.entries.map((e) => e.id)).size, corpus.entries.length, 'ids are unique')
})

t.test('platform copies, excerpts and typos are merged as the issue asks', async (t) => {
  const find = (q: string) => corpus.entries.filter((e) => [e.question, ...e.alternates].some((w) => w.includes(q)))

  const hidden = find('제가 생성한 오픈채팅 대화방이 검색결과에 나타나지 않아요.')
  t.equal(hidden.length, 1)
  t.same(hidden[0]?.platforms, ['iOS', '안드로이드', '안드로이드 (원스토어)'])

  const restriction = find('오픈채팅 이용제한이 적용되는 사유는 어떤')
  t.equal(restriction.length, 1)
  t.equal(restriction[0]?.question, '오픈채팅 이용제한이 적용되는 사유는 어떤 것이 있나요?', 'the complete wording is the question')
  t.same(restriction[0]?.alternates, ['오픈채팅 이용제한이 적용되는 사유는 어떤 이 있나요?'])
  const first = parseHelpCentrePage(readFileSync(join(pagesDir, '000_f3d013ec8ef91b7a.txt'), 'utf8')).find((r) => r.question.startsWith('오픈채팅 이용제한'))
  t.ok(first && first.answer.length > 700, 'the first page has the longer excerpt')
  t.equal(restriction[0]?.answer, cleanText(first?.answer ?? ''), 'the longer answer is kept')
  t.same(restriction[0]?.links, [
    { label: '카카오 운영정책', url: 'https://www.kakao.com/policy/oppolicy' },
    { label: '카카오톡 운영정책', url: 'https://kakao.com/talksafety/policy/overview' },
  ])
  t.match(restriction[0]?.answer, /카카오 운영정책 https:\/\/www\.kakao\.com\/policy\/oppolicy/, 'the answer keeps its text')

  const trending = find('추천채널, 급상')
  t.equal(trending.length, 1)
  t.match(trending[0]?.question, /급상승채널/, 'the spelling the answers use wins')
  t.match(trending[0]?.alternates, [/급상성채널/])
  t.same(trending[0]?.platforms, ['iOS', '안드로이드'])

  // Near but different questions stay apart.
  t.equal(find('프로필에 표시되는 주황색').length, 2)
  t.equal(find('조치는 무엇인가요?').length, 2)
})

t.test('ids come from content: another file order gives the same corpus', async (t) => {
  const dir = tmp(t)
  t.capture(console, 'error')
  t.equal(await run([...[...pages].reverse().map((p) => join(projectRoot, p)), '--out', join(dir, 'a.json')]), 0)
  t.equal(readFileSync(join(dir, 'a.json'), 'utf8'), bundled)
})

t.test('re-importing the corpus (as JSON) keeps it byte for byte, ids included', async (t) => {
  const dir = tmp(t)
  t.capture(console, 'error')
  t.equal(await run([dataPath('faq.json'), '--out', join(dir, 'again.json')]), 0)
  t.equal(readFileSync(join(dir, 'again.json'), 'utf8'), bundled)
})
