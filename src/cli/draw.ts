// A plain terminal drawing of a SkillResponse: bot bubbles as boxes, buttons as [ label ], quick
// replies as ( chips ). Developers see roughly what a KakaoTalk user sees without deploying.
// Works on any object shaped like a SkillResponse; unknown components are drawn as their JSON.

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v))
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** Terminal columns a code point takes: Hangul, CJK and full-width forms take two. */
function cpWidth (cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0
  if (cp >= 0x300 && cp <= 0x36f) return 0 // combining marks
  if (cp === 0x200b || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) { return 2 }
  return 1
}

export function displayWidth (text: string): number {
  let w = 0
  for (const ch of text) w += cpWidth(ch.codePointAt(0)!)
  return w
}

/** Wrap text to `width` columns, keeping its own line breaks; long words are cut. */
export function wrap (text: string, width: number): string[] {
  const out: string[] = []
  for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = ''
    let lineW = 0
    for (const word of para.split(/(\s+)/)) {
      if (!word) continue
      const w = displayWidth(word)
      if (/^\s+$/.test(word)) {
        // Spaces between words are kept (aligned columns need them), dropped at a line start.
        if (lineW > 0 && lineW + word.length <= width) {
          line += word.replace(/\s/g, ' ')
          lineW += word.length
        }
        continue
      }
      if (lineW + w > width && lineW > 0) {
        out.push(line.trimEnd())
        line = ''
        lineW = 0
      }
      for (const ch of word) {
        const cw = cpWidth(ch.codePointAt(0)!)
        if (lineW + cw > width) {
          out.push(line)
          line = ''
          lineW = 0
        }
        line += ch
        lineW += cw
      }
    }
    out.push(line.trimEnd())
  }
  return out
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)))

/** A box around content lines (already at most `inner` wide). */
function box (lines: string[], inner: number): string[] {
  return [`╭${'─'.repeat(inner + 2)}╮`, ...lines.map((l) => `│ ${pad(l, inner)} │`), `╰${'─'.repeat(inner + 2)}╯`]
}

function buttonText (b: unknown): string {
  if (!isObj(b)) return '[ ? ]'
  const action = str(b.action)
  const target =
    action === 'webLink'
      ? ` → ${str(b.webLinkUrl)}`
      : action === 'phone'
        ? ` ☎ ${str(b.phoneNumber)}`
        : action === 'block'
          ? ` → block ${str(b.blockId)}`
          : action === 'message' && str(b.messageText) && str(b.messageText) !== str(b.label)
            ? ` → "${str(b.messageText)}"`
            : action === 'operator'
              ? ' (상담직원 연결)'
              : action === 'share'
                ? ' (share)'
                : ''
  return `[ ${str(b.label)} ]${target}`
}

function buttonsLines (card: Obj, inner: number): string[] {
  const buttons = arr(card.buttons)
  if (!buttons.length) return []
  const texts = buttons.map(buttonText)
  if (card.buttonLayout === 'horizontal') return ['', ...wrap(texts.join('  '), inner)]
  return ['', ...texts.flatMap((t) => wrap(t, inner))]
}

function thumbnailLines (thumb: unknown, inner: number): string[] {
  if (!isObj(thumb)) return []
  const alt = str(thumb.altText)
  return wrap(`🖼  ${alt || 'image'} <${str(thumb.imageUrl)}>`, inner)
}

