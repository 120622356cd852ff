// Turn a match outcome (or a tapped button's state) into the reply a KakaoTalk user sees.
// Every reply carries `data` = { outcome, faqId?, question?, score?, candidates, kind? } so logs,
// run-eval and operators' webhook variables can read what was decided.
import type { Config } from '../config.js'
import type { FaqEntry } from '../faq/schema.js'
import { format, type Messages } from '../messages.js'
import type { Candidate, Matcher, MatchResult } from '../match/types.js'
import {
  basicCard,
  listCard,
  listCardCarousel,
  simpleText,
  simpleTexts,
  skillResponse,
  textCard,
  thumbnail,
  type ButtonSpec,
  type ListItemSpec,
  type QuickReplySpec,
} from '../kakao/builders.js'
import { LIMITS } from '../kakao/limits.js'
import type { Component, ReplyData, SkillResponse } from '../kakao/response.js'
import { catalogOf, PATH_SEPARATOR, type Catalog } from './catalog.js'
import { layoutAnswer } from './layout.js'
import type { Tap } from './tap.js'

type ConversationConfig = Pick<
  Config,
  'OPERATOR_HANDOFF' | 'DEFAULT_THUMBNAIL_URL' | 'CATEGORY_THUMBNAILS' | 'BLOCK_ID_ANSWER' | 'BLOCK_ID_FEEDBACK' | 'BLOCK_ID_BROWSE'
>

/** Everything a reply needs: the sentences, the operator's settings and the serving corpus. */
export interface Conversation {
  messages: Messages
  config: Partial<ConversationConfig>
  matcher: Matcher
  catalog: Catalog
}

export function conversation(messages: Messages, config: Partial<ConversationConfig>, matcher: Matcher): Conversation {
  return { messages, config, matcher, catalog: catalogOf(matcher.corpus) }
}

/** What a non-search reply is, for data.kind. */
export type ReplyKind = 'answer' | 'choices' | 'none' | 'empty' | 'feedback' | 'missed' | 'category' | 'menu' | 'welcome'

/** Questions per page of a category list (one listCard). */
export const CATEGORY_PAGE_SIZE = LIMITS.listCardItems
/** Categories per page of the menu: a carousel of list cards. */
export const MENU_PAGE_SIZE = LIMITS.listCardItemsInCarousel * LIMITS.listCardCarouselItems
/** Related questions offered under an answer. */
export const RELATED = 3
/** Quick replies into categories under a miss. */
const CATEGORY_QUICK_REPLIES = 6

// ---- data ------------------------------------------------------------------------------------

const toCandidate = (c: Candidate) => ({ faqId: c.faqId, question: c.question, score: c.score })

export function replyData(result: MatchResult): ReplyData {
  const candidates = result.candidates.slice(0, 5).map(toCandidate)
  const best = candidates[0]
  if (result.outcome === 'answer' && best) {
    return { outcome: 'answer', faqId: best.faqId, question: best.question, score: best.score, candidates }
  }
  return { outcome: result.outcome, candidates }
}

/** data for an entry answered because its id was tapped: certain, no search involved. */
export function tappedData(entry: FaqEntry): ReplyData {
  return { outcome: 'answer', faqId: entry.id, question: entry.question, score: 1, candidates: [{ faqId: entry.id, question: entry.question, score: 1 }] }
}

/** data for replies that are not a search result; `kind` says what the user was shown. */
function plainData(kind: ReplyKind, extra: Record<string, unknown> = {}): ReplyData {
  const data: ReplyData = { outcome: 'none', candidates: [] }
  return Object.assign(data, { kind }, extra)
}

// ---- taps: message by default, block when the operator routes that tap to a dedicated block ----

type Route = 'answer' | 'feedback' | 'browse'

function blockFor(c: Conversation, route: Route): string | undefined {
  return route === 'answer' ? c.config.BLOCK_ID_ANSWER : route === 'feedback' ? c.config.BLOCK_ID_FEEDBACK : c.config.BLOCK_ID_BROWSE
}

