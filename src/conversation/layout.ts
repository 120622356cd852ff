// How a whole answer is laid out over a reply's (at most three) outputs: a titled card whose
// description takes the answer's first sentences, then the rest in simpleText bubbles. Splits
// happen only between sentences (a single sentence longer than a bubble is the one exception),
// and every piece of the answer appears exactly once.
import { LIMITS } from '../kakao/limits.js'
import { sanitize, sentences, splitText } from '../kakao/text.js'

// Measured in UTF-16 units: never less than code points, so a card text that fits here fits
// however Kakao or a validator counts.
const units = (s: string) => s.length

export interface AnswerLayout {
  /** Description of the title card ('' = a title-only card). */
  cardText: string
  /** The rest of the answer, one simpleText each. */
  bubbles: string[]
}

/** The whole sentences that fit the card (at most `cardMax`), and the sentences left for bubbles. */
function cardHead (text: string, cardMax: number): { head: string, restParts: string[] } {
  const parts = sentences(text)
  let head = ''
  let i = 0
  for (; i < parts.length; i++) {
    const next = head + (parts[i] ?? '')
    if (units(next.trim()) > cardMax) break
    head = next
  }
  return { head, restParts: parts.slice(i) }
}

/**
 * Fit `answer` into a card description of at most `cardMax` code points plus at most `maxBubbles`
 * simpleTexts. Bubbles short enough not to be folded behind "전체 보기" are preferred when they
 * still fit without breaking a sentence; otherwise bubbles use the full simpleText limit. Undefined when the answer cannot fit.
 */
export function layoutAnswer (answer: string, cardMax: number, maxBubbles: number): AnswerLayout | undefined {
  const text = sanitize(answer).trim()
  if (units(text) <= cardMax) return { cardText: text, bubbles: [] }
  if (maxBubbles <= 0) return undefined

  const { head, restParts } = cardHead(text, cardMax)
  const rest = restParts.join('')
  const longest = Math.max(0, ...restParts.map((p) => units(p.trim())))
  // Short bubbles only when no sentence has to be broken for them; a sentence is broken only
  // when it alone is longer than a whole bubble.
  for (const size of [LIMITS.simpleTextFold, LIMITS.simpleText]) {
    if (longest > size && size < LIMITS.simpleText) continue
    const bubbles = splitText(rest, size)
    if (bubbles.length <= maxBubbles) return { cardText: head.trim(), bubbles }
  }
  return undefined
}

/** A long answer over several replies: the card text, then each reply's bubbles. */
export interface AnswerParts {
  cardText: string
  /** parts[0]: the bubbles under the card in the first reply; parts[n]: the (n+1)th reply's bubbles. */
  parts: string[][]
}

/**
 * Lay out an answer of any length. When it fits one reply this is `layoutAnswer`'s layout as one
 * part. Otherwise the card takes the first sentences, the rest is cut between sentences into
 * full-size simpleTexts, `firstBubbles` of them go under the card and every later reply carries
 * `bubblesPerPart` (a reply holds three outputs). Deterministic, so "이어서 보기" can ask for part n
 * by number and get exactly the text that follows the part before it.
 */
export function answerParts (answer: string, cardMax: number, firstBubbles: number, bubblesPerPart: number = LIMITS.outputs): AnswerParts {
  const fits = layoutAnswer(answer, cardMax, firstBubbles)
  if (fits) return { cardText: fits.cardText, parts: [fits.bubbles] }
  const { head, restParts } = cardHead(sanitize(answer).trim(), cardMax)
  const bubbles = splitText(restParts.join(''), LIMITS.simpleText)
  const out: string[][] = [bubbles.slice(0, firstBubbles)]
  for (let at = firstBubbles; at < bubbles.length; at += bubblesPerPart) out.push(bubbles.slice(at, at + bubblesPerPart))
  return { cardText: head.trim(), parts: out }
}
