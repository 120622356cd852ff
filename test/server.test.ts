// The process itself: listens on PORT/HOST, answers /health, stops cleanly on SIGTERM, refuses a
// bad configuration with a message. Runs src/server.ts (what dist/src/server.js is built from).
import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../src/paths.js'

function start (env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += String(d)))
  child.stderr.on('data', (d) => (err += String(d)))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 20 s: ${out} ${err}`)), 20_000)
    child.stdout.on('data', () => {
      const m = /Server listening at (http:\/\/[^"\s]+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`exited early: ${err}`))
    })
  })
  // A test that expects an early exit never awaits `listening`.
  listening.catch(() => {})
  return { child, exited, listening, output: () => out, errors: () => err }
}

t.test('serves /health on PORT and HOST, and exits 0 on SIGTERM', async (t) => {
  const server = start({ PORT: '0', HOST: '127.0.0.1' })
  t.teardown(() => void server.child.kill('SIGKILL'))
  const url = await server.listening
  t.match(url, /^http:\/\/127\.0\.0\.1:\d+$/, 'bound to HOST only')
  const health = await fetch(`${url}/health`)
  t.equal(health.status, 200)
  t.match(await health.json(), { status: 'ok' })
  const ready = await fetch(`${url}/ready`)
  t.match(await ready.json(), { status: 'ready', entries: Number })
  server.child.kill('SIGTERM')
  t.equal(await server.exited, 0, 'clean exit')
  t.match(server.output(), /"msg":"shutting down/)
  t.notMatch(server.errors(), /Warning|DeprecationWarning|trace-warnings/, 'no warnings at start')
})

t.test('log lines are batched but none waits long, and none is lost at exit', async (t) => {
  const server = start({ PORT: '0', HOST: '127.0.0.1' })
  t.teardown(() => void server.child.kill('SIGKILL'))
  const url = await server.listening
  const body = readFileSync(join(projectRoot, 'fixtures/typed-text.json'), 'utf8')
  const res = await fetch(`${url}/skills/faq`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  t.equal(res.status, 200)
  // One quiet request is far below the batch size: the periodic flush must write it anyway.
  const started = Date.now()
  while (!/"msg":"skill reply"/.test(server.output()) && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 50))
  t.match(server.output(), /"msg":"skill reply"/, 'the request line arrives without more traffic')
  t.ok(Date.now() - started < 2500, `within the flush interval (${Date.now() - started} ms)`)
  // The shutdown lines are written in the process's last moments, after the flush timer is gone.
  server.child.kill('SIGTERM')
  t.equal(await server.exited, 0)
  t.match(server.output(), /"msg":"closed"/, 'the last line before exit is written')
})

t.test('a bad variable stops the process with a message naming it', async (t) => {
  const server = start({ PORT: 'eighty' })
  t.equal(await server.exited, 1)
  t.match(server.errors(), /Invalid environment variable PORT="eighty"/)
})

t.test('npm start, the Dockerfile and the build agree on the entry point', async (t) => {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  t.equal(pkg.scripts.start, 'node dist/src/server.js')
  const dockerfile = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8')
  t.match(dockerfile, /^CMD \["node", "dist\/src\/server\.js"\]$/m, 'CMD is what npm start runs')
  t.match(dockerfile, /^HEALTHCHECK [^]*?\/health/m, 'HEALTHCHECK on /health')
  t.match(dockerfile, /^USER node$/m, 'runs as the non-root node user')
  t.match(dockerfile, /npm ci --omit=dev --ignore-scripts/, 'production dependencies only')
  // Every folder the server reads at run time must be in the runtime image (the playground
  // refuses to start without its files): those named through dataPath() or join(projectRoot, ...)
  // anywhere in the server's code, beside the built dist/.
  const runtime = new Set<string>()
  const sources = (dir: string): string[] =>
    readdirSync(join(projectRoot, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
    )
  for (const file of [...sources('src'), ...sources('skills')]) {
    const text = readFileSync(join(projectRoot, file), 'utf8')
    if (/\bdataPath\(/.test(text) && !file.endsWith('paths.ts')) runtime.add('data')
    for (const m of text.matchAll(/join\(projectRoot, '([^'/]+)'/g)) runtime.add(m[1]!)
  }
  t.ok(runtime.has('data') && runtime.has('public'), `found the runtime folders: ${[...runtime].join(', ')}`)
  t.notOk(existsSync(join(projectRoot, 'deploy/Dockerfile')), 'one Dockerfile: the root one')
  for (const dir of runtime) {
    t.match(dockerfile, new RegExp(`^COPY --chown=node:node ${dir} \\./${dir}$`, 'm'), `the image has ${dir}/`)
  }
  const ignored = readFileSync(join(projectRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim())
  t.notOk(ignored.includes('public') || ignored.includes('data'), '.dockerignore keeps data/ and public/')
})
