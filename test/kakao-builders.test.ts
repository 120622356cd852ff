import t, { type Test } from 'tap'
import {
  basicCard,
  basicCardCarousel,
  button,
  buttons,
  callbackAck,
  encodedSkillResponse,
  keepEncoded,
  keepQuickReply,
  listCard,
  listCardCarousel,
  listItem,
  quickReply,
  safeExtra,
  simpleImage,
  simpleText,
  simpleTexts,
  skillResponse,
  textCard,
  textCardCarousel,
  thumbnail,
  type ButtonSpec,
  type EncodedSkillResponse,
} from '../src/kakao/builders.js'
import { LIMITS as L } from '../src/kakao/limits.js'
import { ELLIPSIS, textLength } from '../src/kakao/text.js'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { CallbackAck, type Component, type SkillResponse } from '../src/kakao/response.js'
import { responseErrors } from './helpers.js'
import { randomProse, randomText, rng } from './kakao-random.js'

const reply = (outputs: Component[]) => skillResponse({ outputs })
const valid = (t: Test, r: SkillResponse, what: string) => t.same(responseErrors(r), [], `${what} is a valid SkillResponse`)
const bytes = (r: unknown) => Buffer.byteLength(JSON.stringify(r), 'utf8')
const texts = (r: SkillResponse) => r.template.outputs.map((o) => ('simpleText' in o ? o.simpleText.text : ''))
/** Every string inside a value (keys included). */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]) : []
const BAD_CHAR = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const huge = (n: number) => '가나다라마바사 아자차카타파하. '.repeat(n)
const msg = (label: string, extra?: Record<string, unknown>): ButtonSpec => ({ label, action: 'message', messageText: label, ...(extra ? { extra } : {}) })

t.test('simpleText: ≤ 1000 per bubble, split at sentences into ≤ 3 bubbles', async (t) => {
  t.same(simpleTexts('짧은 답변입니다.'), [{ simpleText: { text: '짧은 답변입니다.' } }], 'short text: one bubble, untouched')
  const exact = 'a'.repeat(L.simpleText)
  t.same(texts(reply(simpleTexts(exact))), [exact], 'exactly 1000: one bubble, no ellipsis')

  const sentence = '챗봇 관리자센터에서 스킬을 등록한 뒤 배포해야 실제 서비스에 반영됩니다. ' // 41 units
  const text = sentence.repeat(60) // ~2460 units: three bubbles
  const out = texts(reply(simpleTexts(text)))
  t.equal(out.length, 3, 'split into three bubbles')
  t.ok(out.every((b) => textLength(b) <= L.simpleText), 'each bubble ≤ 1000')
  t.ok(out.every((b) => b.endsWith('반영됩니다.')), 'each bubble ends at a sentence end: no sentence was cut')
  t.notOk(out.join('').includes(ELLIPSIS), 'no ellipsis when everything fits')

  const tooMuch = texts(reply(simpleTexts(sentence.repeat(200))))
  t.equal(tooMuch.length, 3, 'never more than three bubbles')
  t.ok(tooMuch[2]?.endsWith(`반영됩니다. ${ELLIPSIS}`), 'the ellipsis comes only when unavoidable, after a whole sentence')
  t.ok(tooMuch.every((b) => textLength(b) <= L.simpleText))

  t.equal(simpleTexts(text, 1).length, 1, 'maxBubbles is honoured')
  t.same(simpleTexts(''), [{ simpleText: { text: ELLIPSIS } }], 'empty text still gives a non-empty bubble')
  t.same(simpleTexts('\u0000\u202E'), [{ simpleText: { text: ELLIPSIS } }], 'text that is only controls too')
  const one = simpleText(sentence.repeat(60))
  t.ok('simpleText' in one && textLength(one.simpleText.text) <= L.simpleText, 'simpleText() is one bubble ≤ 1000')

  const emoji = '😀'.repeat(1200)
  const eo = texts(reply(simpleTexts(emoji)))
  t.ok(eo.every((b) => textLength(b) <= L.simpleText && !/[\uD800-\uDBFF]$/.test(b)), 'emoji text: within the limit, no split pair')
  t.equal(eo.join('').replace(/[^😀]/gu, '').length, 2400, 'all 1200 emoji kept across bubbles')
})

