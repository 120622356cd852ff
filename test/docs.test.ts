// OpenAPI docs generated from the route schemas.
import t from 'tap'
import { build } from './helpers.js'

t.test('/docs/json describes every route, /skills/faq with the SkillPayload body and SkillResponse reply', async (t) => {
  const app = await build(t)
  const res = await app.inject({ url: '/docs/json' })
  t.equal(res.statusCode, 200)
  const spec = res.json()
  t.match(spec.openapi, /^3\./)
  const faq = spec.paths['/skills/faq']?.post
  t.ok(faq, '/skills/faq is documented')
  const body = faq.requestBody.content['application/json'].schema
  t.equal(body.title, 'SkillPayload (OpenBuilder skill request 2.0)')
  t.ok(body.required.includes('userRequest'))
  t.ok(body.properties.userRequest.properties.utterance, 'utterance is documented')
  t.ok(body.properties.action.anyOf ?? body.properties.action.properties, 'action is documented')
  const ok = faq.responses['200'].content['application/json'].schema
  t.equal(ok.title, 'SkillResponse 2.0')
  t.ok(ok.properties.template.properties.outputs)
  t.same(faq.tags, ['skills'])

  for (const path of ['/health', '/ready', '/playground', '/playground/explain', '/playground/skills']) t.ok(spec.paths[path], `${path} is documented`)
  t.notOk(spec.paths['/playground/app.js'], 'static assets are hidden')
  t.notOk(Object.keys(spec.paths).some((p) => p.startsWith('/docs')), 'the docs do not document themselves')
})

t.test('/docs serves the Swagger UI page and its assets from the package', async (t) => {
  const app = await build(t)
  const res = await app.inject({ url: '/docs' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/html/)
  t.match(res.body, /swagger-ui/)
  const js = await app.inject({ url: '/docs/static/swagger-ui-bundle.js' })
  t.equal(js.statusCode, 200, 'served locally, no CDN')
  const init = await app.inject({ url: '/docs/static/swagger-initializer.js' })
  t.match(init.body, /json/, 'the UI reads the JSON spec')
})
