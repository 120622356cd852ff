// The Korean helpers the matcher uses at query time, built over the corpus vocabulary: typo
// readings and Korean typed on an English keyboard (the korean branch's hangul.ts does the work).
export interface KoreanHelpers {
  /** Vocabulary terms one jamo edit away from `term`. */
  near(term: string): string[]
  /** The Hangul a Latin token would be when typed on a Korean keyboard, if plausible. */
  qwertyToHangul(token: string): string | undefined
}

/** Interim helpers until hangul.ts lands: no typo readings, no keyboard conversion. */
export function koreanHelpers(vocabulary: Iterable<string>): KoreanHelpers {
  void vocabulary
  return { near: () => [], qwertyToHangul: () => undefined }
}
