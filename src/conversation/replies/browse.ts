// Browsing the corpus as a menu: the categories, a category's questions page by page, and the
// welcome (a greeting with the most asked questions).
import { listCard, listCardCarousel, simpleText, type QuickReplySpec } from '../../kakao/builders.js'
import { LIMITS } from '../../kakao/limits.js'
import type { Component } from '../../kakao/response.js'
import { format } from '../../messages.js'
import { PATH_SEPARATOR } from '../catalog.js'
import type { ReplyContext } from '../context.js'
import { decide, type How } from '../decision.js'
import { tapButton, tapListItem, tapQuickReply } from '../taps.js'
import { homeQuick, questionQuick, reply, type Reply } from './common.js'

/** Questions per page of a category list (one listCard). */
export const CATEGORY_PAGE_SIZE = LIMITS.listCardItems
/** Categories per page of the menu: a carousel of list cards. */
export const MENU_PAGE_SIZE = LIMITS.listCardItemsInCarousel * LIMITS.listCardCarouselItems
/** Popular questions as quick replies under the menu: half the bar, so "더보기" and others still fit. */
const MENU_POPULAR = 5

/** One page of `items` (pages from 1; a page past either end is the nearest page). */
export function paginate<T> (items: T[], size: number, page: number): { shown: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size))
  const p = Math.min(Math.max(page, 1), pages)
  return { shown: items.slice((p - 1) * size, p * size), page: p, pages }
}

/** The category menu: one listCard, or a carousel of listCards when there are more than five. */
export function menuReply (ctx: ReplyContext, how: How, page = 1, lead: Component[] = []): Reply {
  const { messages } = ctx
  const all = ctx.catalog.topCategories()
  if (all.length === 0) return reply(decide(how, 'menu'), { outputs: [...lead, simpleText(messages.browseEmpty)] })
  const { shown, page: p, pages } = paginate(all, MENU_PAGE_SIZE, page)
  const items = shown.map((cat) =>
    tapListItem(ctx.config, cat.name, cat.name, { tap: 'category', category: cat.name }, format(messages.categoryCount, { count: cat.count }))
  )
  let menu: Component
  if (items.length <= LIMITS.listCardItems) {
    menu = { listCard: listCard({ header: messages.browseHeader, items }) }
  } else {
    const per = LIMITS.listCardItemsInCarousel
    const cards = Math.ceil(items.length / per)
    menu = {
      carousel: listCardCarousel(
        Array.from({ length: cards }, (_, i) => ({
          header: i === 0 ? messages.browseHeader : format(messages.browseHeaderPaged, { page: i + 1, pages: cards }),
          items: items.slice(i * per, (i + 1) * per),
        }))
      ),
    }
  }
  const quickReplies: QuickReplySpec[] = []
  if (p < pages) quickReplies.push(tapQuickReply(ctx.config, messages.browseMore, messages.browseMore, { tap: 'menu', page: p + 1 }))
  quickReplies.push(...ctx.catalog.popular(MENU_POPULAR).map((e) => questionQuick(ctx, e)))
  return reply(decide(how, 'menu', { page: p, pages }), { outputs: [...lead, menu], quickReplies })
}

/** A category's questions, five per page, with "더보기" while more remain; an unknown one gets the menu. */
export function categoryReply (ctx: ReplyContext, how: How, category: string, page = 1): Reply {
  const { messages } = ctx
  const entries = ctx.catalog.entriesIn(category)
  if (!entries) return menuReply(ctx, how, 1, [simpleText(messages.categoryUnknown)])
  const path = category.split('>').map((s) => s.trim()).filter(Boolean)
  const name = path.join(PATH_SEPARATOR)
  const { shown, page: p, pages } = paginate(entries, CATEGORY_PAGE_SIZE, page)
  // Below the chosen category, the rest of each entry's path tells similar questions apart.
  const items = shown.map((e) =>
    tapListItem(ctx.config, e.question, e.question, { tap: 'question', faqId: e.id }, e.category.slice(path.length).join(PATH_SEPARATOR))
  )
  const nextPage = { tap: 'category', category: name, page: p + 1 } as const
  const more = p < pages ? [tapButton(ctx.config, messages.browseMore, `${name} ${messages.browseMore}`, nextPage)] : []
  const header =
    pages > 1 ? format(messages.categoryHeaderPaged, { category: name, page: p, pages }) : format(messages.categoryHeader, { category: name })
  return reply(decide(how, 'category', { category: name, page: p, pages, shown: shown.map((e) => e.id) }), {
    outputs: [{ listCard: listCard({ header, items, buttons: more }) }],
    quickReplies: [homeQuick(ctx)],
  })
}

/** The welcome: a greeting and the most asked questions as quick replies, then the menu. */
export function welcomeReply (ctx: ReplyContext, how: How, text: string = ctx.messages.welcome): Reply {
  const { messages } = ctx
  const popular = ctx.catalog.popular(LIMITS.quickReplies - 1)
  return reply(decide(how, 'welcome', { shown: popular.map((e) => e.id) }), {
    outputs: [simpleText(text)],
    quickReplies: [
      ...popular.map((e) => questionQuick(ctx, e)),
      tapQuickReply(ctx.config, messages.browseHeader, messages.browseHeader, { tap: 'menu' }),
    ],
  })
}
