// The Korean helpers the matcher uses at query time, built over the corpus vocabulary: typo
// readings and Korean typed on an English keyboard (hangul.ts does the work).
import { TypoIndex, qwertyToHangul } from './hangul.js'
import type { CorpusStore } from './store.js'

export interface KoreanHelpers {
  /** Vocabulary terms one jamo edit away from `term`. */
  near(term: string): string[]
  /** The Hangul a Latin token would be when typed on a Korean keyboard, if plausible. */
  qwertyToHangul(token: string): string | undefined
}

/**
 * Typo readings look among the Hangul bigrams of questions, alternates and categories only: those
 * say what an entry is about, and a typo read as an answer-only word would add noise, not recall.
 */
export function koreanHelpers (store: CorpusStore): KoreanHelpers {
  const vocabulary: string[] = []
  store.terms.forEach((t, id) => {
    if (t.length === 2 && store.dfAbout[id]! > 0 && t.charCodeAt(0) >= 0xac00) vocabulary.push(t)
  })
  const typos = new TypoIndex(vocabulary)
  return { near: (term) => typos.near(term), qwertyToHangul }
}
