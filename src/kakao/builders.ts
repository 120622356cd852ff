// Builders for SkillResponse components that cannot produce an over-limit reply: every string is
// cleaned and shortened to its limit, every list capped, and the whole reply kept under 30 KB.
import { LIMITS as L } from './limits.js'
import { fitText, sanitize, truncate } from './text.js'
import { defaultMessages } from '../messages.js'
import type {
  CallbackAck,
  BasicCard,
  Button,
  Carousel,
  Component,
  ContextValue,
  ListCard,
  ListItem,
  QuickReply,
  SkillResponse,
  TextCard,
  Thumbnail,
} from './response.js'

type Extra = Record<string, unknown>
const clean = (text: string, max: number) => truncate(sanitize(text).trim(), max)
const oneLine = (text: string, max: number) => clean(sanitize(text).replace(/\s+/g, ' '), max)

// ---- buttons and quick replies ----------------------------------------------------------------

export type ButtonSpec =
  | { label: string; action: 'webLink'; url: string }
  | { label: string; action: 'message'; messageText: string; extra?: Extra }
  | { label: string; action: 'block'; blockId: string; messageText?: string; extra?: Extra }
  | { label: string; action: 'phone'; phoneNumber: string }
  | { label: string; action: 'share' }
  | { label: string; action: 'operator' }

export function button (spec: ButtonSpec, labelMax: number = L.buttonLabel): Button {
  const label = oneLine(spec.label, labelMax) || '보기'
  switch (spec.action) {
    case 'webLink':
      return { label, action: 'webLink', webLinkUrl: spec.url }
    case 'message':
      return withExtra({ label, action: 'message', messageText: oneLine(spec.messageText, 1000) || label }, spec.extra)
    case 'block':
      return withExtra(
        {
          label,
          action: 'block',
          blockId: spec.blockId,
          ...(spec.messageText ? { messageText: oneLine(spec.messageText, 1000) } : {}),
        },
        spec.extra
      )
    case 'phone':
      return { label, action: 'phone', phoneNumber: spec.phoneNumber }
    case 'share':
      return { label, action: 'share' }
    case 'operator':
      return { label, action: 'operator' }
  }
}

/** Cap a card's buttons: ≤ 3 stacked, ≤ 2 side by side with shorter labels. */
export function buttons (specs: ButtonSpec[], layout: 'vertical' | 'horizontal' = 'vertical', max: number = L.buttons) {
  const cap = layout === 'horizontal' ? Math.min(2, max) : max
  const labelMax = layout === 'horizontal' ? L.buttonLabelHorizontal : L.buttonLabel
  return specs.slice(0, cap).map((s) => button(s, labelMax))
}

export type QuickReplySpec =
  | { label: string; messageText?: string; extra?: Extra }
  | { label: string; blockId: string; messageText?: string; extra?: Extra }

export function quickReply (spec: QuickReplySpec): QuickReply {
  const label = oneLine(spec.label, L.quickReplyLabel) || '보기'
  const messageText = oneLine(spec.messageText ?? spec.label, 1000) || label
  if ('blockId' in spec) return withExtra({ label, action: 'block', blockId: spec.blockId, messageText }, spec.extra)
  return withExtra({ label, action: 'message', messageText }, spec.extra)
}

/**
 * extra without the key "data", which Kakao forbids there, and with its strings cleaned like any
 * other text we send; undefined when nothing is left.
 */
export function safeExtra (extra: Extra | undefined | null): Extra | undefined {
  if (!extra || typeof extra !== 'object' || Array.isArray(extra)) return undefined
  const rest: Extra = {}
  for (const k of Object.keys(extra)) {
    const v = extra[k]
    const key = sanitize(k)
    if (key === 'data' || v === undefined) continue
    rest[key] = typeof v === 'string' ? sanitize(v) : v
  }
  return Object.keys(rest).length ? rest : undefined
}

/** `obj` (a fresh object the caller just made) with `extra` added last, when anything of it is safe. */
function withExtra<T extends object> (obj: T, extra: Extra | undefined): T & { extra?: Extra } {
  const rest = safeExtra(extra)
  if (rest) (obj as T & { extra?: Extra }).extra = rest
  return obj
}

