// Environment → typed, validated configuration. A bad value stops the process with a message
// naming the variable; nothing branches on NODE_ENV.
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { resolve } from 'node:path'
import { dataPath } from './paths.js'
import { DEFAULT_THRESHOLDS, type Thresholds } from './match/thresholds.js'

const Bool = Type.Union([Type.Boolean()], { default: true })
const BoolOff = Type.Union([Type.Boolean()], { default: false })
const HttpUrl = (description: string) => Type.Optional(Type.String({ pattern: '^https?://\\S+$', description }))
const BlockId = (description: string) => Type.Optional(Type.String({ minLength: 1, pattern: '^\\S+$', description }))

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'Port to listen on' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Interface to bind' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'pino log level' }
  ),
  FAQ_FILE: Type.String({ minLength: 1, default: dataPath('faq.json'), description: 'Corpus file (JSON corpus or array of entries)' }),
  SYNONYMS_FILE: Type.String({ minLength: 1, default: dataPath('synonyms.json'), description: 'Synonym and slang dictionary' }),
  MESSAGES_FILE: Type.Optional(Type.String({ minLength: 1, description: 'JSON file overriding the bot’s sentences' })),
  INTENTS_FILE: Type.String({ minLength: 1, default: dataPath('intents.json'), description: 'Small-talk phrases answered before the FAQ search (greetings, thanks, asking for a person...)' }),
  SKILL_AUTH_TOKEN: Type.Optional(Type.String({ minLength: 1, description: 'Shared secret every skill request must carry' })),
  SKILL_AUTH_HEADER: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9-]+$', default: 'x-skill-token', description: 'Header that carries the secret' }),
  ALLOWED_BOT_IDS: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'Comma-separated bot ids allowed to call (empty = any)' }),
  LOG_SALT: Type.String({ default: 'kakao-faq-skill', description: 'Salt for the hash of botUserKey in logs' }),
  PLAYGROUND: { ...Bool, description: 'Serve the local chat playground at /playground' },
  // ---- conversation ----
  OPERATOR_HANDOFF: { ...BoolOff, description: 'Offer a "상담원 연결" (operator) button under answers and misses' },
  OPERATOR_PHONE: Type.Optional(
    Type.String({ pattern: '^\\+?[0-9][0-9 -]{2,19}$', description: 'Phone number offered when a user asks for a person (a "전화 상담" button)' })
  ),
  OPERATOR_URL: HttpUrl('Web page offered when a user asks for a person (a "1:1 문의하기" button), e.g. an inquiry form'),
  DEFAULT_THUMBNAIL_URL: HttpUrl('Image for answer cards when neither the entry nor its category has one'),
  CATEGORY_THUMBNAILS: Type.Array(Type.String({ pattern: '^[^=]+=https?://\\S+$' }), {
    default: [],
    description: 'Comma-separated 카테고리=https://image pairs; answers in that category get a basicCard',
  }),
  BLOCK_ID_ANSWER: BlockId('OpenBuilder block that answers a tapped question (list items, related questions)'),
  BLOCK_ID_FEEDBACK: BlockId('OpenBuilder block that receives the 도움이 됐어요 / 아니요 taps'),
  BLOCK_ID_BROWSE: BlockId('OpenBuilder block bound to /skills/browse (categories, 더보기, 처음으로)'),
  // Matching thresholds: probabilities from the confidence model, so they mean the same on any
  // corpus size; defaults chosen with `faq-skill eval` on data/eval (see docs/matching.md).
  MATCH_ANSWER_MIN: Type.Number({ minimum: 0, maximum: 1, default: DEFAULT_THRESHOLDS.answerMin, description: 'Minimum probability (0..1) that the top entry is right, for an answer' }),
  MATCH_MARGIN_MIN: Type.Number({ minimum: 0, maximum: 1, default: DEFAULT_THRESHOLDS.marginMin, description: "Minimum lead of the answer's probability over the best different entry's" }),
  MATCH_CHOICES_MIN: Type.Number({ minimum: 0, maximum: 1, default: DEFAULT_THRESHOLDS.choicesMin, description: 'Minimum summed probability of the entries offered as choices (the list probably holds the answer)' }),
  MATCH_MIN_TERMS: Type.Number({ minimum: 0, maximum: 20, default: DEFAULT_THRESHOLDS.minTerms, description: 'Minimum matched terms (question or category) for an answer (0: an entry only its answer matches may be answered)' }),
  MATCH_MODEL_FILE: Type.Optional(Type.String({ minLength: 1, description: 'Confidence model weights (JSON from `faq-skill eval --fit`); unset = data/match-model.json' })),
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
  SHUTDOWN_DRAIN_MS: Type.Integer({
    minimum: 0,
    default: 5000,
    description: 'On SIGTERM, how long /ready says 503 while the server still serves, before it stops listening (SIGINT: none)',
  }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 10000,
    description: 'On SIGTERM, the drain plus the requests in flight must end within this, or the process exits 1 anyway',
  }),
})