t.test('textCard: title ≤ 50, description ≤ 400 (≤ 128 in a carousel), buttons ≤ 3', async (t) => {
  const card = textCard({ title: '제목'.repeat(40), description: huge(50), buttons: Array.from({ length: 6 }, (_, i) => msg(`버튼${i}`)) })
  t.ok(textLength(card.title ?? '') <= L.textCardTitle && card.title?.endsWith(ELLIPSIS), 'title cut to 50 with an ellipsis')
  t.ok(textLength(card.description ?? '') <= L.textCardDescription, 'description ≤ 400')
  t.equal(card.buttons?.length, L.buttons, 'buttons capped at 3')
  valid(t, reply([{ textCard: card }]), 'textCard')
  t.same(textCard({ title: '제목만' }), { title: '제목만' }, 'a title alone is enough')
  t.same(textCard({}), { description: ELLIPSIS }, 'neither title nor description: still valid')
  t.equal(textCard({ title: 'a\nb\tc' }).title, 'a b c', 'a title is one line')

  const carousel = textCardCarousel(Array.from({ length: 15 }, () => ({ title: '제목', description: huge(20) })))
  t.equal(carousel.items.length, L.carouselItems, 'carousel ≤ 10 cards')
  t.ok(carousel.items.every((c) => 'description' in c && textLength(String(c.description)) <= L.textCardDescriptionInCarousel), 'description ≤ 128 in a carousel')
  valid(t, reply([{ carousel }]), 'textCard carousel')
  t.equal(textCardCarousel([]).items.length, 1, 'an empty carousel still has one card')
})

t.test('basicCard: title ≤ 50, description ≤ 230, thumbnail required, altText ≤ 50', async (t) => {
  const card = basicCard({
    title: 'T'.repeat(80),
    description: huge(30),
    thumbnail: { imageUrl: 'https://example.com/a.png', altText: '대체 텍스트'.repeat(20) },
    buttons: [msg('하나'), msg('둘'), msg('셋'), msg('넷')],
  })
  t.ok(textLength(card.title ?? '') <= L.basicCardTitle)
  t.ok(textLength(card.description ?? '') <= L.basicCardDescription, 'description ≤ 230')
  t.equal(card.thumbnail.imageUrl, 'https://example.com/a.png', 'thumbnail kept')
  t.ok(textLength(card.thumbnail.altText ?? '') <= L.altText, 'altText ≤ 50')
  t.equal(card.buttons?.length, 3)
  valid(t, reply([{ basicCard: card }]), 'basicCard')
  const { thumbnail: _drop, ...noThumb } = card
  t.not(responseErrors(reply([{ basicCard: noThumb as never }])).length, 0, 'the schema refuses a basicCard without a thumbnail')
  t.same(thumbnail('https://e.com/x.png', undefined, 'https://e.com'), { imageUrl: 'https://e.com/x.png', link: { web: 'https://e.com' } })
  const bc = basicCardCarousel(Array.from({ length: 12 }, () => ({ description: huge(20), thumbnail: thumbnail('https://e.com/x.png') })))
  t.equal(bc.items.length, 10)
  valid(t, reply([{ carousel: bc }]), 'basicCard carousel')
})

