// faq-skill replay: fixture replay as a regression suite, the --check / --update cycle, the skill
// convention, the diff and the terminal drawing of every component.
import t from 'tap'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkFixture, diffJson, expectedFile, inProcessSender, loadFixture, run } from '../src/cli/replay.js'
import { displayWidth, drawResponse } from '../src/cli/draw.js'
import { fixturesDir, payload, responseErrors } from './helpers.js'

const withExpected = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .filter((f) => existsSync(join(fixturesDir, f.replace(/\.json$/, '.expected.json'))))
  .sort()

t.test('every fixture with a saved reply still gets it (faq-skill replay --check)', async (t) => {
  t.ok(withExpected.length >= 3, 'fixtures with expectations exist')
  const { send, close } = await inProcessSender()
  t.teardown(close)
  for (const f of withExpected) {
    const fixture = loadFixture(join(fixturesDir, f))
    const result = await checkFixture(send, fixture)
    t.equal(result.status, 'ok', `${f}\n${result.diff.join('\n')}`)
  }
})

t.test('the replies of the fixtures are valid SkillResponses', async (t) => {
  const { send, close } = await inProcessSender()
  t.teardown(close)
  for (const f of withExpected) {
    const fixture = loadFixture(join(fixturesDir, f))
    const reply = await send(fixture.skill, fixture.body)
    if (reply.status === 200) t.same(responseErrors(reply.body), [], f)
  }
})

t.test('skill convention: $skill key, --skill, file name prefix, default', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const write = (name: string, body: object) => {
    writeFileSync(join(dir, name), JSON.stringify(body))
    return join(dir, name)
  }
  const hinted = loadFixture(write('a.json', { $skill: 'browse', $comment: 'x', ...payload('hi') }), '/skills/welcome', ['faq', 'browse'])
  t.equal(hinted.skill, '/skills/browse', '$skill wins and a bare name becomes /skills/<name>')
  t.notOk('$skill' in hinted.body, 'metadata keys are stripped')
  t.notOk('$comment' in hinted.body)
  t.equal(hinted.body.userRequest && (hinted.body.userRequest as { utterance: string }).utterance, 'hi')
  t.equal(loadFixture(write('browse-x.json', payload('a')), '/skills/welcome', ['browse']).skill, '/skills/welcome', '--skill beats the name')
  t.equal(loadFixture(write('browse-y.json', payload('a')), undefined, ['faq', 'browse']).skill, '/skills/browse', 'name prefix')
  t.equal(loadFixture(write('flow-welcome.json', payload('a')), undefined, ['faq', 'browse', 'welcome']).skill, '/skills/welcome', 'a word of the name')
  t.equal(loadFixture(write('flow-browse-category.json', payload('a')), undefined, ['faq', 'browse']).skill, '/skills/browse')
  t.equal(loadFixture(write('browsing-z.json', payload('a')), undefined, ['faq', 'browse']).skill, '/skills/faq', 'no skill word: default')
  t.equal(loadFixture(write('flow-tap-answer.json', payload('a')), undefined, ['faq', 'browse']).skill, '/skills/faq')
  t.throws(() => loadFixture(write('bad.json', [] as unknown as object)), /one JSON object/)
  writeFileSync(join(dir, 'broken.json'), '{ nope')
  t.throws(() => loadFixture(join(dir, 'broken.json')), /broken\.json/)
})

t.test('--update writes expectations, --check passes, then fails with a readable diff', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'deploy.json')
  writeFileSync(file, JSON.stringify(payload('배포란 무엇인가요?')))
  const logs: string[] = []
  const log = console.log
  console.log = (...a: unknown[]) => void logs.push(a.join(' '))
  t.teardown(() => (console.log = log))

  t.equal(await run([file, '--check']), 1, 'missing expectation fails')
  t.equal(await run([file, '--update']), 0)
  const expected = JSON.parse(readFileSync(expectedFile({ file, name: 'deploy' }), 'utf8'))
  t.match(expected, { skill: '/skills/faq', status: 200, data: { outcome: 'answer', question: '배포란 무엇인가요?' } })
  t.notOk('score' in expected.data, 'volatile score is not saved')
  t.equal(await run([file, '--check']), 0)

  expected.data.outcome = 'none'
  expected.template.outputs[0] = { simpleText: { text: '다른 답' } }
  writeFileSync(expectedFile({ file, name: 'deploy' }), JSON.stringify(expected))
  logs.length = 0
  t.equal(await run([file, '--check']), 1, 'a changed reply fails')
  const out = logs.join('\n')
  t.match(out, /FAIL .*deploy\.json/)
  t.match(out, /data\.outcome:\s+expected "none"\s+got\s+"answer"/)
  t.match(out, /template\.outputs\[0\]\.simpleText:/)
  t.match(out, /0 passed, 1 failed/)

  logs.length = 0
  t.equal(await run([file]), 0, 'plain replay prints the reply')
  t.match(logs.join('\n'), /"outcome": "answer"/)
  t.match(logs.join('\n'), /│ ■ 배포란 무엇인가요\?/)
  t.equal(await run([]), 2, 'no fixture: usage')
  t.equal(await run([expectedFile({ file, name: 'deploy' })]), 2, 'an expectation alone is not a fixture')
  logs.length = 0
  t.equal(await run([dir, '--no-draw']), 0, 'a folder stands for its fixtures')
  t.equal(logs.filter((l) => l.startsWith('── ')).length, 1, 'the .expected.json next to it is not sent')
  t.equal(await run([file, '--check', '--update']), 2)
})

