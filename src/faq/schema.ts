// The FAQ corpus format: data/faq.json = { version: 1, entries: FaqEntry[] }.
import { Type, type Static } from '@sinclair/typebox'

const NonBlank = (description: string) => Type.String({ minLength: 1, pattern: '\\S', description })

export const FaqLink = Type.Object(
  {
    label: Type.String({ minLength: 1 }),
    url: Type.String({ pattern: '^https?://[^\\s]+$', description: 'http(s) URL' }),
  },
  { additionalProperties: false }
)

export const FaqEntry = Type.Object(
  {
    id: NonBlank('Stable id derived from content; logs, links and feedback point at it'),
    category: Type.Array(Type.String({ minLength: 1 }), { description: 'Category path, e.g. ["카카오톡", "오픈채팅"]' }),
    question: NonBlank('The canonical question'),
    alternates: Type.Array(Type.String(), { default: [], description: 'Other ways users ask the same question' }),
    answer: NonBlank('The answer text'),
    platforms: Type.Array(Type.String(), { default: [], description: 'e.g. "iOS", "안드로이드", "PC"; empty = all' }),
    links: Type.Array(FaqLink, { default: [] }),
    imageUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  },
  { additionalProperties: false }
)

/**
 * An entry as an importer accepts it from JSON/JSONL: like FaqEntry, but `id` and `category` may be
 * left out (the importer derives the id from the question; category defaults to none), and a blank
 * question or answer is one record the importer skips with a warning, not a file it refuses.
 */
export const FaqEntryInput = Type.Object(
  {
    ...FaqEntry.properties,
    id: Type.Optional(FaqEntry.properties.id),
    question: Type.String({ description: FaqEntry.properties.question.description }),
    answer: Type.String({ description: FaqEntry.properties.answer.description }),
    category: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
  },
  { additionalProperties: false }
)

export const FaqCorpus = Type.Object(
  {
    version: Type.Literal(1),
    entries: Type.Array(FaqEntry),
  },
  { additionalProperties: false }
)

export type FaqLink = Static<typeof FaqLink>
export type FaqEntry = Static<typeof FaqEntry>
export type FaqEntryInput = Static<typeof FaqEntryInput>
export type FaqCorpus = Static<typeof FaqCorpus>
