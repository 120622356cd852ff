// Text helpers that count the way Kakao does: by Unicode code points, not UTF-16 units.

/** Length in code points (what Kakao's limits and Ajv's maxLength count). */
export function cpLength(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

const ELLIPSIS = '…'

/** Cut to at most `max` code points, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return ''
  const cps = Array.from(text)
  if (cps.length <= max) return text
  if (max === 1) return ELLIPSIS
  return cps.slice(0, max - 1).join('').trimEnd() + ELLIPSIS
}

/**
 * Remove what a bubble cannot show: lone surrogates, C0/C1 controls (except newline and tab)
 * and bidi overrides, which can scramble the way a reply is drawn.
 */
export function sanitize(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/\r\n?/g, '\n')
}

// A sentence ends after . ! ? or their full-width forms (plus closing quotes/brackets), or at a newline.
const SENTENCE = /[^.!?。！？\n]*(?:[.!?。！？]+[)\]"'’”」』]*|\n+|$)\s*/gu

/** Split text into sentences, keeping each sentence's trailing punctuation and spacing. */
export function sentences(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(SENTENCE)) if (m[0]) out.push(m[0])
  return out
}

/**
 * Split text into chunks of at most `max` code points, breaking at sentence boundaries,
 * then at spaces, and only as a last resort inside a word.
 */
export function splitText(text: string, max: number): string[] {
  const clean = text.trim()
  if (cpLength(clean) <= max) return clean ? [clean] : []
  const pieces: string[] = []
  for (const s of sentences(clean)) {
    if (cpLength(s) <= max) pieces.push(s)
    else pieces.push(...splitLong(s, max))
  }
  const chunks: string[] = []
  let cur = ''
  for (const p of pieces) {
    if (cpLength(cur) + cpLength(p) <= max) cur += p
    else {
      if (cur.trim()) chunks.push(cur.trim())
      cur = p
    }
  }
  if (cur.trim()) chunks.push(cur.trim())
  return chunks
}

function splitLong(sentence: string, max: number): string[] {
  const out: string[] = []
  let cur = ''
  for (const word of sentence.split(/(?<=\s)/u)) {
    if (cpLength(cur) + cpLength(word) <= max) {
      cur += word
      continue
    }
    if (cur) out.push(cur)
    cur = ''
    let w = Array.from(word)
    while (w.length > max) {
      out.push(w.slice(0, max).join(''))
      w = w.slice(max)
    }
    cur = w.join('')
  }
  if (cur) out.push(cur)
  return out
}

/**
 * Fit text into at most `bubbles` chunks of `max` code points. When it cannot fit, the last chunk
 * is cut with an ellipsis at a sentence boundary where possible.
 */
export function fitText(text: string, max: number, bubbles: number): string[] {
  const chunks = splitText(text, max)
  if (chunks.length <= bubbles) return chunks
  const kept = chunks.slice(0, bubbles)
  const last = kept[bubbles - 1] ?? ''
  kept[bubbles - 1] = cpLength(last) < max ? last + ELLIPSIS : truncate(last, max)
  return kept
}