t.test('listCard: ≤ 5 items (≤ 4 in a carousel, ≤ 5 cards), ≤ 2 buttons', async (t) => {
  const items = Array.from({ length: 9 }, (_, i) => ({ title: `질문 ${i} `.repeat(20), description: huge(10), messageText: `질문 ${i}`, extra: { faqId: `f${i}`, data: 'x' } }))
  const card = listCard({ header: '혹시 이런 질문이신가요?'.repeat(5), items, buttons: [msg('더보기'), msg('처음으로'), msg('상담원')] })
  t.equal(card.items.length, L.listCardItems, '≤ 5 items')
  t.equal(card.buttons?.length, L.listCardButtons, '≤ 2 buttons')
  t.ok(textLength(card.header.title) <= L.listHeaderTitle, 'header title shortened')
  t.ok(card.items.every((i) => textLength(i.title) <= L.listItemTitle && textLength(i.description ?? '') <= L.listItemDescription))
  t.ok(card.items.every((i) => i.action === 'message' && i.extra && !('data' in i.extra)), 'item extra kept, without "data"')
  valid(t, reply([{ listCard: card }]), 'listCard')
  t.same(listCard({ header: '', items: [] }).items, [{ title: ELLIPSIS }], 'no items: still one, so the card stays valid')

  const carousel = listCardCarousel(Array.from({ length: 8 }, () => ({ header: '목록', items })))
  t.equal(carousel.items.length, L.listCardCarouselItems, 'listCard carousel ≤ 5 cards')
  t.ok(carousel.items.every((c) => 'items' in c && c.items.length <= L.listCardItemsInCarousel), '≤ 4 items per card in a carousel')
  valid(t, reply([{ carousel }]), 'listCard carousel')

  t.same(listItem({ title: 'a', link: 'https://e.com' }), { title: 'a', link: { web: 'https://e.com' } })
  t.same(listItem({ title: 'a', blockId: 'b1', extra: { k: 1 } }), { title: 'a', action: 'block', blockId: 'b1', messageText: 'a', extra: { k: 1 } })
  t.same(listItem({ title: 'a' }), { title: 'a' }, 'no action when nothing to do')
})

t.test('buttons: label ≤ 14 (≤ 8 side by side), ≤ 3 (≤ 2 horizontal), every action', async (t) => {
  const long = '아주아주아주긴버튼라벨입니다정말로'
  t.ok(textLength(button(msg(long)).label) <= L.buttonLabel, 'label ≤ 14')
  const h = buttons([msg(long), msg(long), msg(long)], 'horizontal')
  t.equal(h.length, 2, 'two side by side at most')
  t.ok(h.every((b) => textLength(b.label) <= L.buttonLabelHorizontal), 'horizontal labels ≤ 8')
  t.equal(buttons([msg('a'), msg('b'), msg('c'), msg('d')]).length, 3, 'three stacked at most')
  t.equal(button(msg('')).label, '보기', 'an empty label gets a default')
  const all: ButtonSpec[] = [
    { label: '웹', action: 'webLink', url: 'https://e.com' },
    { label: '메시지', action: 'message', messageText: '안녕', extra: { data: 1, faqId: 'x' } },
    { label: '블록', action: 'block', blockId: 'b', extra: { data: 1 } },
    { label: '전화', action: 'phone', phoneNumber: '1577-3754' },
    { label: '공유', action: 'share' },
    { label: '상담', action: 'operator' },
  ]
  const built = all.map((s) => button(s))
  t.same(built[1], { label: '메시지', action: 'message', messageText: '안녕', extra: { faqId: 'x' } }, 'extra loses "data"')
  t.same(built[2], { label: '블록', action: 'block', blockId: 'b' }, 'extra with only "data" disappears')
  for (let i = 0; i < all.length; i += 3) {
    valid(t, reply([{ textCard: { title: '버튼', buttons: built.slice(i, i + 3) } }]), `buttons ${i}..${i + 2}`)
  }
  t.equal(safeExtra({ data: { nested: 1 } }), undefined)
  t.same(safeExtra({ a: 1, b: undefined }), { a: 1 })
  t.same(safeExtra({ 'da\u0000ta': 1, x: 'a\u202Eb' }), { x: 'ab' }, 'a key that only becomes "data" once cleaned is dropped too')
})

