// Text folding used to compare questions and answers while importing (not for matching users'
// utterances: that is the matcher's job).

/** Collapse runs of spaces and tabs, trim each line, drop blank runs; keeps single newlines. */
export function cleanText (text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00A0\u3000]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** One line, single spaces. */
export function cleanLine (text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim()
}

/** Fold for comparison: NFKC, lower case, no spacing, punctuation or symbols. */
export function fold (text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')
}

const PLATFORM_ALL = /^(공통|전체|모두|all|any|common)$/i

// Spellings of the same platform, folded to one name so "ios"/"IOS"/"아이폰" merge.
const PLATFORM_NAMES: Array<[RegExp, string]> = [
  [/^(ios|아이폰|iphone|아이오에스)$/i, 'iOS'],
  [/^(android|안드로이드)$/i, '안드로이드'],
  [/^(pc|windows|윈도우|윈도우즈)$/i, 'PC'],
  [/^(mac|macos|맥)$/i, 'Mac'],
]

/** Canonical platform name, or undefined for "all platforms". */
export function normalizePlatform (name: string): string | undefined {
  const p = cleanLine(name)
  if (!p || PLATFORM_ALL.test(p)) return undefined
  for (const [re, canonical] of PLATFORM_NAMES) if (re.test(p)) return canonical
  return p
}

const PLATFORM_ORDER = ['iOS', '안드로이드', 'PC', 'Mac']

/** Platforms in a fixed order: known ones first, then the rest by code unit. */
export function sortPlatforms (platforms: Iterable<string>): string[] {
  const rank = (p: string) => {
    const i = PLATFORM_ORDER.findIndex((k) => p === k || p.startsWith(`${k} `))
    return i < 0 ? PLATFORM_ORDER.length : i
  }
  return [...new Set(platforms)].sort((a, b) => rank(a) - rank(b) || compare(a, b))
}

/** Locale-independent string order, so output bytes never depend on the machine's ICU. */
export function compare (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
