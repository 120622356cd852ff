// CSV (and tab-separated text) as spreadsheets export it: UTF-8 with or without BOM, CP949 from
// Korean Excel's plain "CSV", UTF-16 from "Unicode text"; CRLF; quoted commas, quotes and newlines.
// The header row names the columns in English or Korean.
import { parse } from 'csv-parse/sync'
import { ImportError, type ImportIssue, type ImportRecord } from './record.js'
import { cleanLine, cleanText, normalizePlatform } from './normalize.js'
import { checkUrl, linksInText } from './links.js'
import type { FaqLink } from '../schema.js'

type Field = 'id' | 'question' | 'answer' | 'category' | 'alternates' | 'platforms' | 'url' | 'urlLabel' | 'imageUrl'

// Header names (folded: lower case, no spaces, "_" or "-") for each field.
const HEADERS: Record<Field, string[]> = {
  id: ['id', 'faqid', '아이디'],
  question: ['question', 'q', 'title', '질문', '질문내용', '제목', '문의'],
  answer: ['answer', 'a', 'response', '답변', '답변내용', '답', '내용'],
  category: ['category', 'categories', 'categorypath', '카테고리', '분류', '카테고리경로'],
  alternates: ['alternates', 'alternate', 'alternatives', 'aliases', 'alias', 'similarquestions', 'paraphrases', '유사질문', '다른질문', '비슷한질문', '동의질문'],
  platforms: ['platforms', 'platform', 'os', '플랫폼', '운영체제'],
  url: ['url', 'urls', 'link', 'links', '링크', '링크url', '관련링크', 'url주소'],
  urlLabel: ['urllabel', 'linklabel', 'linktitle', '링크이름', '링크명', '버튼이름', '버튼명'],
  imageUrl: ['imageurl', 'image', 'img', '이미지', '이미지url', '이미지주소'],
}
// Several category levels in separate columns, in order.
const CATEGORY_LEVELS = [
  ['category1', 'level1', '대분류', '카테고리1'],
  ['category2', 'level2', '중분류', '카테고리2'],
  ['category3', 'level3', '소분류', '카테고리3'],
]

const foldHeader = (h: string) => h.normalize('NFKC').toLowerCase().replace(/[\s_\-.()]+/g, '')

/** Bytes → text: BOM first, then strict UTF-8, then CP949 (what Korean Excel writes by default). */
export function decodeCsv (bytes: Uint8Array, file: string, issues: ImportIssue[]): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    try {
      const text = new TextDecoder('euc-kr', { fatal: true }).decode(bytes)
      issues.push({ level: 'warning', source: file, message: 'not UTF-8; read as CP949 (EUC-KR). Save as "CSV UTF-8" to avoid this guess.' })
      return text
    } catch {
      throw new ImportError(`${file}: not UTF-8 or CP949 text; save it as "CSV UTF-8"`)
    }
  }
}

/** Comma, semicolon or tab: whichever splits the header line into the most columns. */
function detectDelimiter (text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? ''
  let best = ','
  let most = 0
  for (const d of [',', '\t', ';']) {
    const n = header.split(d).length
    if (n > most) [best, most] = [d, n]
  }
  return best
}

const splitList = (cell: string, separators: RegExp) =>
  cell
    .split(separators)
    .map(cleanLine)
    .filter(Boolean)

/** "카카오톡 > 오픈채팅" or "카카오톡/오픈채팅"; ">" wins when present, since names may contain "/". */
export function splitCategory (cell: string): string[] {
  const text = cleanLine(cell)
  if (!text) return []
  return splitList(text, /[>›＞»]/.test(text) ? /\s*[>›＞»]\s*/ : /\s*\/\s*/)
}

export function readCsv (bytes: Uint8Array, file: string, issues: ImportIssue[]): ImportRecord[] {
  const text = decodeCsv(bytes, file, issues).replace(/^\uFEFF/, '')
  let rows: string[][]
  try {
    rows = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][]
  } catch (err) {
    throw new ImportError(`${file}: cannot parse CSV (${(err as Error).message})`)
  }
  const [header, ...body] = rows
  if (!header) throw new ImportError(`${file}: empty CSV, expected a header row`)

  const column = new Map<Field, number>()
  const levels: number[] = []
  header.forEach((h, i) => {
    const name = foldHeader(h)
    if (!name) return
    const field = (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].includes(name))
    const level = CATEGORY_LEVELS.findIndex((names) => names.includes(name))
    if (field && !column.has(field)) column.set(field, i)
    else if (level >= 0) levels[level] = i
    else issues.push({ level: 'warning', source: file, message: `ignored column "${h}"` })
  })
  for (const f of ['question', 'answer'] as const) {
    if (!column.has(f)) {
      throw new ImportError(`${file}: no ${f} column; the header row has ${JSON.stringify(header)} (expected e.g. "${HEADERS[f][0]}" or "${HEADERS[f].find((n) => /[가-힣]/.test(n))}")`)
    }
  }

  const out: ImportRecord[] = []
  body.forEach((row, r) => {
    const source = `${file} row ${r + 2}`
    const cell = (f: Field) => {
      const i = column.get(f)
      return i === undefined ? '' : (row[i] ?? '')
    }
    if (row.every((c) => !c.trim())) return
    const category = column.has('category')
      ? splitCategory(cell('category'))
      : levels.filter((i) => i !== undefined).map((i) => cleanLine(row[i] ?? '')).filter(Boolean)
    const platforms = splitList(cell('platforms'), /[,|/\n]/)
      .map(normalizePlatform)
      .filter((p): p is string => p !== undefined)

    const links: FaqLink[] = []
    const urlCell = cell('url').trim()
    if (urlCell) {
      const found = linksInText(urlCell)
      for (const bad of found.malformed) issues.push({ level: 'error', source, message: `malformed URL in the url column: ${JSON.stringify(bad)}` })
      if (!found.links.length && !found.malformed.length) issues.push({ level: 'error', source, message: `malformed URL in the url column: ${JSON.stringify(urlCell)}` })
      const label = cleanLine(cell('urlLabel'))
      for (const l of found.links) links.push(label && found.links.length === 1 ? { label, url: l.url } : l)
    }
    const imageUrl = cell('imageUrl').trim() || undefined
    if (imageUrl && checkUrl(imageUrl)) issues.push({ level: 'error', source, message: `image URL ${checkUrl(imageUrl)}: ${JSON.stringify(imageUrl)}` })

    out.push({
      question: cleanLine(cell('question')),
      answer: cleanText(cell('answer')),
      category,
      alternates: splitList(cell('alternates'), /[|\n]/),
      platforms,
      links,
      ...(imageUrl ? { imageUrl } : {}),
      ...(cell('id').trim() ? { id: cell('id').trim() } : {}),
      source,
    })
  })
  return out
}
