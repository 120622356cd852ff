import t from 'tap'
import { fixtures, responseErrors } from './helpers.js'
import { buildConversation } from './conversation-helpers.js'

// One real-shaped request per conversation flow (fixtures/flow-*.json): where it is sent and
// what the reply must be. flow-browse* go to /skills/browse, flow-welcome* to /skills/welcome.
const expected: Record<string, { outcome: string; kind?: string; faqId?: string; first: string }> = {
  'flow-answer.json': { outcome: 'answer', faqId: 'kh-dee12b30', first: 'textCard' },
  'flow-none.json': { outcome: 'none', first: 'simpleText' },
  'flow-tap-answer.json': { outcome: 'answer', faqId: 'kh-5836c14c', first: 'textCard' },
  'flow-related.json': { outcome: 'answer', faqId: 'kh-315cdd0f', first: 'textCard' },
  'flow-feedback-yes.json': { outcome: 'none', kind: 'feedback', faqId: 'kh-dee12b30', first: 'simpleText' },
  'flow-feedback-no.json': { outcome: 'none', kind: 'feedback', faqId: 'kh-dee12b30', first: 'simpleText' },
  'flow-missed.json': { outcome: 'none', kind: 'missed', first: 'simpleText' },
  'flow-category.json': { outcome: 'none', kind: 'category', first: 'listCard' },
  'flow-home.json': { outcome: 'none', kind: 'menu', first: 'carousel' },
  'flow-stale.json': { outcome: 'answer', faqId: 'kh-dee12b30', first: 'simpleText' },
  'flow-browse.json': { outcome: 'none', kind: 'menu', first: 'carousel' },
  'flow-browse-category.json': { outcome: 'none', kind: 'category', first: 'listCard' },
  'flow-welcome.json': { outcome: 'none', kind: 'welcome', first: 'simpleText' },
}

t.test('every flow fixture gets its valid reply', async (t) => {
  const { app } = await buildConversation(t)
  const flows = fixtures().filter((f) => f.name.startsWith('flow-'))
  t.same(flows.map((f) => f.name).sort(), Object.keys(expected).sort(), 'one expectation per flow fixture')
  for (const { name, body } of flows) {
    const url = name.startsWith('flow-browse') ? '/skills/browse' : name.startsWith('flow-welcome') ? '/skills/welcome' : '/skills/faq'
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
