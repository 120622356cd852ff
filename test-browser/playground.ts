// Browser test of the playground: Debian's Chromium driven by playwright-core against the app on a
// random loopback port. Types an exact corpus question into the first text input, presses Enter,
// sees the answer, taps a quick reply, sees the follow-up, and saves docs/playground.png.
// Run with `npm run test:browser` (needs /usr/bin/chromium: `apt-get install -y chromium`).
// Prints "N passed, M failed" and exits non-zero on any failure.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { projectRoot } from '../src/paths.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const QUESTION = process.env.PLAYGROUND_QUESTION ?? '배포란 무엇인가요?'
const SCREENSHOT = join(projectRoot, 'docs', 'playground.png')

let passed = 0
let failed = 0
function check(ok: boolean, what: string, detail = ''): boolean {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'ok    ' : 'FAIL  '} ${what}${!ok && detail ? `\n       ${detail}` : ''}`)
  return ok
}

async function step<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await fn()
    check(true, what)
    return value
  } catch (err) {
    check(false, what, (err as Error).message.split('\n')[0])
    return undefined
  }
}

const botRows = (page: Page) => page.locator('#chat .row.bot')

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
    process.exit(2)
  }
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', PLAYGROUND: 'true' }) })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    })
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'ko-KR' })
    const pageErrors: string[] = []
    page.on('pageerror', (err) => pageErrors.push(err.message))
    page.on('console', (msg) => msg.type() === 'error' && pageErrors.push(msg.text()))
    page.setDefaultTimeout(10_000)

    await step('GET /playground loads', async () => {
      const res = await page.goto(`${address}/playground`)
      if (res?.status() !== 200) throw new Error(`HTTP ${res?.status()}`)
    })
    const room = await page.locator('#chat').evaluate((el) => getComputedStyle(el.parentElement!).backgroundColor)
    check(room === 'rgb(178, 199, 218)', 'the chat room is KakaoTalk blue-grey #b2c7da', room)

    // The first text input on the page is the chat input; Enter sends.
    const input = page.locator('input[type="text"]').first()
    await step(`type "${QUESTION}" into the first text input and press Enter`, async () => {
      await input.fill(QUESTION)
      await input.press('Enter')
    })
    await step('the question appears as a yellow user bubble', async () => {
      const bubble = page.locator('#chat .bubble.user', { hasText: QUESTION }).first()
      await bubble.waitFor()
      const bg = await bubble.evaluate((el) => getComputedStyle(el).backgroundColor)
      if (bg !== 'rgb(254, 229, 0)') throw new Error(`background ${bg}`)
    })
    await step('the answer arrives as a bot bubble', async () => {
      await botRows(page).first().waitFor()
      const text = await botRows(page).first().innerText()
      if (!text.includes(QUESTION.replace(/\?$/, ''))) throw new Error(`bot said: ${text.slice(0, 200)}`)
    })
    await step('the side panel shows the SkillPayload sent and the reply', async () => {
      const request = JSON.parse(await page.locator('#request').innerText())
      if (request.userRequest?.utterance !== QUESTION) throw new Error('utterance missing from the request')
      if (request.userRequest?.user?.type !== 'botUserKey' || !request.userRequest.user.id) throw new Error('no botUserKey')
      const reply = JSON.parse(await page.locator('#reply').innerText())
      if (reply.version !== '2.0') throw new Error('reply is not a SkillResponse')
    })
    await step('the match panel shows outcome "answer" with candidates and scores', async () => {
      await page.locator('#match .outcome.answer').waitFor()
      const rows = await page.locator('#match table tr').count()
      if (rows < 2) throw new Error('no candidate rows')
    })
    await step('the matcher explanation is shown', async () => {
      await page.waitForFunction(() => document.getElementById('explain')?.textContent?.includes('"outcome"'))
    })

    // Tap the first quick reply under the answer: its messageText is sent with its extra as clientExtra.
    const chips = page.locator('#chat .quick-replies button')
    const hasChips = await step('the answer offers quick replies', async () => {
      await chips.first().waitFor()
      return true
    })
    if (hasChips) {
      const label = (await chips.first().innerText()).trim()
      const before = await botRows(page).count()
      const sentBefore = await page.locator('#request').innerText()
      await step(`tap the quick reply "${label}"`, () => chips.first().click())
      await step('the follow-up bot bubble is added to the chat', async () => {
        await page.waitForFunction((n) => document.querySelectorAll('#chat .row.bot').length > n, before)
      })
      await step('the tap was sent as a new turn carrying the quick reply', async () => {
        const sent = await page.locator('#request').innerText()
        if (sent === sentBefore) throw new Error('no new request')
        const request = JSON.parse(sent)
        if (request.flow?.trigger?.type?.startsWith('QUICKREPLY_BUTTON') !== true) throw new Error(`trigger ${request.flow?.trigger?.type}`)
        if (!request.userRequest.utterance) throw new Error('empty utterance')
      })
      await step('the old quick replies are gone, as in KakaoTalk', async () => {
        const bars = await page.locator('#chat .quick-replies').count()
        const lastIsBar = await page.evaluate(() => document.querySelector('#chat')?.lastElementChild?.classList.contains('quick-replies') ?? false)
        if (bars > 1 || (bars === 1 && !lastIsBar)) throw new Error(`${bars} quick-reply bars`)
      })
    }

    // For the screenshot: when the follow-up offers the way back to the menu, open it too, so the
    // picture shows cards and a sideways carousel as well as bubbles.
    const home = page.locator('#chat .quick-replies button', { hasText: '처음으로' })
    if (hasChips && (await home.count()) > 0) {
      const before = await botRows(page).count()
      await step('tap "처음으로": the menu is drawn as cards', async () => {
        await home.first().click()
        await page.waitForFunction((n) => document.querySelectorAll('#chat .row.bot').length > n, before)
        const cards = await botRows(page).last().locator('.card').count()
        if (cards < 1) throw new Error('no card in the menu reply')
      })
    }

    await step('save the screenshot docs/playground.png', async () => {
      mkdirSync(join(projectRoot, 'docs'), { recursive: true })
      await page.screenshot({ path: SCREENSHOT })
    })
    check(pageErrors.length === 0, 'no errors in the page', pageErrors.join(' | '))
  } finally {
    await browser?.close()
    await app.close()
  }
}

await main().catch((err) => check(false, 'browser test ran', (err as Error).stack ?? String(err)))
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
