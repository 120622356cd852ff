// The state our buttons, quick replies and list items carry in `extra`, written and read here
// only. OpenBuilder hands `extra` back as action.clientExtra when the user taps; every tap names
// what it is (`tap`) and carries what its reply needs, so it is resolved exactly, without a search.
// Reading is lenient: OpenBuilder and operators' own blocks may hand values back as strings
// ("2" is page 2), and extras written before `tap` existed ({ faqId }, { missed }, { home }) still work.
import type { Config } from '../config.js'
import type { ButtonSpec, ListItemSpec, QuickReplySpec } from '../kakao/builders.js'
import { sanitize } from '../kakao/text.js'
import { maskPii } from '../privacy.js'
import type { TapName } from './skill-log.js'

export type Tap =
  /** A question offered outside a search: related, popular, a category's list. */
  | { tap: 'question'; faqId: string }
  /** An item of "혹시 이런 질문이신가요?"; `query` is what the user had typed. */
  | { tap: 'choice'; faqId: string; query?: string }
  /** 네 / 아니요 under "혹시 '…'에 대해 물으신 건가요?". */
  | { tap: 'confirm-yes' | 'confirm-no'; faqId: string; query?: string }
  /** "찾는 질문이 없어요" under a list of choices. */
  | { tap: 'none-of-these'; query?: string; offered?: string[] }
  /** 도움이 됐어요 / 아니요 after an answer. */
  | { tap: 'feedback'; feedback: 'yes' | 'no'; faqId?: string; query?: string }
  /** "이어서 보기": part `part` (from 2) of a long answer. */
  | { tap: 'more'; faqId: string; part: number; query?: string }
  | { tap: 'category'; category: string; page?: number }
  /** "처음으로", "자주 묻는 질문" and the menu's "더보기". */
  | { tap: 'menu'; page?: number }

/**
 * The typed utterance carried in a tap is cut to this many code points: enough for any real
 * question, and ten chips carrying it stay far below the 30 KB a reply may take.
 */
export const QUERY_MAX = 200
/** Offered ids kept from a tap: a list never shows more than five. */
const OFFERED_MAX = 10
/** A page or part number past this is not one we wrote. */
const NUMBER_MAX = 10_000

/**
 * The utterance as a tap carries it: cleaned, with phone numbers, e-mails and the like masked (it
 * is only ever logged, and masked there anyway; extra need not carry them around), capped at
 * QUERY_MAX code points.
 */
export function tapQuery (utterance: string): string | undefined {
  const masked = maskPii(sanitize(utterance).trim().slice(0, 4 * QUERY_MAX))
  // Within QUERY_MAX UTF-16 units it is within QUERY_MAX code points: nothing to cut.
  const text = masked.length <= QUERY_MAX ? masked : Array.from(masked).slice(0, QUERY_MAX).join('')
  return text || undefined
}

// ---- reading ------------------------------------------------------------------------------------

const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return undefined
}

const bool = (v: unknown): boolean => v === true || v === 1 || (typeof v === 'string' && /^(true|1|yes|y)$/i.test(v.trim()))

const int = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN
  return Number.isInteger(n) && n >= 1 ? Math.min(n, NUMBER_MAX) : undefined
}

function vote (v: unknown): 'yes' | 'no' | undefined {
  if (v === true) return 'yes'
  if (v === false) return 'no'
  const s = str(v)?.toLowerCase()
  if (s === 'yes' || s === 'y' || s === 'true' || s === 'helpful' || s === '1') return 'yes'
  if (s === 'no' || s === 'n' || s === 'false' || s === '0') return 'no'
  return undefined
}

function ids (v: unknown): string[] | undefined {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []
  const out = list.map(str).filter((s): s is string => !!s).slice(0, OFFERED_MAX)
  return out.length ? out : undefined
}

const query = (v: unknown) => {
  const s = str(v)
  return s ? { query: tapQuery(s) ?? s } : {}
}

/** The tap a clientExtra stands for; undefined when it carries no state of ours (the user typed). */
export function readTap (extra: Record<string, unknown>): Tap | undefined {
  const name = str(extra.tap)
  const faqId = str(extra.faqId)
  const page = int(extra.page)
  const paged = page ? { page } : {}
  switch (name) {
    case 'choice':
    case 'confirm-yes':
    case 'confirm-no':
    case 'question':
      if (faqId) return name === 'question' ? { tap: name, faqId } : { tap: name, faqId, ...query(extra.query) }
      break
    case 'more': {
      const part = int(extra.part)
      if (faqId && part) return { tap: 'more', faqId, part, ...query(extra.query) }
      break
    }
    case 'none-of-these': {
      const offered = ids(extra.offered)
      return { tap: 'none-of-these', ...query(extra.query), ...(offered ? { offered } : {}) }
    }
    case 'menu':
      return { tap: 'menu', ...paged }
  }
  // Extras written before `tap` existed, and taps whose `tap` lacks a field: infer from the keys.
  const feedback = vote(extra.feedback)
  if (feedback) return { tap: 'feedback', feedback, ...(faqId ? { faqId } : {}), ...query(extra.query) }
  if (bool(extra.missed)) {
    const offered = ids(extra.offered)
    return { tap: 'none-of-these', ...query(extra.query), ...(offered ? { offered } : {}) }
  }
  if (faqId) return { tap: 'question', faqId }
  const category = str(extra.category)
  if (category) return { tap: 'category', category, ...paged }
  if (bool(extra.home) || page) return { tap: 'menu', ...paged }
  return undefined
}

// ---- writing ------------------------------------------------------------------------------------

/** The block a tap goes to when the operator routes it to a dedicated one (else: the same block, by message). */
export type TapTarget = 'answer' | 'feedback' | 'browse'

type BlockIds = Partial<Pick<Config, 'BLOCK_ID_ANSWER' | 'BLOCK_ID_FEEDBACK' | 'BLOCK_ID_BROWSE'>>

const targetOf = (tap: Tap): TapTarget => (tap.tap === 'feedback' ? 'feedback' : tap.tap === 'category' || tap.tap === 'menu' ? 'browse' : 'answer')

function blockFor (blocks: BlockIds, tap: Tap): string | undefined {
  const target = targetOf(tap)
  return target === 'answer' ? blocks.BLOCK_ID_ANSWER : target === 'feedback' ? blocks.BLOCK_ID_FEEDBACK : blocks.BLOCK_ID_BROWSE
}

/** A quick reply that sends `messageText` (the user sees it as their own bubble) and carries `tap`. */
export function tapQuickReply (blocks: BlockIds, label: string, messageText: string, tap: Tap): QuickReplySpec {
  const blockId = blockFor(blocks, tap)
  return blockId ? { label, blockId, messageText, extra: tap } : { label, messageText, extra: tap }
}

export function tapListItem (blocks: BlockIds, title: string, messageText: string, tap: Tap, description?: string): ListItemSpec {
  const blockId = blockFor(blocks, tap)
  return { title, messageText, extra: tap, ...(description ? { description } : {}), ...(blockId ? { blockId } : {}) }
}

export function tapButton (blocks: BlockIds, label: string, messageText: string, tap: Tap): ButtonSpec {
  const blockId = blockFor(blocks, tap)
  return blockId ? { label, action: 'block', blockId, messageText, extra: tap } : { label, action: 'message', messageText, extra: tap }
}

/** The log's name for a tap. */
export const tapName = (tap: Tap): TapName => tap.tap
