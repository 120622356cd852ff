import t from 'tap'
import { build, payload, responseErrors } from './helpers.js'

t.test('an exact FAQ question gets its answer with data', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('배포란 무엇인가요?') })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(responseErrors(body), [])
  t.equal(body.data.outcome, 'answer')
  t.equal(body.data.question, '배포란 무엇인가요?')
  t.match(JSON.stringify(body.template.outputs), /실제 서비스에 반영/)
})

t.test('an empty or whitespace utterance gets a valid reply, not an error', async (t) => {
  const app = await build(t)
  for (const u of ['', '   ', '\n\t']) {
    const res = await app.inject({ method: 'POST', url: '/skills/faq', payload: payload(u) })
    t.equal(res.statusCode, 200)
    t.same(responseErrors(res.json()), [])
    t.equal(res.json().data.outcome, 'none')
  }
})