function quick(c: Conversation, route: Route, label: string, messageText: string, extra: Record<string, unknown>): QuickReplySpec {
  const blockId = blockFor(c, route)
  return blockId ? { label, blockId, messageText, extra } : { label, messageText, extra }
}

function item(c: Conversation, route: Route, title: string, messageText: string, extra: Record<string, unknown>, description?: string): ListItemSpec {
  const blockId = blockFor(c, route)
  return { title, messageText, extra, ...(description ? { description } : {}), ...(blockId ? { blockId } : {}) }
}

function tapButton(c: Conversation, route: Route, label: string, messageText: string, extra: Record<string, unknown>): ButtonSpec {
  const blockId = blockFor(c, route)
  return blockId ? { label, action: 'block', blockId, messageText, extra } : { label, action: 'message', messageText, extra }
}

const questionQuick = (c: Conversation, e: FaqEntry) => quick(c, 'answer', e.question, e.question, { faqId: e.id })
const categoryQuick = (c: Conversation, name: string) => quick(c, 'browse', name, name, { category: name })
const homeQuick = (c: Conversation) => quick(c, 'browse', c.messages.home, c.messages.home, { home: true })

function operatorCard(c: Conversation): Component[] {
  if (!c.config.OPERATOR_HANDOFF) return []
  return [{ textCard: textCard({ description: c.messages.operatorPrompt, buttons: [{ label: c.messages.operator, action: 'operator' }] }) }]
}

function categoryQuickReplies(c: Conversation, n = CATEGORY_QUICK_REPLIES): QuickReplySpec[] {
  return c.catalog
    .topCategories()
    .slice(0, n)
    .map((cat) => categoryQuick(c, cat.name))
}

// ---- answer ----------------------------------------------------------------------------------

function thumbnailUrl(c: Conversation, entry: FaqEntry): string | undefined {
  if (entry.imageUrl) return entry.imageUrl
  // The most specific configured category wins: "카카오톡 > 오픈채팅" before "카카오톡".
  let best: { depth: number; url: string } | undefined
  for (const pair of c.config.CATEGORY_THUMBNAILS ?? []) {
    const at = pair.indexOf('=')
    const path = pair.slice(0, at).split('>').map((s) => s.trim())
    const url = pair.slice(at + 1).trim()
    if (path.every((p, i) => entry.category[i] === p) && (!best || path.length > best.depth)) best = { depth: path.length, url }
  }
  return best?.url ?? c.config.DEFAULT_THUMBNAIL_URL
}

function answerButtons(c: Conversation, entry: FaqEntry): ButtonSpec[] {
  const operator: ButtonSpec[] = c.config.OPERATOR_HANDOFF ? [{ label: c.messages.operator, action: 'operator' }] : []
  const links = entry.links.slice(0, LIMITS.buttons - operator.length).map(
    (l, i): ButtonSpec => ({ label: i === 0 ? c.messages.moreLink : l.label, action: 'webLink', url: l.url }),
  )
  return [...links, ...operator]
}

/**
 * The whole answer: the question as a card title (basicCard when there is a thumbnail), the answer
 * starting in the card and continuing in simpleText bubbles, links and the operator as buttons, and
 * quick replies for feedback, related questions and the way back to the menu.
 */
