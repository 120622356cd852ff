// Browser test of the playground: Debian's Chromium driven by playwright-core against the app on a
// random loopback port. Types an exact corpus question into the first text input, presses Enter,
// sees the answer, taps a quick reply, sees the follow-up, and saves docs/playground.png. Then talks
// as users do: a greeting, thanks, an insult, asking for a person, a question with exactly one
// plausible candidate (네 and 아니요), and an answer too long for one reply ("이어서 보기" to the end).
// Run with `npm run test:browser` (needs /usr/bin/chromium: `apt-get install -y chromium`).
// Prints "N passed, M failed" and exits non-zero on any failure.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { check, launchChromium, runBrowserTest } from './harness.js'
import { readFileSync } from 'node:fs'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import type { FaqCorpus } from '../src/faq/schema.js'
import { createMatcher } from '../src/match/index.js'
import type { Matcher, MatchResult } from '../src/match/types.js'
import { ScriptedMatcher } from '../test/conversation-helpers.js'
import { projectRoot, dataPath } from '../src/paths.js'
import { FaqStore } from '../src/plugins/faq-store.js'

const QUESTION = process.env.PLAYGROUND_QUESTION ?? '배포란 무엇인가요?'
const SCREENSHOT = join(projectRoot, 'docs', 'playground.png')