function cardLines (type: string, card: Obj, inner: number): string[] {
  const lines: string[] = []
  const title = str(card.title)
  const description = str(card.description)
  switch (type) {
    case 'simpleText':
      return wrap(str(card.text), inner)
    case 'simpleImage':
      return wrap(`🖼  ${str(card.altText) || 'image'} <${str(card.imageUrl)}>`, inner)
    case 'textCard':
    case 'basicCard':
    case 'commerceCard': {
      if (type === 'basicCard') lines.push(...thumbnailLines(card.thumbnail, inner), '')
      if (type === 'commerceCard') lines.push(...thumbnailLines(arr(card.thumbnails)[0], inner), '')
      if (title) lines.push(...wrap(`■ ${title}`, inner))
      if (description) lines.push(...wrap(description, inner))
      if (type === 'commerceCard') lines.push(`${str(card.price)}원`)
      lines.push(...buttonsLines(card, inner))
      return lines
    }
    case 'listCard': {
      const header = isObj(card.header) ? str(card.header.title) : ''
      lines.push(...wrap(`■ ${header}`, inner), '─'.repeat(inner))
      arr(card.items).forEach((item, i) => {
        if (!isObj(item)) return
        const tap =
          item.action === 'block' ? ` → block ${str(item.blockId)}` : item.link ? ' → link' : item.action === 'message' ? ' ›' : ''
        const num = `${i + 1}. `
        lines.push(...wrap(`${str(item.title)}${tap}`, inner - num.length).map((l, j) => (j ? ' '.repeat(num.length) : num) + l))
        if (item.description) lines.push(...wrap(str(item.description), inner - 3).map((l) => `   ${l}`))
      })
      lines.push(...buttonsLines(card, inner))
      return lines
    }
    case 'itemCard': {
      if (card.thumbnail) lines.push(...thumbnailLines(card.thumbnail, inner), '')
      if (isObj(card.head)) lines.push(...wrap(`■ ${str(card.head.title)}`, inner))
      if (isObj(card.imageTitle)) lines.push(...wrap(`■ ${str(card.imageTitle.title)}`, inner))
      if (isObj(card.profile)) lines.push(...wrap(`● ${str(card.profile.title)}`, inner))
      const rows = arr(card.itemList).filter(isObj)
      const labelW = Math.max(0, ...rows.map((r) => displayWidth(str(r.title))))
      for (const r of rows) lines.push(...wrap(`${pad(str(r.title), labelW)}  ${str(r.description)}`, inner))
      if (isObj(card.itemListSummary)) {
        lines.push('─'.repeat(inner), ...wrap(`${str(card.itemListSummary.title)}  ${str(card.itemListSummary.description)}`, inner))
      }
      if (title) lines.push('', ...wrap(title, inner))
      if (description) lines.push(...wrap(description, inner))
      lines.push(...buttonsLines(card, inner))
      return lines
    }
    default:
      return wrap(JSON.stringify(card), inner)
  }
}

function componentLines (component: unknown, inner: number): string[] {
  if (!isObj(component)) return box(wrap(JSON.stringify(component), inner), inner)
  const [type, body] = Object.entries(component)[0] ?? ['?', {}]
  if (type === 'carousel' && isObj(body)) {
    const items = arr(body.items)
    const kind = str(body.type)
    const out: string[] = [`◀ carousel of ${items.length} ${kind} (scrolls sideways) ▶`]
    if (isObj(body.header)) out.push(...box(cardLines('textCard', body.header, inner - 2), inner - 2).map((l) => `  ${l}`))
    items.forEach((item, i) => {
      out.push(`  ${i + 1}/${items.length}`)
      out.push(...box(cardLines(kind, isObj(item) ? item : {}, inner - 2), inner - 2).map((l) => `  ${l}`))
    })
    return out
  }
  return box(cardLines(type, isObj(body) ? body : {}, inner), inner)
}

/** Lay chips out in rows like text, but never break a chip across rows unless it alone is too wide. */
function packChips (chips: string[], width: number): string[] {
  const rows: string[] = []
  let row = ''
  for (const chip of chips) {
    const next = row ? `${row} ${chip}` : chip
    if (displayWidth(next) <= width) row = next
    else {
      if (row) rows.push(row)
      if (displayWidth(chip) <= width) row = chip
      else {
        rows.push(...wrap(chip, width))
        row = ''
      }
    }
  }
  if (row) rows.push(row)
  return rows
}

export interface DrawOptions {
  /** Total columns (default 60). */
  width?: number
  /** What the user said, drawn as a right-aligned bubble first. */
  utterance?: string
}

/** Draw a SkillResponse (or anything shaped like one) as terminal text. */
export function drawResponse (response: unknown, options: DrawOptions = {}): string {
  const width = Math.max(24, options.width ?? 60)
  const inner = width - 4
  const lines: string[] = []
  if (options.utterance !== undefined) {
    const userInner = Math.min(inner - 8, Math.max(1, ...wrap(options.utterance, inner - 8).map(displayWidth)))
    const indent = ' '.repeat(Math.max(0, width - userInner - 4))
    lines.push(...box(wrap(options.utterance || ' ', userInner), userInner).map((l) => indent + l))
  }
  const r = isObj(response) ? response : {}
  const template = isObj(r.template) ? r.template : {}
  if (r.useCallback === true) lines.push('(callback reply: the answer arrives later at callbackUrl)')
  const outputs = arr(template.outputs)
  if (!outputs.length && r.useCallback !== true) lines.push('(no outputs: KakaoTalk would show nothing)')
  for (const output of outputs) lines.push(...componentLines(output, inner))
  const quick = arr(template.quickReplies).filter(isObj)
  if (quick.length) {
    const chips = quick.map((q) => `( ${str(q.label)}${q.action === 'block' ? ` → block ${str(q.blockId)}` : ''} )`)
    lines.push(...packChips(chips, width))
  }
  return lines.join('\n')
}
