import autocannon from 'autocannon'
import { mixedUtterances, skillBody, startChild } from './scripts/load-common.js'
const us = await mixedUtterances()
const requests = us.map((u, i) => ({ method: 'POST' as const, path: '/skills/faq', headers: { 'content-type': 'application/json' }, body: skillBody(u, i) }))
for (const [name, env] of [['default', {}], ['silent', { LOG_LEVEL: 'silent' }], ['nopressure', { MAX_EVENT_LOOP_DELAY_MS: '0', LOG_LEVEL: 'silent' }]] as const) {
  const s = await startChild('faq', env)
  await autocannon({ url: `http://127.0.0.1:${s.ready.port}`, connections: 50, duration: 2, requests })
  const r = await autocannon({ url: `http://127.0.0.1:${s.ready.port}`, connections: 50, duration: 4, requests })
  console.log(name, r.requests.average, r.latency.p50, r.latency.p99)
  await s.stop()
}