async function step<T> (what: string, fn: () => Promise<T>): Promise<T | undefined> {
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

// A long answer (about 5,000 characters, numbered sentences) added to the bundled corpus, and a
// question the matcher is scripted to find exactly one plausible candidate for: these flows must
// not depend on how the matcher is tuned.
const LONG_QUESTION = '아주 긴 안내문은 어떻게 보이나요?'
const LONG_ANSWER = Array.from({ length: 90 }, (_, i) => `긴 안내 ${i + 1}번 문장입니다: 설정 메뉴에서 해당 항목을 고른 뒤 저장을 눌러 주세요.`).join(' ')
const ONE_CANDIDATE = '배포 그거 뭐였더라'

async function conversationMatcher (): Promise<Matcher> {
  const bundled = JSON.parse(readFileSync(dataPath('faq.json'), 'utf8')) as FaqCorpus
  const corpus: FaqCorpus = {
    ...bundled,
    entries: [...bundled.entries, { id: 'long-answer', question: LONG_QUESTION, answer: LONG_ANSWER, category: ['안내'], alternates: [], platforms: [], links: [] }],
  }
  const inner = await createMatcher(corpus)
  const deploy = inner.entry('faq-963be53d')!
  // (`score` optional: the same text reads against the matcher that adds MatchResult.score.)
  const script: Record<string, MatchResult & { score?: number }> = {
    [ONE_CANDIDATE]: { outcome: 'choices', candidates: [{ faqId: deploy.id, question: deploy.question, score: 0.4 }], score: 0.4 },
    [LONG_QUESTION]: { outcome: 'answer', candidates: [{ faqId: 'long-answer', question: LONG_QUESTION, score: 1 }], score: 1 },
  }
  return new ScriptedMatcher(inner, script)
}

/** Type `text`, send it, and wait for the bot's next row; returns that row's text. */
async function say (page: Page, text: string): Promise<string> {
  const before = await botRows(page).count()
  const input = page.locator('input[type="text"]').first()
  await input.fill(text)
  await input.press('Enter')
  await page.waitForFunction((n) => document.querySelectorAll('#chat .row.bot').length > n, before)
  return botRows(page).last().innerText()
}

/** Tap the quick reply labelled `label` and wait for the bot's next row; returns that row's text. */
async function tapChip (page: Page, label: string): Promise<string> {
  const before = await botRows(page).count()
  await page.locator('#chat .quick-replies button', { hasText: label }).first().click()
  await page.waitForFunction((n) => document.querySelectorAll('#chat .row.bot').length > n, before)
  return botRows(page).last().innerText()
}

const chipLabels = (page: Page) => page.locator('#chat .quick-replies button').allInnerTexts()
const squash = (s: string) => s.replace(/\s+/g, '')

async function main (): Promise<void> {
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', PLAYGROUND: 'true', OPERATOR_HANDOFF: 'true' }),
    store: FaqStore.fromMatcher(await conversationMatcher()),
  })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  let browser: Browser | undefined
  try {
    browser = await launchChromium()
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
    // ---- talking as users do ----
    await step('a greeting gets a greeting and the welcome menu', async () => {
      const said = await say(page, '안녕하세요~')
      if (!said.includes('안녕하세요!')) throw new Error(`bot said: ${said.slice(0, 120)}`)
      const chips = await chipLabels(page)
      if (!chips.includes('자주 묻는 질문') || chips.length < 3) throw new Error(`chips: ${chips.join(', ')}`)
    })
    await step('thanks get a short reply and "처음으로"', async () => {
      const said = await say(page, '고마워요~~~')
      if (!said.includes('도움이 되었다면')) throw new Error(`bot said: ${said.slice(0, 120)}`)
      if (!(await chipLabels(page)).includes('처음으로')) throw new Error('no 처음으로')
    })
    await step('an insult gets a calm boundary that does not repeat the word', async () => {
      const said = await say(page, '바보야')
      if (!said.includes('존중') || said.includes('바보')) throw new Error(`bot said: ${said.slice(0, 120)}`)
    })
    await step('asking for a person offers the operator', async () => {
      await say(page, '상담원 연결해 주세요')
      const button = botRows(page).last().locator('button', { hasText: '상담원 연결' })
      await button.first().click()
      await page.locator('#chat .notice', { hasText: '상담직원 연결' }).last().waitFor()
    })
    await step('one plausible candidate: "혹시 \'…\'에 대해 물으신 건가요?", 네 answers it', async () => {
      const asked = await say(page, ONE_CANDIDATE)
      if (!asked.includes("혹시 '배포란 무엇인가요?'에 대해 물으신 건가요?")) throw new Error(`bot said: ${asked.slice(0, 120)}`)
      const chips = await chipLabels(page)
      if (!chips.includes('네') || !chips.includes('아니요')) throw new Error(`chips: ${chips.join(', ')}`)
      const answered = await tapChip(page, '네')
      if (!answered.includes('배포란 무엇인가요')) throw new Error(`bot said: ${answered.slice(0, 120)}`)
      const reply = JSON.parse(await page.locator('#reply').innerText())
      if (reply.data?.kind !== 'answer') throw new Error(`kind ${reply.data?.kind}`)
    })
    await step('아니요 instead: a miss, with the menu next', async () => {
      await say(page, ONE_CANDIDATE)
      const rejected = await tapChip(page, '아니요')
      if (!rejected.includes('알려 주셔서 감사합니다')) throw new Error(`bot said: ${rejected.slice(0, 120)}`)
      const request = JSON.parse(await page.locator('#request').innerText())
      if (request.action?.clientExtra?.tap !== 'confirm-no' || request.action.clientExtra.query !== ONE_CANDIDATE) throw new Error('the chip did not carry its state')
      if (!(await chipLabels(page)).includes('처음으로')) throw new Error('no way forward')
    })
    await step('a long answer arrives whole over "이어서 보기" taps, feedback at the end', async () => {
      // Long bubbles are folded behind "전체 보기" on the page; each turn's reply JSON holds them whole.
      const texts: string[] = []
      const keep = async () => {
        const reply = JSON.parse(await page.locator('#reply').innerText())
        for (const o of reply.template.outputs) texts.push(o.simpleText?.text ?? o.textCard?.description ?? '')
      }
      await say(page, LONG_QUESTION)
      await keep()
      let turns = 1
      for (; turns < 10 && (await chipLabels(page)).includes('이어서 보기'); turns++) {
        await tapChip(page, '이어서 보기')
        await keep()
      }
      if (turns < 2) throw new Error('no 이어서 보기')
      if (squash(texts.join('')) !== squash(LONG_ANSWER)) throw new Error(`after ${turns} turns the answer is not whole`)
      if (!(await chipLabels(page)).includes('도움이 됐어요')) throw new Error('no feedback after the last part')
    })

    check(pageErrors.length === 0, 'no errors in the page', pageErrors.join(' | '))
  } finally {
    await browser?.close()
    await app.close()
  }
}

await runBrowserTest(main)
