// Ids derived from content, not order: "faq-" + the first hex digits of a hash of the folded
// canonical question. Re-importing the same FAQ (in any order, with other entries added) keeps them.
import { createHash } from 'node:crypto'
import { fold } from './normalize.js'

export const ID_PREFIX = 'faq-'
const DIGITS = 8

export function questionId (question: string, digits = DIGITS): string {
  return ID_PREFIX + createHash('sha256').update(fold(question)).digest('hex').slice(0, digits)
}
