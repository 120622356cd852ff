// Environment → typed, validated configuration. A bad value stops the process with a message
// naming the variable; nothing branches on NODE_ENV.
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { resolve } from 'node:path'
import { dataPath } from './paths.js'

const Bool = Type.Union([Type.Boolean()], { default: true })

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'Port to listen on' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Interface to bind' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'pino log level' },
  ),
  FAQ_FILE: Type.String({ minLength: 1, default: dataPath('faq.json'), description: 'Corpus file (JSON corpus or array of entries)' }),
  SYNONYMS_FILE: Type.String({ minLength: 1, default: dataPath('synonyms.json'), description: 'Synonym and slang dictionary' }),
  MESSAGES_FILE: Type.Optional(Type.String({ minLength: 1, description: 'JSON file overriding the bot’s sentences' })),
  SKILL_AUTH_TOKEN: Type.Optional(Type.String({ minLength: 1, description: 'Shared secret every skill request must carry' })),
  SKILL_AUTH_HEADER: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9-]+$', default: 'x-skill-token', description: 'Header that carries the secret' }),
  ALLOWED_BOT_IDS: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'Comma-separated bot ids allowed to call (empty = any)' }),
  LOG_SALT: Type.String({ default: 'kakao-faq-skill', description: 'Salt for the hash of botUserKey in logs' }),
  PLAYGROUND: { ...Bool, description: 'Serve the local chat playground at /playground' },
  SKILL_TIME_BUDGET_MS: Type.Integer({
    minimum: 100,
    maximum: 4500,
    default: 3000,
    description: 'A skill that has not answered by then sends the polite "busy" reply (OpenBuilder gives up at 5 s)',
  }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({
    minimum: 0,
    default: 1000,
    description: 'Mean event-loop delay above which skills answer "busy" at once (0 = off)',
  }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 9000,
    description: 'On SIGTERM, how long requests in flight may take before the process exits anyway',
  }),
})

export type Config = Static<typeof ConfigSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const BOOL_TRUE = new Set(['1', 'true', 'yes', 'on'])
const BOOL_FALSE = new Set(['0', 'false', 'no', 'off'])

/** Read the known variables from `env`, convert, default and validate them. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(ConfigSchema.properties)) {
    const value = env[key]
    if (value === undefined || value === '') continue
    const kind = (schema as { type?: string; anyOf?: Array<{ type?: string }> }).type ?? (schema as { anyOf?: Array<{ type?: string }> }).anyOf?.[0]?.type
    if (kind === 'integer') raw[key] = /^-?\d+$/.test(value.trim()) ? Number(value) : value
    else if (kind === 'boolean') {
      const v = value.trim().toLowerCase()
      raw[key] = BOOL_TRUE.has(v) ? true : BOOL_FALSE.has(v) ? false : value
    } else if (kind === 'array') raw[key] = value.split(',').map((s) => s.trim()).filter(Boolean)
    else raw[key] = value
  }
  const config = Value.Default(ConfigSchema, raw) as Config
  const error = Value.Errors(ConfigSchema, config).First()
  if (error) {
    const name = error.path.split('/')[1] ?? error.path
    throw new ConfigError(`Invalid environment variable ${name}=${JSON.stringify(env[name] ?? '')}: ${error.message}`)
  }
  for (const key of ['FAQ_FILE', 'SYNONYMS_FILE', 'MESSAGES_FILE'] as const) {
    const v = config[key]
    if (v) config[key] = resolve(v)
  }
  return config
}
