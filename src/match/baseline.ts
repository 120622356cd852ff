// The naive baseline every eval figure is printed beside: MiniSearch (BM25+) over question and answer
// with Hangul syllable bigrams, always answering its top hit. It is what an hour of work buys, so a
// figure of ours only means something next to it, measured on the same corpus and lines in the same run.
import MiniSearch from 'minisearch'
import type { FaqCorpus } from '../faq/schema.js'
import type { Candidate, Outcome } from './types.js'

const HANGUL_RUN = /[\uAC00-\uD7A3]+|[^\uAC00-\uD7A3]+/g
const IS_HANGUL = /^[\uAC00-\uD7A3]/
/** Candidates the baseline returns: as many as a choice list shows. */
const TOP = 5

/**
 * Lowercased words split on anything that is not a letter or digit; a run of Hangul syllables becomes
 * its bigrams (a lone syllable stays itself), any other run (Latin, digits, jamo like ㅋㅋ) stays whole.
 */
export function bigramTokens (text: string): string[] {
  const out: string[] = []
  for (const word of text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    for (const run of word.match(HANGUL_RUN) ?? []) {
      if (!IS_HANGUL.test(run) || run.length === 1) out.push(run)
      else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2))
    }
  }
  return out
}

/** What the baseline returns: the contract's MatchResult, never 'choices'. */
export interface BaselineResult {
  outcome: Extract<Outcome, 'answer' | 'none'>
  /** Best first; score = BM25+ relative to the top hit (1 for the first). */
  candidates: Candidate[]
  /** 1 when it answered (it is always sure), 0 when nothing matched. */
  score: number
}

export interface Baseline {
  readonly corpus: FaqCorpus
  match(utterance: string): BaselineResult
}

interface Doc { id: string; question: string; answer: string }

export function createBaseline (corpus: FaqCorpus): Baseline {
  // processTerm: tokens are already normalized; MiniSearch's default would lowercase them again.
  const index = new MiniSearch<Doc>({ fields: ['question', 'answer'], tokenize: bigramTokens, processTerm: (t) => t })
  // Alternates are other wordings of the question, so they are searched as question text.
  index.addAll(corpus.entries.map((e) => ({ id: e.id, question: [e.question, ...e.alternates].join('\n'), answer: e.answer })))
  const questions = new Map(corpus.entries.map((e) => [e.id, e.question]))
  return {
    corpus,
    match (utterance) {
      // Each distinct term once: a query that repeats a word should not count it twice.
      const terms = [...new Set(bigramTokens(utterance))]
      const hits = terms.length ? index.search({ combineWith: 'OR', queries: terms }).slice(0, TOP) : []
      const top = hits[0]?.score ?? 0
      const candidates = hits.map((h) => ({ faqId: String(h.id), question: questions.get(String(h.id)) ?? '', score: top ? h.score / top : 0 }))
      return candidates.length ? { outcome: 'answer', candidates, score: 1 } : { outcome: 'none', candidates, score: 0 }
    },
  }
}
