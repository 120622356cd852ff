// Kakao help-centre search-result pages (text as saved from the browser): each result is a
// "[service][menu][platform]" line, then the question, then an answer excerpt.
export interface RawEntry {
  category: string[]
  platform?: string
  question: string
  answer: string
  source: string
}

// Menus that are really platforms; everything else in the bracket path is category.
const PLATFORM_WORDS = /^(ios|안드로이드.*|android.*|pc|mac|윈도우|windows|공통|웹|web|모바일|태블릿|ipad)$/i

export function parseHelpCentrePage(text: string, source = '<page>'): RawEntry[] {
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
    i = j
    const [question, ...rest] = blocks
    if (!question) continue
    let platform: string | undefined
    const category = [...path]
    if (category.length >= 3 && PLATFORM_WORDS.test(category[category.length - 1] ?? '')) platform = category.pop()
    out.push({ category, platform, question: question.replace(/\s+/g, ' ').trim(), answer: rest.join('\n').trim(), source })
  }
  return out
}
