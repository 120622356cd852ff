import t, { type Test } from 'tap'
import { LIMITS } from '../src/kakao/limits.js'
import { cpLength } from '../src/kakao/text.js'
import { answerParts, layoutAnswer } from '../src/conversation/layout.js'
import { readTap } from '../src/conversation/taps.js'
import { buildConversation, squash, tempCorpus, visibleTexts, type Reply } from './conversation-helpers.js'

/** Numbered, distinct sentences so each one can be found exactly once in the reply. */
const sentencesOf = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix} 안내 ${i + 1}번 문장입니다: 설정 메뉴에서 해당 항목을 선택한 뒤 확인 버튼을 눌러 주세요.`)

const LONG = sentencesOf('긴답변', 16) // ~ 750 code points
const LONGER = sentencesOf('아주긴답변', 38) // ~ 2100 code points
const IMAGED = sentencesOf('사진답변', 10)
const HUGE = sentencesOf('초과답변', 120)
/** About 9,000 characters, as long as the longest answers of real help centres. */
const NINE_THOUSAND = sentencesOf('구천자답변', 170)

const corpusFile = tempCorpus([
  {
    id: 'long-1',
    category: ['계정', '로그인'],
    question: '긴 답변이 있는 질문인가요?',
    answer: LONG.join(' '),
    links: [
      { label: '고객센터', url: 'https://cs.example.com/long' },
      { label: '운영정책', url: 'https://cs.example.com/policy' },
    ],
  },
  { id: 'long-2', category: ['계정', '로그인'], question: '아주 긴 답변이 있는 질문인가요?', answer: LONGER.join('\n') },
  { id: 'img-1', category: ['계정', '보안'], question: '사진이 있는 답변인가요?', answer: IMAGED.join(' '), imageUrl: 'https://img.example.com/a.png' },
  { id: 'huge-1', category: ['기타'], question: '너무 긴 답변인가요?', answer: HUGE.join(' ') },
  { id: 'nine-1', category: ['기타'], question: '구천 자짜리 답변은 어떻게 보이나요?', answer: NINE_THOUSAND.join(' '), links: [{ label: '안내', url: 'https://cs.example.com/nine' }] },
  { id: 'short-1', category: ['계정', '로그인'], question: '짧은 답변인가요?', answer: '네, 짧은 답변입니다.' },
  { id: 'short-2', category: ['계정', '보안'], question: '비밀번호는 어떻게 바꾸나요?', answer: '설정 > 계정에서 바꿀 수 있어요.' },
])

function assertWhole (t: Test, reply: Reply, question: string, sentences: string[]) {
  const outputs = reply.template.outputs
  t.ok(outputs.length <= LIMITS.outputs, 'at most three outputs')
  const texts = visibleTexts(reply)
  t.equal(texts.filter((x) => x === question).length, 1, 'the question is shown once, as the title')
  const body = squash(texts.filter((x) => x !== question).join(''))
  for (const s of sentences) {
    const k = squash(s)
    t.equal(body.split(k).length - 1, 1, `sentence present exactly once: ${s.slice(0, 14)}`)
  }
  t.equal(cpLength(body), cpLength(squash(sentences.join(''))), 'nothing but the answer is in the bubbles')
  for (const o of outputs) {
    if (o.simpleText) {
      t.ok(cpLength(o.simpleText.text) <= LIMITS.simpleText, 'bubble within the simpleText limit')
      t.match(o.simpleText.text, /[.!?]$/, 'bubble ends at a sentence end')
    }
    if (o.textCard?.description) {
      t.ok(cpLength(o.textCard.description) <= LIMITS.textCardDescription)
      t.match(o.textCard.description, /[.!?]$/, 'card text ends at a sentence end')
    }
    if (o.basicCard?.description) t.ok(cpLength(o.basicCard.description) <= LIMITS.basicCardDescription)
  }
}

t.test('a 700+ character answer arrives whole, split between sentences', async (t) => {
  t.ok(cpLength(LONG.join(' ')) >= 700)
  const { ask } = await buildConversation(t, { env: { FAQ_FILE: corpusFile } })
  const reply = await ask('/skills/faq', '긴 답변이 있는 질문인가요?')
  t.equal(reply.data.outcome, 'answer')
  t.equal(reply.data.faqId, 'long-1')
  const [first, ...rest] = reply.template.outputs
  t.equal(first?.textCard?.title, '긴 답변이 있는 질문인가요?', 'the question is the card title')
  t.ok(rest.length >= 1 && rest.every((o) => o.simpleText), 'the answer continues in simpleText bubbles')
  assertWhole(t, reply, '긴 답변이 있는 질문인가요?', LONG)
  t.same(
    first?.textCard?.buttons,
    [
      { label: '자세히 보기', action: 'webLink', webLinkUrl: 'https://cs.example.com/long' },
      { label: '운영정책', action: 'webLink', webLinkUrl: 'https://cs.example.com/policy' },
    ],
    'links become webLink buttons'
  )
})

t.test('a 2000+ character answer uses all three outputs and still arrives whole', async (t) => {
  t.ok(cpLength(LONGER.join('\n')) >= 2000)
  const { ask } = await buildConversation(t, { env: { FAQ_FILE: corpusFile } })
  const reply = await ask('/skills/faq', '아주 긴 답변이 있는 질문인가요?')
  t.equal(reply.template.outputs.length, 3)
  assertWhole(t, reply, '아주 긴 답변이 있는 질문인가요?', LONGER)
})

t.test('an entry image makes the title a basicCard; config thumbnails apply by category', async (t) => {
  const { ask } = await buildConversation(t, {
    env: { FAQ_FILE: corpusFile, CATEGORY_THUMBNAILS: '계정=https://img.example.com/account.png', DEFAULT_THUMBNAIL_URL: 'https://img.example.com/default.png' },
  })
  const imaged = await ask('/skills/faq', '사진이 있는 답변인가요?')
  t.equal(imaged.template.outputs[0]?.basicCard?.thumbnail.imageUrl, 'https://img.example.com/a.png')
  assertWhole(t, imaged, '사진이 있는 답변인가요?', IMAGED)
  const byCategory = await ask('/skills/faq', '짧은 답변인가요?')
  t.equal(byCategory.template.outputs[0]?.basicCard?.thumbnail.imageUrl, 'https://img.example.com/account.png')
  t.equal(byCategory.template.outputs[0]?.basicCard?.description, '네, 짧은 답변입니다.')
  t.equal(byCategory.template.outputs.length, 1, 'a short answer is one card')
  const byDefault = await ask('/skills/faq', '너무 긴 답변인가요?')
  t.ok(byDefault.template.outputs.length <= 3)
})

/** Follow "이어서 보기" from `first` to the end; returns every reply of the chain. */
async function followMore (ask: Awaited<ReturnType<typeof buildConversation>>['ask'], first: Reply): Promise<Reply[]> {
  const chain = [first]
  for (let last = first; chain.length < 50;) {
    const more = (last.template.quickReplies ?? []).find((q) => q.label === '이어서 보기')
    if (!more) break
    last = await ask('/skills/faq', more.messageText ?? more.label, more.extra ?? null)
    chain.push(last)
  }
  return chain
}

t.test('a 9,000-character answer reaches the user whole over several replies, each within every limit', async (t) => {
  t.ok(cpLength(NINE_THOUSAND.join(' ')) >= 9000, `${cpLength(NINE_THOUSAND.join(' '))} characters`)
  const { ask, skillLogs } = await buildConversation(t, { env: { FAQ_FILE: corpusFile } })
  const first = await ask('/skills/faq', '구천 자짜리 답변은 어떻게 보이나요?')
  t.equal(first.data.outcome, 'answer')
  t.equal(first.template.outputs[0]?.textCard?.title, '구천 자짜리 답변은 어떻게 보이나요?')
  t.same(first.template.outputs[0]?.textCard?.buttons, [{ label: '자세히 보기', action: 'webLink', webLinkUrl: 'https://cs.example.com/nine' }])
  t.notOk(first.template.quickReplies?.some((q) => q.label === '도움이 됐어요'), 'feedback waits for the end')
  const chain = await followMore(ask, first)
  t.ok(chain.length >= 4, `${chain.length} replies`)
  t.equal(chain[0]?.data.parts, chain.length, 'data names how many parts the answer takes')
  chain.forEach((r, i) => {
    t.ok(r.template.outputs.length <= LIMITS.outputs)
    t.ok(Buffer.byteLength(JSON.stringify(r)) < 30 * 1024, `part ${i + 1} under 30 KB`)
    if (i > 0) t.match(r.data, { outcome: 'answer', kind: 'more', faqId: 'nine-1', part: i + 1 })
  })
  const seen = chain.flatMap((r) => visibleTexts(r).filter((x) => x !== '구천 자짜리 답변은 어떻게 보이나요?'))
  const body = squash(seen.join(''))
  for (const s of NINE_THOUSAND) t.equal(body.split(squash(s)).length - 1, 1, `once: ${s.slice(0, 16)}`)
  t.equal(body, squash(NINE_THOUSAND.join('')), 'the whole answer, in order, nothing else')
  for (const r of chain) for (const o of r.template.outputs) if (o.simpleText) t.match(o.simpleText.text, /[.!?]$/, 'split between sentences')
  const last = chain.at(-1)!
  t.match(last.template.quickReplies?.[0], { label: '도움이 됐어요', extra: { tap: 'feedback', faqId: 'nine-1', feedback: 'yes', query: '구천 자짜리 답변은 어떻게 보이나요?' } })
  const logs = skillLogs()
  t.match(logs[1], { kind: 'more', outcome: 'answer', faqId: 'nine-1', part: 2, via: 'tap', tap: 'more' })
  // Past the last part (an old chip), the last part again.
  const again = await ask('/skills/faq', '이어서 보기', { tap: 'more', faqId: 'nine-1', part: 99 })
  t.same(again.template.outputs, last.template.outputs)
})

t.test('an answer offers feedback, related questions and the way home, each carrying its state', async (t) => {
  const { ask } = await buildConversation(t, { env: { FAQ_FILE: corpusFile } })
  const reply = await ask('/skills/faq', '짧은 답변인가요?')
  t.same(reply.template.outputs, [{ textCard: { title: '짧은 답변인가요?', description: '네, 짧은 답변입니다.' } }])
  const qrs = reply.template.quickReplies ?? []
  t.match(qrs[0], { label: '도움이 됐어요', action: 'message', extra: { faqId: 'short-1', feedback: 'yes' } })
  t.match(qrs[1], { label: '아니요', action: 'message', extra: { faqId: 'short-1', feedback: 'no' } })
  const related = qrs.slice(2, -1)
  t.ok(related.length >= 1 && related.length <= 3, 'one to three related questions')
  t.same(related.slice(0, 2).map((q) => q.extra?.faqId), ['long-1', 'long-2'], 'same sub-category first')
  // Without match candidates (a tapped id) the broader category fills the rest.
  const tapped = await ask('/skills/faq', '짧은 답변인가요?', { faqId: 'short-1' })
  t.same(
    (tapped.template.quickReplies ?? []).slice(2, -1).map((q) => q.extra?.faqId),
    ['long-1', 'long-2', 'img-1'],
    'same sub-category, then the same top category'
  )
  t.match(qrs.at(-1), { label: '처음으로', extra: { tap: 'menu' } })
  for (const q of qrs) t.ok(cpLength(q.label) <= LIMITS.quickReplyLabel, `label fits: ${q.label}`)
})

t.test('every quick reply of an answer can be followed to a valid reply', async (t) => {
  const { ask, skillLogs } = await buildConversation(t, { env: { FAQ_FILE: corpusFile } })
  const reply = await ask('/skills/faq', '긴 답변이 있는 질문인가요?')
  const qrs = reply.template.quickReplies ?? []
  t.ok(qrs.length >= 4)
  for (const q of qrs) {
    const next = await ask('/skills/faq', q.messageText ?? q.label, q.extra ?? null)
    if (q.extra?.feedback) {
      t.equal(next.data.kind, 'feedback')
      t.equal(next.data.faqId, 'long-1')
    } else if (q.extra?.faqId) {
      t.equal(next.data.outcome, 'answer')
      t.equal(next.data.faqId, q.extra.faqId, 'a related question answers that entry')
      t.equal(next.data.question, q.messageText)
    } else if (q.extra?.tap === 'menu') t.equal(next.data.kind, 'menu')
  }
  const votes = skillLogs().filter((l) => l.kind === 'feedback')
  t.same(
    votes.map((l) => [l.feedback, l.faqId]),
    [
      ['yes', 'long-1'],
      ['no', 'long-1'],
    ],
    'votes are logged with the faqId'
  )
})

t.test('feedback replies thank the user; a "no" offers other questions', async (t) => {
  const { ask } = await buildConversation(t, { env: { FAQ_FILE: corpusFile } })
  const yes = await ask('/skills/faq', '도움이 됐어요', { faqId: 'short-1', feedback: 'yes' })
  t.match(yes.template.outputs[0]?.simpleText.text, /다행이에요/)
  const no = await ask('/skills/faq', '아니요', { faqId: 'short-1', feedback: 'no' })
  t.match(no.template.outputs[0]?.simpleText.text, /죄송합니다/)
  t.ok((no.template.quickReplies ?? []).some((q) => q.extra?.faqId), 'other questions offered after a no')
})

t.test('clientExtra { faqId } answers that entry without searching, also as a string', async (t) => {
  const { ask, skillLogs } = await buildConversation(t, { env: { FAQ_FILE: corpusFile } })
  const reply = await ask('/skills/faq', '전혀 상관없는 문장', { faqId: 'short-2' })
  t.same(reply.data, {
    outcome: 'answer',
    kind: 'answer',
    faqId: 'short-2',
    question: '비밀번호는 어떻게 바꾸나요?',
    score: 1,
    candidates: [{ faqId: 'short-2', question: '비밀번호는 어떻게 바꾸나요?', score: 1 }],
  })
  t.equal(reply.template.outputs[0]?.textCard?.title, '비밀번호는 어떻게 바꾸나요?')
  const feedbackAsStrings = await ask('/skills/faq', '도움이 됐어요', { faqId: 'short-2', feedback: 'true' })
  t.equal(feedbackAsStrings.data.kind, 'feedback')
  t.equal(feedbackAsStrings.data.feedback, 'yes')
  t.match(skillLogs()[0], { kind: 'answer', outcome: 'answer', faqId: 'short-2', via: 'tap', tap: 'question' })
})

t.test('an unknown faqId (stale after a reload) says so and searches the utterance', async (t) => {
  const { ask, skillLogs } = await buildConversation(t, { env: { FAQ_FILE: corpusFile } })
  const found = await ask('/skills/faq', '짧은 답변인가요?', { faqId: 'gone-1' })
  t.match(found.template.outputs[0]?.simpleText.text, /찾을 수 없어/)
  t.equal(found.data.outcome, 'answer')
  t.equal(found.data.faqId, 'short-1')
  t.ok(found.template.outputs.length <= 3)
  const notFound = await ask('/skills/faq', '무슨 말인지 모를 문장', { faqId: 'gone-1' })
  t.equal(notFound.data.outcome, 'none')
  t.match(skillLogs()[0], { stale: 'gone-1' })
  // A stale id on a long answer still keeps the whole reply within three outputs.
  const long = await ask('/skills/faq', '아주 긴 답변이 있는 질문인가요?', { faqId: 'gone-2' })
  t.equal(long.template.outputs.length, 3)
})

t.test('operator handoff adds a 상담원 연결 button next to the links', async (t) => {
  const { ask } = await buildConversation(t, { env: { FAQ_FILE: corpusFile, OPERATOR_HANDOFF: 'on' } })
  const reply = await ask('/skills/faq', '긴 답변이 있는 질문인가요?')
  const buttons = reply.template.outputs[0]?.textCard?.buttons
  t.same(buttons?.at(-1), { label: '상담원 연결', action: 'operator' })
  t.ok(buttons.length <= 3)
})

t.test('layoutAnswer keeps every sentence and respects the card limit', async (t) => {
  const text = LONG.join(' ')
  const layout = layoutAnswer(text, 400, 2)
  t.ok(layout)
  t.ok(cpLength(layout!.cardText) <= 400)
  t.equal(squash(layout!.cardText + layout!.bubbles.join('')), squash(text))
  t.equal(layoutAnswer('짧다.', 400, 0)?.cardText, '짧다.')
  t.equal(layoutAnswer(HUGE.join(' '), 400, 2), undefined, 'too long for card + two bubbles')
  // One 700-character sentence: kept whole in one (folded) bubble rather than broken for short bubbles.
  const oneSentence = Array.from({ length: 100 }, (_, i) => `단어${i}`).join(' ').padEnd(700, '가') + '.'
  const whole = layoutAnswer(oneSentence, 400, 2)
  t.equal(whole?.cardText, '', 'a title-only card when the first sentence does not fit it')
  t.same(whole?.bubbles, [oneSentence])
})

t.test('readTap reads extras that arrive as strings, and the shapes written before `tap` existed', async (t) => {
  t.same(readTap({ faqId: 'a', feedback: 'no' }), { tap: 'feedback', feedback: 'no', faqId: 'a' })
  t.same(readTap({ category: '계정', page: '2' }), { tap: 'category', category: '계정', page: 2 })
  t.same(readTap({ missed: 'true', offered: 'a,b' }), { tap: 'none-of-these', offered: ['a', 'b'] })
  t.same(readTap({ home: 'false', page: '0', faqId: '  ' }), undefined)
  t.same(readTap({ faqId: 42 }), { tap: 'question', faqId: '42' })
  t.same(readTap({ home: true }), { tap: 'menu' })
  t.same(readTap({ tap: 'more', faqId: 'a', part: '3', query: 'q' }), { tap: 'more', faqId: 'a', part: 3, query: 'q' })
  t.same(readTap({ tap: 'more', faqId: 'a' }), { tap: 'question', faqId: 'a' }, 'a part-less "more" still answers the entry')
  t.same(readTap({ tap: 'confirm-no', faqId: 'a', query: '가'.repeat(500) }), { tap: 'confirm-no', faqId: 'a', query: '가'.repeat(200) }, 'query capped')
  t.same(readTap({}), undefined)
  t.same(readTap({ unrelated: 'x' }), undefined, 'an operator block\'s own extra is not ours')
})

t.test('every entry of the bundled corpus answers within limits, and all its quick replies lead on', async (t) => {
  const { bundledMatcher } = await import('./conversation-helpers.js')
  const { corpus } = await bundledMatcher()
  const { ask } = await buildConversation(t)
  for (const entry of corpus.entries) {
    const reply = await ask('/skills/faq', entry.question, { faqId: entry.id })
    t.equal(reply.data.faqId, entry.id)
    const chain = await followMore(ask, reply)
    const seen = squash(chain.flatMap(visibleTexts).join(''))
    t.ok(seen.includes(squash(entry.answer)), `${entry.id}: the whole answer is shown`)
    for (const q of reply.template.quickReplies ?? []) await ask('/skills/faq', q.messageText ?? q.label, q.extra ?? null)
  }
})

t.test('answerParts: a long answer in order over parts of at most three bubbles, never over a limit', async (t) => {
  const answer = NINE_THOUSAND.join(' ')
  for (const [cardMax, first] of [[LIMITS.textCardDescription, 2], [LIMITS.basicCardDescription, 2], [LIMITS.textCardDescription, 1]] as const) {
    const { cardText, parts } = answerParts(answer, cardMax, first)
    t.ok(cpLength(cardText) <= cardMax, 'the card text fits the card')
    t.equal(parts[0]?.length, first, 'the first reply fills its room')
    for (const p of parts.slice(1)) t.ok(p.length >= 1 && p.length <= LIMITS.outputs, 'later parts hold one to three bubbles')
    for (const b of parts.flat()) t.ok(cpLength(b) <= LIMITS.simpleText && /[.!?]$/.test(b), 'bubbles end at a sentence, within 1000')
    t.equal(squash(cardText + parts.flat().join('')), squash(answer), 'everything, once, in order')
  }
  const short = answerParts('짧은 답변입니다.', LIMITS.textCardDescription, 2)
  t.same(short, { cardText: '짧은 답변입니다.', parts: [[]] }, 'a short answer is one part')
})