t.test('quick replies: ≤ 10, label ≤ 14, extra never has "data"; outputs ≤ 3', async (t) => {
  const r = skillResponse({
    outputs: Array.from({ length: 7 }, (_, i) => simpleText(`답변 ${i}`)),
    quickReplies: Array.from({ length: 15 }, (_, i) => ({ label: `빠른 답장 라벨이 아주 깁니다 ${i}`, extra: { data: 'x', i } })),
  })
  t.equal(r.template.outputs.length, L.outputs, 'outputs ≤ 3')
  t.equal(r.template.quickReplies?.length, L.quickReplies, 'quick replies ≤ 10')
  t.ok(r.template.quickReplies?.every((q) => textLength(q.label) <= L.quickReplyLabel), 'labels ≤ 14')
  t.ok(r.template.quickReplies?.every((q) => q.extra && !('data' in q.extra)), 'no "data" in extra')
  valid(t, r, 'reply with 15 quick replies asked for')
  t.same(quickReply({ label: '처음으로', blockId: 'home' }), { label: '처음으로', action: 'block', blockId: 'home', messageText: '처음으로' })
  t.same(quickReply({ label: '도움이 됐어요', messageText: '👍' }), { label: '도움이 됐어요', action: 'message', messageText: '👍' })
  t.same(skillResponse({ outputs: [] }).template.outputs.length, 1, 'no outputs: one placeholder, never zero')
  const image = simpleImage('https://e.com/a.png', 'x'.repeat(80))
  t.ok('simpleImage' in image && textLength(image.simpleImage.altText) <= L.altText, 'simpleImage altText ≤ 50')
  valid(t, reply([image]), 'simpleImage')
})

t.test('the whole reply stays under 30 KB whatever goes in', async (t) => {
  const fat = '가'.repeat(5000)
  const big = skillResponse({
    outputs: [
      { carousel: basicCardCarousel(Array.from({ length: 10 }, () => ({ title: fat, description: fat, thumbnail: thumbnail(`https://e.com/${'x'.repeat(3000)}`), buttons: [{ label: fat, action: 'webLink', url: `https://e.com/${'y'.repeat(3000)}` }] }))) },
      ...simpleTexts(huge(500)),
    ],
    quickReplies: Array.from({ length: 10 }, () => ({ label: fat, messageText: fat, extra: { blob: fat } })),
    context: [{ name: 'ctx', lifeSpan: 1, params: { blob: fat } }],
    data: { outcome: 'choices', candidates: Array.from({ length: 50 }, (_, i) => ({ faqId: `f${i}`, question: fat, score: 0.5 })), blob: fat.repeat(5) },
  })
  t.ok(bytes(big) < 30 * 1024, `huge inputs: ${bytes(big)} bytes`)
  valid(t, big, 'shrunk reply')

  const keepsText = skillResponse({ outputs: simpleTexts(huge(100)), data: { outcome: 'answer', faqId: 'f1', candidates: [], blob: 'x'.repeat(40_000) } })
  t.ok(bytes(keepsText) < 30 * 1024)
  t.match(keepsText.data, { outcome: 'answer', faqId: 'f1' }, 'outcome and faqId survive the shrinking')
  t.ok('simpleText' in (keepsText.template.outputs[0] ?? {}), 'the answer text survives')

  const fallback = skillResponse({ outputs: [{ simpleText: { text: 'x' } }], data: { outcome: 'x'.repeat(40_000), candidates: [] }, fallbackText: '죄송합니다.' })
  t.ok(bytes(fallback) < 30 * 1024, 'even a huge outcome string is dropped')
  valid(t, fallback, 'fallback reply')
})

