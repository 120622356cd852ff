import t from 'tap'
import { LIMITS } from '../src/kakao/limits.js'
import { bundledMatcher, buildConversation, tempCorpus, tempJson, type Reply } from './conversation-helpers.js'

/** Every tappable thing in a reply: list items, card buttons, quick replies. */
function taps (reply: Reply) {
  const out: Array<{ action?: string; messageText?: string; blockId?: string; extra?: Record<string, unknown> }> = []
  for (const o of reply.template.outputs) {
    const lists = o.listCard ? [o.listCard] : o.carousel?.type === 'listCard' ? o.carousel.items : []
    for (const l of lists) out.push(...l.items, ...(l.buttons ?? []))
    for (const card of [o.textCard, o.basicCard]) if (card?.buttons) out.push(...card.buttons)
  }
  out.push(...(reply.template.quickReplies ?? []))
  return out
}

t.test('/skills/browse lists the top categories, largest first, as a carousel of list cards', async (t) => {
  const { ask } = await buildConversation(t)
  const reply = await ask('/skills/browse', '자주 묻는 질문')
  t.equal(reply.data.kind, 'menu')
  const carousel = reply.template.outputs[0]?.carousel
  t.equal(carousel?.type, 'listCard', 'more than five categories: a carousel of list cards')
  const names = carousel.items.flatMap((card: { items: Array<{ title: string }> }) => card.items.map((i) => i.title))
  const { corpus } = await bundledMatcher()
  const tops = [...new Set(corpus.entries.map((e) => e.category[0]))]
  t.same([...names].sort(), [...tops].sort(), 'every top category is listed once')
  t.equal(names[0], '카카오톡', 'the largest category first')
  t.equal(carousel.items[0].header.title, '자주 묻는 질문')
  t.match(carousel.items[0].items[0], { action: 'message', messageText: '카카오톡', extra: { category: '카카오톡' }, description: /^질문 \d+개$/ })
})

t.test('a category lists its questions with 더보기 paging; tapping a question answers it', async (t) => {
  const { ask } = await buildConversation(t)
  const inCategory = (await bundledMatcher()).corpus.entries.filter((e) => e.category[0] === '카카오톡')
  t.ok(inCategory.length > LIMITS.listCardItems, 'the fixture category spans several pages')

  const seen: string[] = []
  let reply = await ask('/skills/browse', '카카오톡', { category: '카카오톡' })
  for (let guard = 0; guard < 10; guard++) {
    t.equal(reply.data.kind, 'category')
    const list = reply.template.outputs[0]?.listCard
    t.ok(list.items.length <= LIMITS.listCardItems)
    seen.push(...list.items.map((i: { extra: { faqId: string } }) => i.extra.faqId))
    const more = list.buttons?.find((b: { label: string }) => b.label === '더보기')
    if (!more) break
    t.match(more.extra, { category: '카카오톡', page: reply.data.page + 1 })
    // Paging taps are sent the way OpenBuilder would: to the fallback block (/skills/faq) as a message.
    reply = await ask('/skills/faq', more.messageText, more.extra)
  }
  t.same(seen, inCategory.map((e) => e.id), 'paging walks every question of the category once, in order')

  const firstItem = (await ask('/skills/browse', '카카오톡', { category: '카카오톡' })).template.outputs[0]?.listCard.items[0]
  const answer = await ask('/skills/faq', firstItem.messageText, firstItem.extra)
  t.equal(answer.data.outcome, 'answer')
  t.equal(answer.data.faqId, inCategory[0]?.id)
  t.equal(answer.data.question, inCategory[0]?.question)
})

t.test('a block parameter can fix the category; an unknown category falls back to the menu', async (t) => {
  const { ask } = await buildConversation(t)
  const fixed = await ask('/skills/browse', '챗봇 도움말', null, { category: '챗봇 관리자센터' })
  t.equal(fixed.data.kind, 'category')
  t.equal(fixed.data.category, '챗봇 관리자센터')
  const sub = await ask('/skills/browse', '오픈채팅', { category: '카카오톡 > 오픈채팅' })
  t.equal(sub.data.category, '카카오톡 > 오픈채팅')
  const unknown = await ask('/skills/browse', '없는 분류', { category: '없는 분류' })
  t.equal(unknown.data.kind, 'menu')
  t.match(unknown.template.outputs[0]?.simpleText.text, /찾을 수 없어요/)
})

