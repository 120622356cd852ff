// Rolling restarts lose nothing. When the process is told to stop, it first drains: /ready says
// 503 so load balancers and Kubernetes stop sending new requests here, while every request that
// still arrives (endpoint removal takes a few seconds to reach every node) is answered as usual.
// From then on each reply carries "Connection: close", so keep-alive clients reconnect, and
// reach a pod that is staying, instead of reusing a socket to one that is leaving.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyInstance {
    /** True once startDraining() was called: /ready answers 503. */
    readonly draining: boolean
    startDraining(): void
  }
}

export default fp(
  async function drain (app: FastifyInstance) {
    let draining = false
    app.decorate('draining', {
      getter: () => draining,
    })
    app.decorate('startDraining', () => {
      draining = true
    })
    // A plain callback: this runs for every reply.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (draining) reply.header('connection', 'close')
      done(null, payload)
    })
  },
  { name: 'drain' }
)
