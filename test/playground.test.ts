// The playground route: the page and its files, the skills list, the matcher explanation, and
// PLAYGROUND=false turning all of it off.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build, payload } from './helpers.js'
import { PLAYGROUND_DIR } from '../src/routes/playground.js'

t.test('GET /playground serves the chat page, its first text input is the chat input', async (t) => {
  const app = await build(t)
  for (const url of ['/playground', '/playground/']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.match(res.headers['content-type'], /^text\/html; charset=utf-8/)
    t.equal(res.body, readFileSync(join(PLAYGROUND_DIR, 'index.html'), 'utf8'))
  }
  const html = (await app.inject({ url: '/playground' })).body
  const firstInput = /<input[^>]*>/.exec(html)?.[0] ?? ''
  t.match(firstInput, /type="text"/)
  t.match(firstInput, /id="input"/)
  t.match(html, /<form id="composer"/, 'Enter submits the form')
  for (const skill of ['/skills/faq', '/skills/browse', '/skills/welcome']) t.match(html, `value="${skill}"`)
})

t.test('the page assets are served with their types; nothing else under /playground', async (t) => {
  const app = await build(t)
  const js = await app.inject({ url: '/playground/app.js' })
  t.equal(js.statusCode, 200)
  t.match(js.headers['content-type'], /^text\/javascript/)
  t.match(js.body, /function skillPayload/)
  const css = await app.inject({ url: '/playground/style.css' })
  t.equal(css.statusCode, 200)
  t.match(css.headers['content-type'], /^text\/css/)
  t.match(css.body, /#b2c7da/i, 'KakaoTalk room colour')
  t.match(css.body, /#fee500/i, 'yellow user bubbles')
  for (const url of ['/playground/../package.json', '/playground/%2e%2e/package.json', '/playground/nope.js', '/playground/index.htm']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 404, url)
    t.same(Object.keys(res.json()).sort(), ['error', 'message', 'statusCode'])
  }
})

t.test('GET /playground/skills lists the skill endpoints the app serves', async (t) => {
  const app = await build(t)
  const res = await app.inject({ url: '/playground/skills' })
  t.equal(res.statusCode, 200)
  const { skills, authHeader } = res.json()
  t.ok(skills.includes('/skills/faq'))
  t.same(res.json().blocks['/skills/welcome'], { id: 'playground-welcome', name: '웰컴 블록' }, 'with the block each is called from')
  for (const s of skills) t.ok(app.hasRoute({ method: 'POST', url: s }), `${s} exists`)
  t.equal(authHeader, undefined, 'no secret configured: no header named')

  const secured = await build(t, { SKILL_AUTH_TOKEN: 's3cret-token-value', SKILL_AUTH_HEADER: 'X-Bot-Secret' })
  const body = (await secured.inject({ url: '/playground/skills' })).json()
  t.equal(body.authHeader, 'X-Bot-Secret', 'names the header, never the secret')
  t.notMatch(JSON.stringify(body), /s3cret/)
  t.equal(body.botId, undefined)

  const allowlist = await build(t, { ALLOWED_BOT_IDS: '64f0c0ffee0000000000beef,other' })
  t.equal((await allowlist.inject({ url: '/playground/skills' })).json().botId, '64f0c0ffee0000000000beef', 'an allowed bot id for the page')
})

t.test('POST /playground/explain returns the MatchResult for an utterance', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/playground/explain', payload: { utterance: '배포란 무엇인가요?' } })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.equal(body.outcome, 'answer')
  t.equal(body.candidates[0].question, '배포란 무엇인가요?')
  // The same decision the skill makes for that utterance, on the same corpus.
  const skill = (await app.inject({ method: 'POST', url: '/skills/faq', payload: payload('배포란 무엇인가요?') })).json()
  t.equal(body.candidates[0].faqId, skill.data.faqId)
  t.equal(body.corpusVersion, (await app.inject({ url: '/ready' })).json().version)

  const miss = (await app.inject({ method: 'POST', url: '/playground/explain', payload: { utterance: '오늘 서울 날씨 어때요?' } })).json()
  t.not(miss.outcome, 'answer')

  const bad = await app.inject({ method: 'POST', url: '/playground/explain', payload: { text: 'x' } })
  t.equal(bad.statusCode, 400)
  t.match(bad.json(), { error: 'Bad Request', statusCode: 400 })
})

t.test('PLAYGROUND=false turns the playground off', async (t) => {
  const app = await build(t, { PLAYGROUND: 'false' })
  for (const [method, url] of [['GET', '/playground'], ['GET', '/playground/app.js'], ['GET', '/playground/skills'], ['POST', '/playground/explain']] as const) {
    const res = await app.inject({ method, url, ...(method === 'POST' ? { payload: { utterance: 'x' } } : {}) })
    t.equal(res.statusCode, 404, `${method} ${url}`)
  }
  t.equal((await app.inject({ method: 'POST', url: '/skills/faq', payload: { userRequest: { utterance: '배포란 무엇인가요?', user: { id: 'u' } } } })).statusCode, 200, 'skills still served')
})