// ---- components -------------------------------------------------------------------------------

/** Text as 1..`maxBubbles` simpleText bubbles, split at sentence boundaries, never over 1000. */
export function simpleTexts (text: string, maxBubbles: number = L.outputs, max: number = L.simpleText): Component[] {
  const chunks = fitText(sanitize(text), max, maxBubbles)
  if (chunks.length === 0) return [{ simpleText: { text: '…' } }]
  return chunks.map((t) => ({ simpleText: { text: t } }))
}

export function simpleText (text: string): Component {
  return simpleTexts(text, 1)[0] as Component
}

export function simpleImage (imageUrl: string, altText: string): Component {
  return { simpleImage: { imageUrl, altText: oneLine(altText, L.altText) || '이미지' } }
}

export interface CardSpec {
  title?: string
  description?: string
  buttons?: ButtonSpec[]
  buttonLayout?: 'vertical' | 'horizontal'
}

export function textCard (spec: CardSpec, inCarousel = false): TextCard {
  const descMax = inCarousel ? L.textCardDescriptionInCarousel : L.textCardDescription
  const card: TextCard = {}
  const title = spec.title ? oneLine(spec.title, L.textCardTitle) : ''
  const description = spec.description ? clean(spec.description, descMax) : ''
  if (title) card.title = title
  if (description || !title) card.description = description || '…'
  if (spec.buttons?.length) {
    card.buttons = buttons(spec.buttons, spec.buttonLayout)
    if (spec.buttonLayout) card.buttonLayout = spec.buttonLayout
  }
  return card
}

export function thumbnail (imageUrl: string, altText?: string, link?: string | Thumbnail['link'], fixedRatio?: boolean): Thumbnail {
  const t: Thumbnail = { imageUrl }
  const alt = altText ? oneLine(altText, L.altText) : ''
  if (alt) t.altText = alt
  if (typeof link === 'string') t.link = { web: link }
  else if (link) t.link = link
  if (fixedRatio !== undefined) t.fixedRatio = fixedRatio
  return t
}

/** A basicCard: the thumbnail is required by Kakao, so the type requires it too. */
export function basicCard (spec: CardSpec & { thumbnail: Thumbnail }): BasicCard {
  const th = spec.thumbnail
  const card: BasicCard = { thumbnail: thumbnail(th.imageUrl, th.altText, th.link, th.fixedRatio) }
  if (spec.title) card.title = oneLine(spec.title, L.basicCardTitle)
  if (spec.description) card.description = clean(spec.description, L.basicCardDescription)
  if (spec.buttons?.length) {
    card.buttons = buttons(spec.buttons, spec.buttonLayout)
    if (spec.buttonLayout) card.buttonLayout = spec.buttonLayout
  }
  return card
}

export interface ListItemSpec {
  title: string
  description?: string
  imageUrl?: string
  link?: string
  messageText?: string
  blockId?: string
  extra?: Extra
}

export function listItem (spec: ListItemSpec): ListItem {
  const item: ListItem = { title: oneLine(spec.title, L.listItemTitle) || '…' }
  if (spec.description) item.description = oneLine(spec.description, L.listItemDescription)
  if (spec.imageUrl) item.imageUrl = spec.imageUrl
  if (spec.link) item.link = { web: spec.link }
  else if (spec.blockId) {
    item.action = 'block'
    item.blockId = spec.blockId
    item.messageText = oneLine(spec.messageText ?? spec.title, 1000)
  } else if (spec.messageText !== undefined || spec.extra) {
    item.action = 'message'
    item.messageText = oneLine(spec.messageText ?? spec.title, 1000)
  }
  const extra = item.action ? safeExtra(spec.extra) : undefined
  if (extra) item.extra = extra
  return item
}

