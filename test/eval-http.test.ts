import t from 'tap'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { measureHttp, shapeProblem, skillPayload } from '../scripts/eval-http.js'
import { parseEvalFile } from '../src/match/eval.js'

const ok = (data: Record<string, unknown>) => ({ version: '2.0', template: { outputs: [{ simpleText: { text: '답' } }] }, data })

// Canned replies by utterance: what a skill server could answer, right or wrong, well-formed or not.
const replies: Record<string, { status?: number; body: unknown }> = {
  right: { body: ok({ outcome: 'answer', question: '환불은 언제 되나요?', candidates: [{ question: '환불은 언제 되나요?' }] }) },
  wrong: { body: ok({ outcome: 'answer', question: '쿠폰은 어디서 받나요?', candidates: [{ question: '쿠폰은 어디서 받나요?' }, { question: '환불 계좌를 바꾸고 싶어요.' }] }) },
  // Answered wrong, the right one third: top-3 reads the answered question first, then the candidates.
  third: { body: ok({ outcome: 'answer', question: 'A', candidates: [{ question: 'A' }, { question: 'B' }, { question: '환불은 언제 되나요?' }] }) },
  choices: { body: ok({ outcome: 'choices', candidates: [{ question: '환불 계좌를 바꾸고 싶어요.' }] }) },
  ood: { body: ok({ outcome: 'choices', candidates: [{ question: 'A' }] }) },
  oodAnswered: { body: ok({ outcome: 'answer', question: 'A', candidates: [{ question: 'A' }] }) },
  broken: { status: 500, body: { error: 'boom' } },
  badShape: { body: { version: '2.0', template: { outputs: [] }, data: { outcome: 'none', candidates: [] } } },
}

t.test('measureHttp sends OpenBuilder requests and counts as run-eval.mjs does', async (t) => {
  const seen: unknown[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const payload = JSON.parse(body) as { userRequest: { utterance: string } }
      seen.push(payload)
      const r = replies[payload.userRequest.utterance]!
      res.writeHead(r.status ?? 200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(r.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => server.close())
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const expect = '["환불은 언제"]'
  const cases = parseEvalFile(
    [
      `{"utterance": "right", "expect": ${expect}}`,
      `{"utterance": "wrong", "expect": ${expect}}`,
      `{"utterance": "third", "expect": ${expect}}`,
      '{"utterance": "choices", "expect": ["환불 계좌"]}',
      `{"utterance": "broken", "expect": ${expect}}`,
      '{"utterance": "ood", "expect": []}',
      '{"utterance": "oodAnswered", "expect": []}',
      '{"utterance": "badShape", "expect": []}',
    ].join('\n')
  )
  const { figures: f, misses } = await measureHttp(url, cases)
  t.equal(seen.length, cases.length)
  t.equal(f.failed, 1)
  t.equal(f.badShape, 1)
  t.equal(f.inDomain, 4, 'a failed request is not counted in the shares')
  t.equal(f.answerAccuracy, 1 / 4)
  t.equal(f.wrongAnswerRate, 2 / 4)
  t.equal(f.top3Recall, 3 / 4, 'right, third and choices; wrong has it nowhere')
  t.equal(f.outOfDomain, 3)
  t.equal(f.outOfDomainAnswered, 1 / 3)
  t.equal(f.outOfDomainChoices, 1 / 3)
  t.ok(f.p99Ms >= f.p50Ms)
  t.same(misses.map((m) => m.utterance), ['wrong', 'third', 'choices', 'broken', 'oodAnswered'])
})

t.test('skillPayload and shapeProblem follow run-eval.mjs', async (t) => {
  const p = skillPayload('안녕', 'abc123def4567')
  t.equal(p.userRequest.utterance, '안녕')
  t.equal(p.userRequest.user.properties.plusfriendUserKey, 'pfabc123def4')
  t.equal(shapeProblem(ok({})), null)
  t.match(shapeProblem({ version: '1.0' }), /version/)
  t.match(shapeProblem({ version: '2.0', template: { outputs: [{ simpleText: { text: 'x'.repeat(1001) } }] } }), /1\.\.1000/)
  t.match(shapeProblem({ version: '2.0', template: { outputs: [{ simpleText: { text: 'a' }, basicCard: {} }] } }), /exactly one/)
  t.match(shapeProblem({ version: '2.0', template: { outputs: [{ simpleText: { text: 'a' } }], quickReplies: Array(11).fill({}) } }), /at most 10/)
})