t.test('replay --url sends to a running server', async (t) => {
  const { buildApp } = await import('../src/app.js')
  const { loadConfig } = await import('../src/config.js')
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }) })
  t.teardown(() => app.close())
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const fixture = join(fixturesDir, 'replay-exact-question.json')
  const logs: string[] = []
  const log = console.log
  console.log = (...a: unknown[]) => void logs.push(a.join(' '))
  t.teardown(() => (console.log = log))
  t.equal(await run([fixture, '--url', address, '--check']), 0, logs.join('\n'))
})

t.test('diffJson names the paths that differ', async (t) => {
  t.same(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), [])
  const d = diffJson({ a: [1, { b: 2 }], c: 'x' }, { a: [1, { b: 3 }, 4] })
  t.equal(d.length, 3)
  t.match(d[0], /^a\[1\]\.b:\s+expected 2\s+got\s+3/)
  t.match(d[1], /^a\[2\]:\s+expected \(missing\)\s+got\s+4/)
  t.match(d[2], /^c:\s+expected "x"\s+got\s+\(missing\)/)
  const long = diffJson(undefined, { text: '가'.repeat(500) })[0]!
  t.match(long, /… \(511 chars\)$/, 'long values are cut with their length')
})

t.test('drawResponse draws every component, buttons and quick replies in aligned boxes', async (t) => {
  const thumb = { imageUrl: 'https://example.com/a.png', altText: '안내 이미지' }
  const response = {
    version: '2.0',
    template: {
      outputs: [
        { simpleText: { text: '안녕하세요! 무엇을 도와드릴까요? 아주 긴 문장은 상자 안에서 여러 줄로 나뉘어야 합니다. 정말로요.' } },
        { simpleImage: { imageUrl: 'https://example.com/b.png', altText: '그림' } },
        { textCard: { title: '배포란?', description: '봇을 반영합니다', buttons: [{ label: '자세히 보기', action: 'webLink', webLinkUrl: 'https://example.com' }] } },
        { basicCard: { title: '카드', thumbnail: thumb, buttons: [{ label: '상담원 연결', action: 'operator' }] } },
        {
          listCard: {
            header: { title: '혹시 이런 질문이신가요?' },
            items: [
              { title: '배포란 무엇인가요?', action: 'message', messageText: '배포란 무엇인가요?', extra: { faqId: 'x' } },
              { title: '스킬이란?', description: '엔드포인트', action: 'block', blockId: 'b1' },
            ],
            buttons: [{ label: '더보기', action: 'message', messageText: '더보기 2' }],
          },
        },
        { itemCard: { head: { title: '요약' }, itemList: [{ title: '분류', description: '채널' }, { title: '건수', description: '3' }] } },
        {
          carousel: {
            type: 'basicCard',
            items: [
              { title: '첫째', thumbnail: thumb },
              { title: '둘째', thumbnail: thumb, buttons: [{ label: '전화', action: 'phone', phoneNumber: '1577-0000' }] },
            ],
          },
        },
      ],
      quickReplies: [
        { label: '도움이 됐어요', action: 'message', messageText: '도움이 됐어요' },
        { label: '처음으로', action: 'block', blockId: 'home' },
        { label: '버튼의 가로배열과 세로배…', action: 'message', messageText: '버튼' },
        { label: '챗봇에 채널 연결을 하지…', action: 'message', messageText: '챗봇' },
      ],
    },
  }
  const text = drawResponse(response, { width: 50, utterance: '질문' })
  for (const needle of [
    '안녕하세요!',
    '🖼  그림',
    '■ 배포란?',
    '[ 자세히 보기 ] → https://example.com',
    '[ 상담원 연결 ] (상담직원 연결)',
    '■ 혹시 이런 질문이신가요?',
    '1. 배포란 무엇인가요? ›',
    '2. 스킬이란? → block b1',
    '[ 더보기 ] → "더보기 2"',
    '분류  채널',
    '◀ carousel of 2 basicCard',
    '2/2',
    '☎ 1577-0000',
    '( 도움이 됐어요 )',
    '( 처음으로 → block home )',
  ]) {
    t.ok(text.includes(needle), `draws ${needle}`)
  }
  t.match(text, /\n│ {4}엔드포인트/, 'list item descriptions are indented under their title')
  for (const line of text.split('\n')) t.ok(displayWidth(line) <= 50, `fits 50 columns: ${line}`)
  for (const line of text.split('\n').filter((l) => l.startsWith('('))) t.match(line, /^(\( [^()]+ \) ?)+$/, `whole chips per row: ${line}`)
  // Box rows line up: every │-bordered line of the same box has the same width.
  const rows = text.split('\n').filter((l) => /^│.*│$/.test(l))
  t.ok(rows.length > 5)
  t.equal(new Set(rows.map(displayWidth)).size, 1, 'right borders line up with Korean text')
  t.match(drawResponse({ version: '2.0', template: { outputs: [] } }), /no outputs/)
  t.match(drawResponse(null), /no outputs/)
})