export function answerReply(
  c: Conversation,
  entry: FaqEntry,
  data: ReplyData,
  opts: { candidates?: Candidate[]; lead?: Component[] } = {},
): SkillResponse {
  const lead = opts.lead ?? []
  const room = LIMITS.outputs - lead.length
  const buttons = answerButtons(c, entry)
  const image = thumbnailUrl(c, entry)
  const cardMax = image ? LIMITS.basicCardDescription : LIMITS.textCardDescription
  const layout = layoutAnswer(entry.answer, cardMax, room - 1)

  let outputs: Component[]
  if (layout) {
    const card = { title: entry.question, description: layout.cardText || undefined, buttons }
    const first: Component = image
      ? { basicCard: basicCard({ ...card, thumbnail: thumbnail(image, entry.question) }) }
      : { textCard: textCard(card) }
    outputs = [first, ...layout.bubbles.map((t) => simpleText(t))]
  } else {
    // Longer than a reply can hold: plain bubbles with the links written out; the last bubble
    // ends at a sentence with an ellipsis (fitText) rather than mid-word.
    const links = entry.links.map((l) => `${l.label}: ${l.url}`).join('\n')
    outputs = simpleTexts(`${entry.question}\n\n${entry.answer}${links ? `\n\n${links}` : ''}`, room)
  }

  const related = c.catalog.related(entry, opts.candidates ?? [], RELATED)
  const quickReplies: QuickReplySpec[] = [
    quick(c, 'feedback', c.messages.feedbackYes, c.messages.feedbackYes, { faqId: entry.id, feedback: 'yes' }),
    quick(c, 'feedback', c.messages.feedbackNo, c.messages.feedbackNo, { faqId: entry.id, feedback: 'no' }),
    ...related.map((e) => questionQuick(c, e)),
    homeQuick(c),
  ]
  return skillResponse({ outputs: [...lead, ...outputs], quickReplies, data })
}

// ---- choices and none ------------------------------------------------------------------------

/** "혹시 이런 질문이신가요?": up to five candidates; tapping one answers it by id. */
export function choicesReply(c: Conversation, utterance: string, candidates: Candidate[], data: ReplyData, lead: Component[] = []): SkillResponse {
  const entries = candidates
    .map((cand) => c.catalog.entry(cand.faqId))
    .filter((e): e is FaqEntry => !!e)
    .slice(0, LIMITS.listCardItems)
  const items = entries.map((e) =>
    item(c, 'answer', e.question, e.question, { faqId: e.id }, e.category.slice(-1)[0]),
  )
  const missed: Record<string, unknown> = { missed: true, query: Array.from(utterance).slice(0, 200).join(''), offered: entries.map((e) => e.id) }
  return skillResponse({
    outputs: [...lead, { listCard: listCard({ header: c.messages.choicesHeader, items }) }],
    quickReplies: [quick(c, 'answer', c.messages.choicesNotFound, c.messages.choicesNotFound, missed), homeQuick(c)],
    data,
  })
}

/** Nothing matched: say so politely and offer the categories (and a human, when configured). */
export function noneReply(c: Conversation, data: ReplyData, lead: Component[] = [], text?: string): SkillResponse {
  return skillResponse({
    outputs: [...lead, simpleText(text ?? c.messages.none), ...operatorCard(c)],
    quickReplies: [...categoryQuickReplies(c), homeQuick(c)],
    data,
  })
}

export function emptyReply(c: Conversation): SkillResponse {
  return skillResponse({
    outputs: [simpleText(c.messages.empty)],
    quickReplies: [...categoryQuickReplies(c), homeQuick(c)],
    data: plainData('empty'),
  })
}

// ---- after a tap -----------------------------------------------------------------------------

export function feedbackReply(c: Conversation, tap: Tap): SkillResponse {
  const entry = tap.faqId ? c.catalog.entry(tap.faqId) : undefined
  const yes = tap.feedback === 'yes'
  // After a "no", offer what else the user may have meant; after a "yes", just the way back.
  const related = !yes && entry ? c.catalog.related(entry, [], RELATED) : []
  return skillResponse({
    outputs: [simpleText(yes ? c.messages.thanksYes : c.messages.thanksNo), ...(yes ? [] : operatorCard(c))],
    quickReplies: [...related.map((e) => questionQuick(c, e)), homeQuick(c)],
    data: plainData('feedback', { feedback: tap.feedback, ...(entry ? { faqId: entry.id, question: entry.question } : {}) }),
  })
}

export function missedReply(c: Conversation): SkillResponse {
  return skillResponse({
    outputs: [simpleText(c.messages.choicesMissed), ...operatorCard(c)],
    quickReplies: [...categoryQuickReplies(c), homeQuick(c)],
    data: plainData('missed'),
  })
}

