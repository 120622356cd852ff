import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError, ConfigSchema, loadConfig } from '../src/config.js'
import { dataPath, projectRoot } from '../src/paths.js'

t.test('defaults', async (t) => {
  const c = loadConfig({})
  t.equal(c.PORT, 8080)
  t.equal(c.HOST, '0.0.0.0')
  t.equal(c.LOG_LEVEL, 'info')
  t.equal(c.FAQ_FILE, dataPath('faq.json'))
  t.equal(c.SYNONYMS_FILE, dataPath('synonyms.json'))
  t.equal(c.MESSAGES_FILE, undefined)
  t.equal(c.SKILL_AUTH_TOKEN, undefined)
  t.equal(c.SKILL_AUTH_HEADER, 'x-skill-token')
  t.same(c.ALLOWED_BOT_IDS, [])
  t.type(c.LOG_SALT, 'string')
  t.equal(c.PLAYGROUND, true)
  t.same(loadConfig({ PORT: '', HOST: '' }), c, 'empty values count as unset')
})

t.test('PORT parsing', async (t) => {
  t.equal(loadConfig({ PORT: '3000' }).PORT, 3000)
  t.equal(loadConfig({ PORT: ' 3000 ' }).PORT, 3000, 'surrounding spaces')
  t.equal(loadConfig({ PORT: '0' }).PORT, 0, '0 = any free port')
  t.equal(loadConfig({ PORT: '65535' }).PORT, 65535)
  for (const bad of ['abc', '80.5', '-1', '65536', '8080x', '0x50']) {
    t.throws(() => loadConfig({ PORT: bad }), { name: 'ConfigError', message: new RegExp(`^Invalid environment variable PORT="${bad.replace('.', '\\.')}"`) }, `PORT=${bad}`)
  }
})

t.test('a bad value names the variable and what is expected', async (t) => {
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), { message: /LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent/ })
  t.throws(() => loadConfig({ PLAYGROUND: 'maybe' }), { message: /PLAYGROUND="maybe"/ })
  t.throws(() => loadConfig({ SKILL_AUTH_HEADER: 'bad header!' }), { message: /SKILL_AUTH_HEADER/ })
  const err = (() => {
    try {
      loadConfig({ PORT: 'x' })
    } catch (e) {
      return e
    }
  })()
  t.ok(err instanceof ConfigError)
})

t.test('booleans, lists and paths', async (t) => {
  for (const v of ['0', 'false', 'no', 'off', 'FALSE', ' Off ']) t.equal(loadConfig({ PLAYGROUND: v }).PLAYGROUND, false, v)
  for (const v of ['1', 'true', 'yes', 'on', 'TRUE']) t.equal(loadConfig({ PLAYGROUND: v }).PLAYGROUND, true, v)
  t.same(loadConfig({ ALLOWED_BOT_IDS: ' a, b ,,c ' }).ALLOWED_BOT_IDS, ['a', 'b', 'c'])
  t.equal(loadConfig({ FAQ_FILE: 'some/faq.json' }).FAQ_FILE, join(process.cwd(), 'some/faq.json'), 'relative paths resolve from the working directory')
  t.equal(loadConfig({ LOG_LEVEL: 'debug', HOST: '127.0.0.1' }).HOST, '127.0.0.1')
  t.equal(loadConfig({ UNRELATED: 'x' } as Record<string, string>).PORT, 8080, 'unknown variables are ignored')
})

t.test('every variable in ConfigSchema is in the docs/configuration.md table, with its description', async (t) => {
  const readme = readFileSync(join(projectRoot, 'docs', 'configuration.md'), 'utf8')
  for (const [key, schema] of Object.entries(ConfigSchema.properties)) {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${key}\` |`))
    t.ok(row, `${key} has a row in the docs/configuration.md table`)
    const description = (schema as { description?: string }).description
    if (row && description) t.ok(row.includes(description), `${key}: docs/configuration.md row says "${description}"`)
  }
})

t.test('the shutdown timeout leaves room for the drain and a whole skill budget', async (t) => {
  t.throws(() => loadConfig({ SHUTDOWN_DRAIN_MS: '5000', SHUTDOWN_TIMEOUT_MS: '7000' }), /SHUTDOWN_TIMEOUT_MS="7000": must be more than SHUTDOWN_DRAIN_MS \+ SKILL_TIME_BUDGET_MS/)
  t.equal(loadConfig({ SHUTDOWN_DRAIN_MS: '0', SHUTDOWN_TIMEOUT_MS: '7000' }).SHUTDOWN_TIMEOUT_MS, 7000)
})
