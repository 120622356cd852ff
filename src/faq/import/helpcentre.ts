// Kakao help-centre search-result pages (text as saved from the browser): each result is a
// "[service][menu][platform]" line, then the question, then an answer excerpt.
import type { ImportRecord } from './record.js'
import { normalizePlatform } from './normalize.js'

export interface RawEntry {
  category: string[]
  platform?: string
  question: string
  answer: string
  source: string
  /** 1-based line of the question, for messages. */
  line?: number
}

// Menus that are really platforms; everything else in the bracket path is category.
const PLATFORM_WORDS = /^(ios|안드로이드.*|android.*|pc|mac|윈도우|windows|공통|웹|web|모바일|태블릿|ipad)$/i

export function parseHelpCentrePage (text: string, source = '<page>'): RawEntry[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n')
  const out: RawEntry[] = []
  let i = 0
  while (i < lines.length) {
    const m = /^\s*(?:•\s*)?((?:\[[^\]\n]+\])+)\s*$/.exec(lines[i] ?? '')
    if (!m) {
      i++
      continue
    }
    const path = [...(m[1] ?? '').matchAll(/\[([^\]]+)\]/g)].map((x) => (x[1] ?? '').trim()).filter(Boolean)
    // Question and answer are the next two non-empty blocks, up to the next bracket line.
    const blocks: string[] = []
    let j = i + 1
    let cur: string[] = []
    for (; j < lines.length; j++) {
      const line = lines[j] ?? ''
      if (/^\s*(?:•\s*)?(?:\[[^\]\n]+\])+\s*$/.test(line)) break
      if (!line.trim()) {
        if (cur.length) blocks.push(cur.join('\n'))
        cur = []
      } else cur.push(line.trim())
    }
    if (cur.length) blocks.push(cur.join('\n'))
    const start = i
    i = j
    const questionLine = lines.findIndex((l, k) => k > start && k < j && l.trim() !== '' && !/^\s*(?:•\s*)?(?:\[[^\]\n]+\])+\s*$/.test(l)) + 1
    const [question, ...rest] = blocks
    if (!question) continue
    let platform: string | undefined
    const category = [...path]
    if (category.length >= 3 && PLATFORM_WORDS.test(category[category.length - 1] ?? '')) platform = category.pop()
    out.push({ category, platform, question: question.replace(/\s+/g, ' ').trim(), answer: rest.join('\n').trim(), source, line: questionLine || undefined })
  }
  return out
}

/** Help-centre results as import records: "공통" (or no platform) means all platforms. */
export function readHelpCentre (text: string, file: string): ImportRecord[] {
  return parseHelpCentrePage(text, file).map((e) => {
    const platform = e.platform === undefined ? undefined : normalizePlatform(e.platform)
    return {
      question: e.question,
      answer: e.answer,
      category: e.category,
      alternates: [],
      platforms: platform ? [platform] : [],
      links: [],
      source: e.line ? `${file}:${e.line}` : file,
      excerpted: true,
    }
  })
}