export function listCard (
  spec: { header: string; items: ListItemSpec[]; buttons?: ButtonSpec[]; buttonLayout?: 'vertical' | 'horizontal' },
  inCarousel = false
): ListCard {
  const max = inCarousel ? L.listCardItemsInCarousel : L.listCardItems
  const items = spec.items.slice(0, max).map(listItem)
  const card: ListCard = {
    header: { title: oneLine(spec.header, L.listHeaderTitle) || '목록' },
    items: items.length ? items : [{ title: '…' }],
  }
  if (spec.buttons?.length) {
    card.buttons = buttons(spec.buttons, spec.buttonLayout, L.listCardButtons)
    if (spec.buttonLayout) card.buttonLayout = spec.buttonLayout
  }
  return card
}

/** A carousel of list cards (≤ 5 cards, ≤ 4 items each). */
export function listCardCarousel (
  cards: Array<{ header: string; items: ListItemSpec[]; buttons?: ButtonSpec[] }>
): Carousel {
  const items = cards.slice(0, L.listCardCarouselItems).map((c) => listCard(c, true))
  return { type: 'listCard', items: items.length ? items : [listCard({ header: '목록', items: [] }, true)] }
}

export function textCardCarousel (cards: CardSpec[]): Carousel {
  const items = cards.slice(0, L.carouselItems).map((c) => textCard(c, true))
  return { type: 'textCard', items: items.length ? items : [textCard({ description: '…' }, true)] }
}

export function basicCardCarousel (cards: Array<CardSpec & { thumbnail: Thumbnail }>): Carousel {
  const items = cards.slice(0, L.carouselItems).map(basicCard)
  return { type: 'basicCard', items: items.length ? items : [basicCard({ thumbnail: thumbnail('') })] }
}

// ---- the whole reply --------------------------------------------------------------------------

export interface ReplySpec {
  outputs: Component[]
  quickReplies?: QuickReplySpec[]
  context?: ContextValue[]
  data?: Record<string, unknown>
  /** Said instead when even a single output cannot fit in 30 KB (default: messages.error). */
  fallbackText?: string
}

/**
 * A reply and its JSON: the text that was measured against the size limit (in UTF-8 bytes) is the
 * one sent (and cached). A string, not a Buffer: Node writes a string body in one piece with the
 * headers, a Buffer as a second chunk of a writev, and on loopback that second chunk cost more
 * than encoding the text on every send (distinct utterances with the matcher stubbed: server CPU
 * per request 168 / 122 → 114 / 113 µs in two same-hour runs of each).
 */
export interface EncodedSkillResponse {
  response: SkillResponse
  body: string
}

/** Outputs and quick replies made once and sent many times (an entry's answer card, a question's chip), with their JSON. */
const keptEncodings = new WeakMap<object, string>()

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

/** Freeze `value` (a reply must never change it for the next) and keep its JSON. */
function keep<T extends object> (value: T): T {
  keptEncodings.set(deepFreeze(value), JSON.stringify(value))
  return value
}

/**
 * Mark an output as one that is reused across replies: it is frozen (a reply must never change
 * it for the next) and encoded now, and every reply holding it copies those bytes instead of
 * serializing it again.
 */
export function keepEncoded (component: Component): Component {
  return keep(component)
}

/** Quick replies offered in many replies (a question's chip, "처음으로"), built once. */
const keptQuickReplies = new WeakMap<QuickReplySpec, QuickReply>()

/**
 * Mark a quick reply spec as reused across replies: it is frozen, built (quickReply) once and
 * encoded once, like a kept output (an answer's related questions and 처음으로 were most of the
 * JSON serialized per answer).
 */
export function keepQuickReply (spec: QuickReplySpec): QuickReplySpec {
  keptQuickReplies.set(deepFreeze(spec), keep(quickReply(spec)))
  return spec
}

const OUTPUTS_OPEN = '{"version":"2.0","template":{"outputs":['

const hasKept = (list: readonly object[] | undefined) => list !== undefined && list.some((o) => keptEncodings.has(o))
// JSON.stringify of an array writes null for undefined, functions and symbols; the pieces below
// are stringified one by one, so they must all be objects.
const allObjects = (list: readonly unknown[] | undefined) => list === undefined || list.every((o) => o !== null && typeof o === 'object')

