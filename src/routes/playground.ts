// The local chat playground: static files from public/playground (no build step) and two small
// helpers for the page, the list of skill endpoints and the matcher's explanation of an utterance.
// Registered only when PLAYGROUND is on (the default); PLAYGROUND=false leaves every URL here a 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { readFileSync, readdirSync } from 'node:fs'
import { extname, join } from 'node:path'
import { projectRoot } from '../paths.js'
import { SKILLS } from '../../skills/index.js'

export const PLAYGROUND_DIR = join(projectRoot, 'public', 'playground')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
}

const Candidate = Type.Object({ faqId: Type.String(), question: Type.String(), score: Type.Number() })

const playground: FastifyPluginAsyncTypebox = async (app) => {
  // A handful of small files: read once at start, served from memory; nothing outside the folder
  // can be named because only the listed names have routes.
  const files = new Map<string, { type: string; body: Buffer }>()
  for (const name of readdirSync(PLAYGROUND_DIR)) {
    const type = TYPES[extname(name)]
    if (type) files.set(name, { type, body: readFileSync(join(PLAYGROUND_DIR, name)) })
  }
  const index = files.get('index.html')
  if (!index) throw new Error(`playground: ${PLAYGROUND_DIR}/index.html is missing`)

  const page = { schema: { summary: 'The chat playground page', tags: ['playground'] } }
  app.get('/playground', page, async (_req, reply) => reply.type(index.type).header('cache-control', 'no-cache').send(index.body))
  app.get('/playground/', { ...page, schema: { ...page.schema, hide: true } }, async (_req, reply) =>
    reply.type(index.type).header('cache-control', 'no-cache').send(index.body)
  )
  for (const [name, file] of files) {
    if (name === 'index.html') continue
    app.get(`/playground/${name}`, { schema: { hide: true } }, async (_req, reply) =>
      reply.type(file.type).header('cache-control', 'no-cache').send(file.body)
    )
  }

  app.get(
    '/playground/skills',
    {
      schema: {
        summary: 'Skill endpoints the playground can call',
        tags: ['playground'],
        response: {
          200: Type.Object({
            skills: Type.Array(Type.String()),
            blocks: Type.Record(Type.String(), Type.Object({ id: Type.String(), name: Type.String() }), {
              description: 'For each skill, the block a request to it comes from',
            }),
            authHeader: Type.Optional(Type.String({ description: 'Header that carries the skill secret, when one is required' })),
            botId: Type.Optional(Type.String({ description: 'A bot id the skills accept, when ALLOWED_BOT_IDS is set' })),
          }),
        },
      },
    },
    async () => {
      const served = SKILLS.filter((s) => app.hasRoute({ method: 'POST', url: s.path }))
      const skills = served.map((s) => s.path)
      const blocks = Object.fromEntries(served.map((s) => [s.path, s.block]))
      // Bot ids are not secrets (every payload carries one); the page needs an allowed one to be let in.
      const botId = app.config.ALLOWED_BOT_IDS[0]
      return {
        skills,
        blocks,
        ...(app.config.SKILL_AUTH_TOKEN ? { authHeader: app.config.SKILL_AUTH_HEADER } : {}),
        ...(botId ? { botId } : {}),
      }
    }
  )

  app.post(
    '/playground/explain',
    {
      schema: {
        summary: "The matcher's decision for an utterance, with its explanation",
        tags: ['playground'],
        body: Type.Object({ utterance: Type.String({ maxLength: 1000 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            utterance: Type.String(),
            corpusVersion: Type.String(),
            outcome: Type.String(),
            candidates: Type.Array(Candidate),
            explain: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          }),
        },
      },
    },
    async (request) => {
      const { matcher, version } = app.faq.current
      const { outcome, candidates, ...explain } = matcher.explain(request.body.utterance)
      return {
        utterance: request.body.utterance,
        corpusVersion: version,
        outcome,
        candidates: candidates.slice(0, 10).map((c) => ({ faqId: c.faqId, question: c.question, score: c.score })),
        explain,
      }
    }
  )
}

export default playground
