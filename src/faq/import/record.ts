// What every importer produces before merging: one FAQ entry as read, with where it came from.
import type { FaqLink } from '../schema.js'

export interface ImportRecord {
  question: string
  answer: string
  category: string[]
  alternates: string[]
  /** Empty means all platforms ("공통"). */
  platforms: string[]
  links: FaqLink[]
  imageUrl?: string
  /** An id given by the source (JSON, a CSV id column); otherwise one is derived from the question. */
  id?: string
  /** "file:line" or "file row N", for messages. */
  source: string
  /** The source cuts words out of its questions (help-centre search excerpts), so typo and excerpt
   *  merges apply to it. An operator's CSV or JSON has no excerpts: there a merge would lose an FAQ. */
  excerpted?: boolean
}

/** Something found while importing. Errors make the import fail; warnings are printed (and refuse
 *  it under --strict); notes only inform (a long answer that takes more than one reply). */
export interface ImportIssue {
  level: 'error' | 'warning' | 'note'
  source: string
  message: string
}

/** Thrown by a reader when a whole file cannot be read (bad encoding, missing columns, bad JSON). */
export class ImportError extends Error {
  override name = 'ImportError'
}