// ---- browsing --------------------------------------------------------------------------------

/** The category menu: one listCard, or a carousel of listCards when there are more than five. */
export function menuReply(c: Conversation, page = 1, lead: Component[] = []): SkillResponse {
  const all = c.catalog.topCategories()
  if (all.length === 0) return skillResponse({ outputs: [...lead, simpleText(c.messages.browseEmpty)], data: plainData('menu') })
  const pages = Math.ceil(all.length / MENU_PAGE_SIZE)
  const p = Math.min(Math.max(page, 1), pages)
  const shown = all.slice((p - 1) * MENU_PAGE_SIZE, p * MENU_PAGE_SIZE)
  const items = shown.map((cat) =>
    item(c, 'browse', cat.name, cat.name, { category: cat.name }, format(c.messages.categoryCount, { count: cat.count })),
  )
  let menu: Component
  if (items.length <= LIMITS.listCardItems) {
    menu = { listCard: listCard({ header: c.messages.browseHeader, items }) }
  } else {
    const per = LIMITS.listCardItemsInCarousel
    const cards = Math.ceil(items.length / per)
    menu = {
      carousel: listCardCarousel(
        Array.from({ length: cards }, (_, i) => ({
          header: i === 0 ? c.messages.browseHeader : format(c.messages.browseHeaderPaged, { page: i + 1, pages: cards }),
          items: items.slice(i * per, (i + 1) * per),
        })),
      ),
    }
  }
  const quickReplies: QuickReplySpec[] = []
  if (p < pages) quickReplies.push(quick(c, 'browse', c.messages.browseMore, c.messages.browseMore, { home: true, page: p + 1 }))
  quickReplies.push(...c.catalog.popular(5).map((e) => questionQuick(c, e)))
  return skillResponse({
    outputs: [...lead, menu],
    quickReplies,
    data: plainData('menu', { page: p, pages }),
  })
}

/** A category's questions, five per page, with "더보기" while more remain. */
export function categoryReply(c: Conversation, category: string, page = 1): SkillResponse {
  const entries = c.catalog.entriesIn(category)
  if (!entries) return menuReply(c, 1, [simpleText(c.messages.categoryUnknown)])
  const path = category.split('>').map((s) => s.trim()).filter(Boolean)
  const name = path.join(PATH_SEPARATOR)
  const pages = Math.ceil(entries.length / CATEGORY_PAGE_SIZE)
  const p = Math.min(Math.max(page, 1), pages)
  const shown = entries.slice((p - 1) * CATEGORY_PAGE_SIZE, p * CATEGORY_PAGE_SIZE)
  // Below the chosen category, the rest of each entry's path tells similar questions apart.
  const items = shown.map((e) => item(c, 'answer', e.question, e.question, { faqId: e.id }, e.category.slice(path.length).join(PATH_SEPARATOR)))
  const more = p < pages ? [tapButton(c, 'browse', c.messages.browseMore, `${name} ${c.messages.browseMore}`, { category: name, page: p + 1 })] : []
  const header = pages > 1 ? format(c.messages.categoryHeaderPaged, { category: name, page: p, pages }) : format(c.messages.categoryHeader, { category: name })
  return skillResponse({
    outputs: [{ listCard: listCard({ header, items, buttons: more }) }],
    quickReplies: [homeQuick(c)],
    data: plainData('category', { category: name, page: p, pages, shown: shown.map((e) => e.id) }),
  })
}

/** The welcome block: a greeting and the most asked questions as quick replies. */
export function welcomeReply(c: Conversation): SkillResponse {
  const popular = c.catalog.popular(LIMITS.quickReplies - 1)
  return skillResponse({
    outputs: [simpleText(c.messages.welcome)],
    quickReplies: [...popular.map((e) => questionQuick(c, e)), quick(c, 'browse', c.messages.browseHeader, c.messages.browseHeader, { home: true })],
    data: plainData('welcome', { shown: popular.map((e) => e.id) }),
  })
}