export type Config = Static<typeof ConfigSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const BOOL_TRUE = new Set(['1', 'true', 'yes', 'on'])
const BOOL_FALSE = new Set(['0', 'false', 'no', 'off'])

/** Name the allowed values of an enum-like variable instead of TypeBox's "Expected union value". */
function explain (name: string, message: string): string {
  const schema = (ConfigSchema.properties as Record<string, { anyOf?: Array<{ const?: unknown }> }>)[name]
  const allowed = schema?.anyOf?.map((s) => s.const).filter((c) => c !== undefined)
  return allowed?.length ? `expected one of ${allowed.join(', ')}` : message
}

/** Read the known variables from `env`, convert, default and validate them. */
export function loadConfig (env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(ConfigSchema.properties)) {
    const value = env[key]
    if (value === undefined || value === '') continue
    const kind = (schema as { type?: string; anyOf?: Array<{ type?: string }> }).type ?? (schema as { anyOf?: Array<{ type?: string }> }).anyOf?.[0]?.type
    if (kind === 'integer') raw[key] = /^-?\d+$/.test(value.trim()) ? Number(value) : value
    else if (kind === 'number') raw[key] = /^-?(\d+\.?\d*|\.\d+)$/.test(value.trim()) ? Number(value) : value
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
    throw new ConfigError(`Invalid environment variable ${name}=${JSON.stringify(env[name] ?? '')}: ${explain(name, error.message)}`)
  }
  // The drain must leave a skill its whole budget before the shutdown timeout fires.
  if (config.SHUTDOWN_DRAIN_MS + config.SKILL_TIME_BUDGET_MS >= config.SHUTDOWN_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid environment variable SHUTDOWN_TIMEOUT_MS=${JSON.stringify(env.SHUTDOWN_TIMEOUT_MS ?? '')}: must be more than SHUTDOWN_DRAIN_MS + SKILL_TIME_BUDGET_MS (${config.SHUTDOWN_DRAIN_MS} + ${config.SKILL_TIME_BUDGET_MS} ms)`
    )
  }
  for (const key of ['FAQ_FILE', 'SYNONYMS_FILE', 'MESSAGES_FILE', 'INTENTS_FILE', 'MATCH_MODEL_FILE'] as const) {
    const v = config[key]
    if (v) config[key] = resolve(v)
  }
  return config
}

/** The matcher thresholds a config asks for. */
export function thresholdsOf (config: Pick<Config, 'MATCH_ANSWER_MIN' | 'MATCH_MARGIN_MIN' | 'MATCH_CHOICES_MIN' | 'MATCH_MIN_TERMS'>): Thresholds {
  return {
    answerMin: config.MATCH_ANSWER_MIN,
    marginMin: config.MATCH_MARGIN_MIN,
    choicesMin: config.MATCH_CHOICES_MIN,
    minTerms: config.MATCH_MIN_TERMS,
  }
}