/**
 * JSON.stringify(r), character for character; outputs and quick replies kept by keepEncoded and
 * keepQuickReply are copied in as they are. The layout is the one encodedSkillResponse builds:
 * version, template (outputs, then quick replies), context, data.
 */
function encode (r: SkillResponse): string {
  const { outputs, quickReplies } = r.template
  if (r.version !== '2.0' || !(hasKept(outputs) || hasKept(quickReplies)) || !allObjects(outputs) || !allObjects(quickReplies)) {
    return JSON.stringify(r)
  }
  // The items of one array (its opening bracket is already written): kept ones as their JSON.
  const items = (list: readonly object[]) => {
    let text = ''
    for (let i = 0; i < list.length; i++) {
      const o = list[i]!
      if (i > 0) text += ','
      text += keptEncodings.get(o) ?? JSON.stringify(o)
    }
    return text + ']'
  }
  let text = OUTPUTS_OPEN + items(outputs)
  if (quickReplies !== undefined) text += ',"quickReplies":[' + items(quickReplies)
  text += '}'
  if (r.context !== undefined) text += `,"context":${JSON.stringify(r.context)}`
  if (r.data !== undefined) text += `,"data":${JSON.stringify(r.data)}`
  return text + '}'
}

/**
 * Assemble a SkillResponse: 1..3 outputs, ≤ 10 quick replies, and under 30 KB. When too large,
 * the least useful parts go first: candidates in data, then quick replies, then outputs past the
 * first, then context and the rest of data; last, the only output becomes a short simpleText.
 */
export function skillResponse (spec: ReplySpec): SkillResponse {
  return encodedSkillResponse(spec).response
}

/** Under Kakao's size limit, which counts UTF-8 bytes (a Hangul syllable is three); checked on the length first. */
const fits = (body: string) => body.length * 3 <= L.responseBytes || Buffer.byteLength(body, 'utf8') <= L.responseBytes

/**
 * skillResponse, with the JSON it was measured by. Measuring means encoding the reply, so the
 * JSON is kept: sending and caching it costs no second JSON.stringify.
 */
export function encodedSkillResponse (spec: ReplySpec): EncodedSkillResponse {
  const outputs = spec.outputs.slice(0, L.outputs)
  const res: SkillResponse = {
    version: '2.0',
    template: { outputs: outputs.length ? outputs : [simpleText('…')] },
  }
  const qrs = (spec.quickReplies ?? []).slice(0, L.quickReplies).map((q) => keptQuickReplies.get(q) ?? quickReply(q))
  if (qrs.length) res.template.quickReplies = qrs
  if (spec.context?.length) res.context = { values: spec.context }
  if (spec.data) res.data = spec.data
  let body = encode(res)
  if (fits(body)) return { response: res, body }

  const shrink: Array<() => void> = [
    () => {
      if (res.data && Array.isArray(res.data.candidates)) res.data = { ...res.data, candidates: res.data.candidates.slice(0, 3) }
    },
    () => delete res.template.quickReplies,
    () => (res.template.outputs = res.template.outputs.slice(0, 2)),
    () => (res.template.outputs = res.template.outputs.slice(0, 1)),
    () => delete res.context,
    () => {
      // Keep only what the logs and evaluation read, and only when it is small.
      if (!res.data) return
      const { outcome, faqId, score } = res.data
      res.data = { candidates: [] }
      for (const [k, v] of Object.entries({ outcome, faqId, score })) { if ((typeof v === 'string' && v.length <= 100) || typeof v === 'number') res.data[k] = v }
    },
    () => (res.template.outputs = [simpleText(spec.fallbackText ?? defaultMessages.error)]),
    () => delete res.data,
  ]
  for (const step of shrink) {
    step()
    body = encode(res)
    if (fits(body)) return { response: res, body }
  }
  return { response: res, body }
}

/** "Answer follows at the callback URL": sent at once when a request carries userRequest.callbackUrl. */
export function callbackAck (data?: Record<string, unknown>): CallbackAck {
  return data ? { version: '2.0', useCallback: true, data } : { version: '2.0', useCallback: true }
}