t.test('the menu pages with 더보기 when categories outnumber one carousel', async (t) => {
  const entries = Array.from({ length: 27 }, (_, i) => ({ id: `c${i}`, category: [`분류${String(i).padStart(2, '0')}`], question: `분류 ${i}의 질문인가요?`, answer: `분류 ${i}의 답변입니다.` }))
  const { ask } = await buildConversation(t, { env: { FAQ_FILE: tempCorpus(entries) } })
  const first = await ask('/skills/browse', '메뉴')
  t.equal(first.data.pages, 2)
  const more = first.template.quickReplies?.find((q) => q.label === '더보기')
  t.match(more?.extra, { tap: 'menu', page: 2 })
  const second = await ask('/skills/faq', more!.messageText!, more!.extra!)
  t.equal(second.data.page, 2)
  const listed = second.template.outputs[0]?.carousel.items.flatMap((c: { items: unknown[] }) => c.items)
  t.equal(listed.length, 27 - 20)
})

t.test('/skills/welcome greets with the most asked questions as quick replies', async (t) => {
  const { ask } = await buildConversation(t)
  const reply = await ask('/skills/welcome', '')
  t.equal(reply.data.kind, 'welcome')
  t.match(reply.template.outputs[0]?.simpleText.text, /안녕하세요/)
  const qrs = reply.template.quickReplies ?? []
  t.ok(qrs.length >= 3 && qrs.length <= LIMITS.quickReplies)
  const questions = qrs.filter((q) => q.extra?.faqId)
  t.ok(questions.length >= 2)
  t.match(qrs.at(-1), { label: '자주 묻는 질문', extra: { tap: 'menu' } })
  for (const q of qrs) {
    const next = await ask('/skills/faq', q.messageText!, q.extra!)
    if (q.extra?.faqId) t.equal(next.data.faqId, q.extra.faqId)
    else t.equal(next.data.kind, 'menu')
  }
})

t.test('configured block ids turn taps into block actions that keep their extra', async (t) => {
  const { ask } = await buildConversation(t, {
    env: { BLOCK_ID_ANSWER: 'blockAnswer01', BLOCK_ID_FEEDBACK: 'blockFeedback01', BLOCK_ID_BROWSE: 'blockBrowse01' },
  })
  const answer = await ask('/skills/faq', '배포란 무엇인가요?')
  const qrs = answer.template.quickReplies ?? []
  t.match(qrs[0], { action: 'block', blockId: 'blockFeedback01', extra: { feedback: 'yes' } })
  t.match(qrs.at(-1), { action: 'block', blockId: 'blockBrowse01', extra: { tap: 'menu' } })
  for (const q of qrs.slice(2, -1)) t.match(q, { action: 'block', blockId: 'blockAnswer01', extra: { faqId: String } })

  const menu = await ask('/skills/browse', '메뉴')
  for (const x of taps(menu)) {
    if (x.extra?.category) t.match(x, { action: 'block', blockId: 'blockBrowse01' })
    if (x.extra?.faqId) t.match(x, { action: 'block', blockId: 'blockAnswer01' })
  }
  const category = await ask('/skills/browse', '카카오톡', { category: '카카오톡' })
  for (const x of taps(category)) {
    if (x.extra?.faqId) t.match(x, { action: 'block', blockId: 'blockAnswer01' })
    if (x.extra?.page) t.match(x, { action: 'block', blockId: 'blockBrowse01' })
  }
  // A block bound to /skills/browse resolves an answer tap too.
  const tapped = await ask('/skills/browse', '배포란 무엇인가요?', { faqId: 'faq-963be53d' })
  t.equal(tapped.data.outcome, 'answer')
})