t.test('property: builders fed random strings always give valid, in-limit replies', async (t) => {
  const next = rng(2024)
  const r = (n: number) => randomText(next, n)
  for (let i = 0; i < 300; i++) {
    const btns: ButtonSpec[] = Array.from({ length: Math.floor(next() * 5) }, () => ({ label: r(30), action: 'message', messageText: r(50), extra: { data: r(5), k: r(5) } }))
    const layout = next() < 0.5 ? 'horizontal' : 'vertical'
    const outputs: Component[] = [
      ...simpleTexts(next() < 0.5 ? r(3000) : randomProse(next, 80)),
      { textCard: textCard({ title: r(100), description: r(1000), buttons: btns, buttonLayout: layout }) },
      { basicCard: basicCard({ title: r(100), description: r(600), thumbnail: thumbnail('https://e.com/a.png', r(100)), buttons: btns }) },
      { listCard: listCard({ header: r(100), items: Array.from({ length: Math.floor(next() * 8) }, () => ({ title: r(80), description: r(200), messageText: r(20), extra: { data: 1 } })), buttons: btns }) },
      { carousel: listCardCarousel(Array.from({ length: Math.floor(next() * 7) }, () => ({ header: r(60), items: [{ title: r(60) }] }))) },
      { carousel: textCardCarousel(Array.from({ length: Math.floor(next() * 12) }, () => ({ title: r(60), description: r(300) }))) },
    ]
    // Shuffle so every kind of output gets to be among the three kept.
    outputs.sort(() => next() - 0.5)
    const res = skillResponse({
      outputs,
      quickReplies: Array.from({ length: Math.floor(next() * 14) }, () => ({ label: r(30), messageText: r(100), extra: { data: r(3) } })),
      data: { outcome: 'none', candidates: [] },
    })
    const errors = responseErrors(res)
    const json = JSON.stringify(res)
    if (errors.length) return t.fail(`iteration ${i}: ${errors.join('; ')}`)
    if (bytes(res) >= 30 * 1024) return t.fail(`iteration ${i}: ${bytes(res)} bytes`)
    if (/"extra":\{[^{}]*"data"/.test(json)) return t.fail(`iteration ${i}: "data" inside extra`)
    const bad = strings(res.template).find((s) => BAD_CHAR.test(s))
    if (bad !== undefined) return t.fail(`iteration ${i}: lone surrogate, control or bidi char in ${JSON.stringify(bad)}`)
    if (layout === 'horizontal') {
      const card = res.template.outputs.find((o) => 'textCard' in o)
      if (card && 'textCard' in card && card.textCard.buttons?.some((b) => textLength(b.label) > L.buttonLabelHorizontal)) return t.fail('horizontal label > 8')
    }
  }
  t.pass('300 random replies: valid, < 30 KB, no "data" in extra, no bad characters')
})

t.test('callbackAck: the immediate answer of a callback request', async (t) => {
  const check = TypeCompiler.Compile(CallbackAck)
  t.same(callbackAck(), { version: '2.0', useCallback: true })
  t.same(callbackAck({ text: '잠시만 기다려 주세요' }), { version: '2.0', useCallback: true, data: { text: '잠시만 기다려 주세요' } })
  t.ok(check.Check(callbackAck({ a: 1 })))
  t.notOk(check.Check({ version: '2.0', useCallback: false }))
})

t.test('a reply is sent as exactly the JSON of its response, with kept (pre-encoded) outputs or without', async (t) => {
  const next = rng(7)
  const same = (r: EncodedSkillResponse, what: string) => t.equal(r.body, JSON.stringify(r.response), what)
  for (let i = 0; i < 300; i++) {
    const card = keepEncoded({ textCard: textCard({ title: randomText(next, 60), description: randomProse(next, 500), buttons: [{ label: randomText(next, 20), action: 'webLink', url: 'https://e.com/a' }] }) })
    const bubble = keepEncoded(simpleText(randomProse(next, 900)))
    const lead = simpleText(randomText(next, 40))
    // Fresh and kept (keepQuickReply) quick replies, mixed: a kept one is copied in as its bytes.
    const quickReplies = Array.from({ length: i % 12 }, (_, k) => {
      const spec = { label: randomText(next, 20), extra: { query: randomText(next, 30) } }
      return (i + k) % 3 === 0 ? keepQuickReply(spec) : spec
    })
    const data = { outcome: 'answer', candidates: [{ faqId: 'f1', question: randomText(next, 30), score: 0.5 }], blob: i % 50 === 0 ? 'x'.repeat(40_000) : undefined }
    same(encodedSkillResponse({ outputs: [card, bubble], quickReplies, data }), 'kept outputs only')
    same(encodedSkillResponse({ outputs: [lead, card, bubble], quickReplies, context: i % 3 ? [] : [{ name: 'c', lifeSpan: 1 }], data }), 'a fresh output first')
    same(encodedSkillResponse({ outputs: [lead] }), 'no kept outputs')
    same(encodedSkillResponse({ outputs: [lead], quickReplies, data }), 'kept quick replies only')
  }
  const kept = keepEncoded(simpleText('한 번 만든 카드'))
  t.throws(() => { (kept as { simpleText: { text: string } }).simpleText.text = 'changed' }, 'a kept output is frozen: no reply can change it for the next')
})
