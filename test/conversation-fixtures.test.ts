import t from 'tap'
import { join } from 'node:path'
import { loadFixture } from '../src/cli/replay.js'
import { fixtures, fixturesDir, responseErrors } from './helpers.js'
import { bundledMatcher, buildConversation, ScriptedMatcher } from './conversation-helpers.js'

// One real-shaped request per conversation flow (fixtures/flow-*.json) and what the reply must be;
// each goes where replay sends it (its $skill, else a skill named in the file name, else /skills/faq).
const expected: Record<string, { outcome: string; kind?: string; faqId?: string; first: string }> = {
  'flow-answer.json': { outcome: 'answer', faqId: 'faq-963be53d', first: 'textCard' },
  'flow-none.json': { outcome: 'none', first: 'simpleText' },
  'flow-choices.json': { outcome: 'choices', first: 'listCard' },
  'flow-tap-answer.json': { outcome: 'answer', faqId: 'faq-f3a0ead0', first: 'textCard' },
  'flow-related.json': { outcome: 'answer', faqId: 'faq-ade0e357', first: 'textCard' },
  'flow-feedback-yes.json': { outcome: 'none', kind: 'feedback', faqId: 'faq-963be53d', first: 'simpleText' },
  'flow-feedback-no.json': { outcome: 'none', kind: 'feedback', faqId: 'faq-963be53d', first: 'simpleText' },
  'flow-missed.json': { outcome: 'none', kind: 'missed', first: 'simpleText' },
  'flow-category.json': { outcome: 'none', kind: 'category', first: 'listCard' },
  'flow-home.json': { outcome: 'none', kind: 'menu', first: 'carousel' },
  'flow-stale.json': { outcome: 'answer', faqId: 'faq-963be53d', first: 'simpleText' },
  'flow-browse.json': { outcome: 'none', kind: 'menu', first: 'carousel' },
  'flow-browse-category.json': { outcome: 'none', kind: 'category', first: 'listCard' },
  'flow-welcome.json': { outcome: 'none', kind: 'welcome', first: 'simpleText' },
  'flow-confirm-yes.json': { outcome: 'answer', kind: 'answer', faqId: 'faq-963be53d', first: 'textCard' },
  'flow-confirm-no.json': { outcome: 'none', kind: 'missed', faqId: 'faq-963be53d', first: 'simpleText' },
  'flow-more-past-the-end.json': { outcome: 'answer', kind: 'answer', faqId: 'faq-963be53d', first: 'textCard' },
}

t.test('every flow fixture gets its valid reply', async (t) => {
  // "오픈채팅" is scripted to be ambiguous so the choices flow does not depend on matcher tuning;
  // everything else goes to the real matcher.
  const choices = {
    outcome: 'choices' as const,
    candidates: [
      { faqId: 'faq-07e6c1fb', question: '오픈채팅 이용제한이 적용되는 사유는 어떤 이 있나요?', score: 0.73 },
      { faqId: 'faq-619e0450', question: '제가 생성한 오픈채팅 대화방이 검색결과에 나타나지 않아요.', score: 0.69 },
    ],
    score: 0.73,
  }
  const { app } = await buildConversation(t, { matcher: new ScriptedMatcher(await bundledMatcher(), { 오픈채팅: choices }) })
  const flows = fixtures().filter((f) => f.name.startsWith('flow-'))
  t.same(flows.map((f) => f.name).sort(), Object.keys(expected).sort(), 'one expectation per flow fixture')
  for (const { name, body } of flows) {
    const url = loadFixture(join(fixturesDir, name)).skill
    const res = await app.inject({ method: 'POST', url, payload: body as Record<string, unknown> })
    t.equal(res.statusCode, 200, name)
    const reply = res.json()
    t.same(responseErrors(reply), [], `${name}: valid SkillResponse`)
    const want = expected[name]!
    t.equal(reply.data.outcome, want.outcome, `${name}: outcome`)
    if (want.kind) t.equal(reply.data.kind, want.kind, `${name}: kind`)
    if (want.faqId) t.equal(reply.data.faqId, want.faqId, `${name}: faqId`)
    t.ok(want.first in reply.template.outputs[0], `${name}: first output is a ${want.first}`)
  }
})