t.test('MESSAGES_FILE overrides what the bot says', async (t) => {
  const file = tempJson('messages.json', {
    welcome: '어서 오세요. 무엇을 도와드릴까요?',
    feedbackYes: '좋았어요',
    none: '그 질문은 아직 준비되지 않았어요. 메뉴에서 골라 주세요.',
    categoryHeader: '{category} 안내',
  })
  const { ask } = await buildConversation(t, { env: { MESSAGES_FILE: file } })
  t.equal((await ask('/skills/welcome', '')).template.outputs[0]?.simpleText.text, '어서 오세요. 무엇을 도와드릴까요?')
  t.equal((await ask('/skills/faq', '배포란 무엇인가요?')).template.quickReplies?.[0]?.label, '좋았어요')
  t.equal((await ask('/skills/faq', 'zxqv 쀍뷁 qwpz')).template.outputs[0]?.simpleText.text, '그 질문은 아직 준비되지 않았어요. 메뉴에서 골라 주세요.')
  t.equal((await ask('/skills/browse', '신고센터', { category: '신고센터' })).template.outputs[0]?.listCard.header.title, '신고센터 안내')
})

t.test('a MESSAGES_FILE with an unknown key stops the app with a message naming it', async (t) => {
  const file = tempJson('messages.json', { welcom: '오타' })
  await t.rejects(buildConversation(t, { env: { MESSAGES_FILE: file } }), /MESSAGES_FILE/)
})

t.test('typing "처음으로" or "자주 묻는 질문" opens the menu', async (t) => {
  const { ask } = await buildConversation(t)
  for (const typed of ['처음으로', ' 자주 묻는 질문 ', '메뉴', '도움말']) {
    const reply = await ask('/skills/faq', typed)
    t.match(reply.data, { kind: 'intent', intent: 'menu', outcome: 'none' }, `"${typed}" is the menu intent`)
    t.ok(reply.template.outputs.some((o) => o.carousel || o.listCard), `"${typed}" shows the menu`)
  }
})

t.test('conversation settings are read and validated from the environment', async (t) => {
  const { loadConfig } = await import('../src/config.js')
  const base = loadConfig({})
  t.equal(base.OPERATOR_HANDOFF, false, 'operator handoff is off unless asked for')
  t.same(base.CATEGORY_THUMBNAILS, [])
  const set = loadConfig({ OPERATOR_HANDOFF: 'on', CATEGORY_THUMBNAILS: '카카오톡=https://a.example/k.png, 신고센터=https://a.example/s.png', BLOCK_ID_ANSWER: '64f0aa' })
  t.equal(set.OPERATOR_HANDOFF, true)
  t.same(set.CATEGORY_THUMBNAILS, ['카카오톡=https://a.example/k.png', '신고센터=https://a.example/s.png'])
  t.equal(set.BLOCK_ID_ANSWER, '64f0aa')
  t.throws(() => loadConfig({ CATEGORY_THUMBNAILS: '카카오톡' }), /CATEGORY_THUMBNAILS/)
  t.throws(() => loadConfig({ DEFAULT_THUMBNAIL_URL: 'ftp://x' }), /DEFAULT_THUMBNAIL_URL/)
  t.throws(() => loadConfig({ OPERATOR_HANDOFF: 'maybe' }), /OPERATOR_HANDOFF/)
})

t.test('every category page of the bundled corpus is a valid list', async (t) => {
  const { corpus } = await bundledMatcher()
  const { ask } = await buildConversation(t)
  const tops = [...new Set(corpus.entries.map((e) => e.category[0]!))]
  for (const name of tops) {
    const count = corpus.entries.filter((e) => e.category[0] === name).length
    const pages = Math.ceil(count / LIMITS.listCardItems)
    for (let page = 1; page <= pages; page++) {
      const reply = await ask('/skills/browse', name, { category: name, page })
      t.equal(reply.data.page, page)
      t.equal(reply.data.pages, pages)
    }
  }
})
