// URLs in answer text become `links` (the answer keeps its text), labelled from the words just
// before the URL ("카카오 운영정책 https://…") or, failing that, by the URL's host.
import type { FaqLink } from '../schema.js'
import { cpLength } from '../../kakao/text.js'

// Characters RFC 3986 allows in a URL; anything else (Hangul, "•", spaces) ends it.
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g

/** A URL we are willing to put behind a button: http(s), a host with a dot (or localhost), no spaces. */
export function checkUrl (url: string): string | undefined {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return 'is not a valid URL'
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'is not an http(s) URL'
  if (!/\./.test(u.hostname) && u.hostname !== 'localhost') return 'has no valid host'
  if (/\s/.test(url)) return 'contains spaces'
  return undefined
}

export function hostLabel (url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return url
  }
}

/** Drop punctuation that ends a sentence rather than the URL, and unbalanced closing brackets. */
function trimUrl (raw: string): string {
  let url = raw
  for (;;) {
    const before = url
    url = url.replace(/[.,;:!?'*]+$/, '')
    for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
      if (url.endsWith(close) && url.split(open).length < url.split(close).length) url = url.slice(0, -1)
    }
    if (url === before) return url
  }
}

// Longer than a button label (LIMITS.buttonLabel): whoever draws the button shortens it, and a cut
// "경찰청 사이버 범죄 신고…" still says more than a host name.
const MAX_LABEL = 30

/** The few words before a URL, back to a bullet, line, sentence end or earlier URL. */
function labelBefore (text: string, index: number): string | undefined {
  // "신고센터: https://…", "바로가기 ▶ https://…": the separator right before the URL is not the cut.
  const before = text.slice(0, index).replace(/[\s:：\-–>▶▷►☞→([]+$/u, '')
  const cuts = ['\n', '•', '·', '.', ':', ']', '▶', '▷', '►', '☞', '-', ')'].map((d) => {
    const at = before.lastIndexOf(d)
    return at < 0 ? 0 : at + d.length
  })
  const label = before.slice(Math.max(...cuts)).replace(/^[※*\-–·•▶\s]+/u, '').trim()
  if (!label || !/\p{L}/u.test(label) || cpLength(label) > MAX_LABEL) return undefined
  return label
}

export interface FoundLinks {
  links: FaqLink[]
  /** URL-like text that is not a usable URL (e.g. cut off by an excerpt). */
  malformed: string[]
}

export function linksInText (text: string): FoundLinks {
  const links: FaqLink[] = []
  const malformed: string[] = []
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const raw = trimUrl(m[0])
    const url = raw.startsWith('www.') ? `https://${raw}` : raw
    if (checkUrl(url)) {
      malformed.push(raw)
      continue
    }
    if (links.some((l) => l.url === url)) continue
    links.push({ label: labelBefore(text, m.index ?? 0) ?? hostLabel(url), url })
  }
  return { links, malformed }
}

/** Union by URL, first label wins. */
export function mergeLinks (...lists: FaqLink[][]): FaqLink[] {
  const out: FaqLink[] = []
  for (const list of lists) for (const l of list) if (!out.some((o) => o.url === l.url)) out.push(l)
  return out
}
