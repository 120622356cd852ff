// Text helpers for bubbles. Kakao documents its limits in characters as shown on mobile and says
// to count code points; its servers (and every JSON-schema validator that does not opt into code
// points, TypeBox's included) count UTF-16 units. Limits here are measured with `textLength`
// (UTF-16 units), which is never less than the code-point or grapheme count, so a text within a
// limit here is within it under every plausible count. Cuts always fall between code points, so
// an emoji or any surrogate pair is never split.

/** Length in code points (🙂 counts 1). */
export function cpLength (text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** The measure limits are checked with: UTF-16 units (🙂 counts 2), never below cpLength. */
export function textLength (text: string): number {
  return text.length
}

export const ELLIPSIS = '…'

/** The longest prefix of `text` that is at most `max` units, cut between code points. */
function prefix (text: string, max: number): string {
  if (text.length <= max) return text
  let end = max
  // Do not leave half of a surrogate pair behind.
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return text.slice(0, end)
}

/**
 * Cut to at most `max` units, ending with an ellipsis when something was cut. Prefers to cut at a
 * space when one is near the end, so a word is not chopped in half.
 */
export function truncate (text: string, max: number): string {
  if (max <= 0) return ''
  if (textLength(text) <= max) return text
  return cut(text, max)
}

/** Always cut: at most `max` units ending with an ellipsis. */
function cut (text: string, max: number): string {
  if (max <= 1) return max === 1 ? ELLIPSIS : ''
  let head = prefix(text, max - 1)
  const space = head.search(/\s\S*$/u)
  if (space >= Math.floor((max - 1) * 0.6)) head = head.slice(0, space)
  return head.trimEnd() + ELLIPSIS
}

/** Any surrogate (paired or not), CR, or a character the last replacement in sanitize removes. */
const MAY_NEED_SANITIZING = /[\uD800-\uDFFF\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/

/**
 * Remove what a bubble cannot show or should not carry: lone surrogates, C0/C1 controls (newline
 * and tab stay), bidi embeddings/overrides/isolates/marks, which can scramble how a reply is
 * drawn, and BOM. Joiners (ZWJ) stay: emoji sequences need them. CRLF becomes LF.
 */
export function sanitize (text: string): string {
  // Every string of every reply passes here, most of them several times, and nearly all are clean:
  // one scan for anything the three replacements below could touch, instead of three.
  if (!MAY_NEED_SANITIZING.test(text)) return text
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
}

// A sentence ends at . ! ? … followed by a space or the end (so "3.5" and "kakao.com" stay whole),
// after a Hangul syllable even without the space (help-centre text often runs "입니다.배포를"), at
// the full-width 。！？, each with closing quotes/brackets, or at a line break.
const CLOSE = '[)\\]"\'’”」』]*'
const BOUNDARY = new RegExp(
  `(?:[.!?…]+${CLOSE}(?=\\s|$)|(?<=\\p{Script=Hangul})[.!?…]+${CLOSE}(?=[^\\s\\d.!?…])|[。！？]+${CLOSE})\\s*|\\n\\s*`,
  'gu'
)

/** Split text into sentences, each keeping its punctuation and the whitespace after it. */
export function sentences (text: string): string[] {
  const out: string[] = []
  let start = 0
  for (const m of text.matchAll(BOUNDARY)) {
    const end = (m.index ?? 0) + m[0].length
    if (end > start) {
      out.push(text.slice(start, end))
      start = end
    }
  }
  if (start < text.length) out.push(text.slice(start))
  return out
}

/**
 * Split text into chunks of at most `max` units. Whole sentences are packed greedily (which gives
 * the fewest chunks for text kept in order); a sentence is only broken when it alone is longer
 * than `max`, then at spaces, and inside a word only as a last resort.
 */
export function splitText (text: string, max: number): string[] {
  const whole = text.trim()
  if (!whole) return []
  if (textLength(whole) <= max) return [whole]
  const pieces: string[] = []
  for (const s of sentences(whole)) {
    if (textLength(s.trimEnd()) <= max) pieces.push(s)
    else pieces.push(...splitLong(s, max))
  }
  const chunks: string[] = []
  let cur = ''
  for (const p of pieces) {
    if (textLength((cur + p).trimEnd()) <= max) cur += p
    else {
      if (cur.trim()) chunks.push(cur.trim())
      cur = p
    }
  }
  if (cur.trim()) chunks.push(cur.trim())
  return chunks
}

function splitLong (sentence: string, max: number): string[] {
  const out: string[] = []
  let cur = ''
  for (const word of sentence.split(/(?<=\s)/u)) {
    if (textLength((cur + word).trimEnd()) <= max) {
      cur += word
      continue
    }
    if (cur) out.push(cur)
    let rest = word
    while (textLength(rest.trimEnd()) > max) {
      const head = prefix(rest, max)
      out.push(head)
      rest = rest.slice(head.length)
    }
    cur = rest
  }
  if (cur) out.push(cur)
  return out
}

/**
 * Fit text into at most `bubbles` chunks of `max` units. Only when the whole text cannot fit does
 * the last chunk end with an ellipsis (after its last whole sentence where there is room).
 */
export function fitText (text: string, max: number, bubbles: number): string[] {
  const chunks = splitText(text, max)
  if (chunks.length <= bubbles) return chunks
  const kept = chunks.slice(0, bubbles)
  const last = kept[bubbles - 1] ?? ''
  if (textLength(last) + 2 <= max) kept[bubbles - 1] = `${last} ${ELLIPSIS}`
  else {
    // Drop the last sentences until the ellipsis fits; cut inside one only if it is all there is.
    const ss = sentences(last)
    while (ss.length > 1 && textLength(ss.join('').trimEnd()) + 2 > max) ss.pop()
    const head = ss.join('').trimEnd()
    kept[bubbles - 1] = textLength(head) + 2 <= max ? `${head} ${ELLIPSIS}` : cut(last, max)
  }
  return kept
}
