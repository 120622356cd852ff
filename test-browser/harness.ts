// What both browser tests share: the Debian Chromium they drive (never a browser download), the
// pass/fail tally they print as "N passed, M failed", and the exit code CI reads.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

let passed = 0
let failed = 0

export function check (ok: boolean, what: string, detail = ''): boolean {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'ok    ' : 'FAIL  '} ${what}${!ok && detail ? `\n       ${detail}` : ''}`)
  return ok
}

/** Headless Chromium with the network features a test has no use for turned off; exits 2 when it is not installed. */
export async function launchChromium (): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
    process.exit(2)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })
}

/** Run the test, count a crash as a failure, print the tally and exit with it. */
export async function runBrowserTest (main: () => Promise<void>): Promise<never> {
  await main().catch((err) => check(false, 'browser test ran', (err as Error).stack ?? String(err)))
  console.log(`\n${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}
