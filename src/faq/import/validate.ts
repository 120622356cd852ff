// Checks on the merged corpus that the schema cannot express.
import type { FaqEntry } from '../schema.js'
import type { ImportIssue } from './record.js'
import { LIMITS } from '../../kakao/limits.js'
import { splitText } from '../../kakao/text.js'
import { checkUrl } from './links.js'
import { fold } from './normalize.js'

export function validateEntries (entries: FaqEntry[]): ImportIssue[] {
  const issues: ImportIssue[] = []
  const ids = new Map<string, string>()
  for (const e of entries) {
    const where = `entry ${e.id}`
    const other = ids.get(e.id)
    if (other !== undefined) issues.push({ level: 'error', source: where, message: `duplicate id "${e.id}" for different questions: "${other}" and "${e.question}"` })
    ids.set(e.id, e.question)
    if (!e.question.trim()) issues.push({ level: 'error', source: where, message: 'empty question' })
    if (!e.answer.trim()) issues.push({ level: 'error', source: where, message: 'empty answer' })
    for (const l of e.links) {
      const bad = checkUrl(l.url)
      if (bad) issues.push({ level: 'error', source: where, message: `link "${l.label}" ${bad}: ${JSON.stringify(l.url)}` })
    }
    if (e.imageUrl && checkUrl(e.imageUrl)) issues.push({ level: 'error', source: where, message: `imageUrl ${checkUrl(e.imageUrl)}: ${JSON.stringify(e.imageUrl)}` })
    // A long answer is sent as simpleText bubbles, question first; a reply holds three, and the
    // conversation offers "이어서 보기" for the rest. Worth knowing, not worth refusing.
    const parts = splitText(`${e.question}\n\n${e.answer}`, LIMITS.simpleText).length
    if (parts > LIMITS.outputs) {
      issues.push({
        level: 'note',
        source: where,
        message: `long answer: ${parts} text bubbles of ${LIMITS.simpleText} characters; a reply shows ${LIMITS.outputs}, the rest follows "이어서 보기" ("${e.question}")`,
      })
    }
  }
  // A wording in two entries makes the matcher guess between them.
  const owner = new Map<string, FaqEntry>()
  for (const e of entries) {
    for (const w of [e.question, ...e.alternates]) {
      const f = fold(w)
      const other = owner.get(f)
      // Two entries with one question are reported by the merge, which knows their rows.
      if (other && other !== e && w === e.question && f === fold(other.question)) continue
      if (other && other !== e) issues.push({ level: 'warning', source: `entry ${e.id}`, message: `"${w}" is also a question or alternate of entry ${other.id} ("${other.question}")` })
      else owner.set(f, e)
    }
  }
  return issues
}
