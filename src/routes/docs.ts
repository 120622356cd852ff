// OpenAPI documentation of every route, generated from the TypeBox schemas the routes already
// declare (so the docs cannot drift from what Fastify validates): UI at /docs, JSON at /docs/json.
// Registered before the routes: @fastify/swagger collects them through an onRoute hook.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'

export default fp(
  async function docs (app: FastifyInstance, opts: { config: Config }) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'kakao-faq-skill',
          description:
            'FAQ skill server for Kakao i OpenBuilder. Skills take a SkillPayload (skill protocol 2.0) and answer HTTP 200 with a SkillResponse.',
          version: process.env.npm_package_version ?? '0.1.0',
        },
        tags: [
          { name: 'skills', description: 'Endpoints registered as skills in 챗봇 관리자센터' },
          { name: 'ops', description: 'Probes and operations' },
          { name: 'playground', description: 'Local chat playground for developers' },
        ],
        components: {
          securitySchemes: {
            skillToken: {
              type: 'apiKey',
              in: 'header',
              name: opts.config.SKILL_AUTH_HEADER,
              description: 'Shared secret set in the skill form ("헤더값 입력") when SKILL_AUTH_TOKEN is configured',
            },
          },
        },
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: false } })
  },
  { name: 'docs' }
)
