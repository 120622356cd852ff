// The Korean-aware matcher. FlexSearch (bigram encoder, strict tokenize, suggest) only proposes
// candidates; this module re-scores them, because FlexSearch gives no scores and ranks by the
// number of matched terms, ignoring how rare they are.
//
// confidence = 0.75 · forward + 0.25 · backward, both in 0..1:
//   forward  = IDF-weighted share of the utterance's terms found in the entry, a term found in the
//              question/alternates counting fully, in the category 0.5, in the answer 0.3;
//   backward = IDF-weighted share of the best-covered question variant's terms the utterance contains.
// Terms no entry contains keep their (high) IDF in the denominator: that is what makes out-of-domain
// questions score low. Bigrams spanning a space count less, word order varies.
import { Index } from 'flexsearch'
import type { FaqCorpus, FaqEntry } from '../faq/schema.js'
import type { Candidate, MatchResult, Matcher, Outcome } from './types.js'
import { createEncoder, normalize, termsOf, termWeight, type Term } from './text.js'
import { Synonyms, type Applied } from './synonyms.js'
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js'

const WEIGHT = { question: 1, category: 0.5, answer: 0.3 }
const CROSS_WEIGHT = 0.2
/** Extra factor for glue bigrams no entry contains (see unseenGlue). */
const UNSEEN_GLUE = 0.3
const CANDIDATES = 50
/** Query terms sent to FlexSearch for candidates (the rarest ones). */
const QUERY_TERMS = 10
const MAX_CHOICES = 5
const HANGUL = /^[\uAC00-\uD7A3]$/
const BACKWARD_MIN = 0.15
const FORWARD_FULL = 0.7
const BACKWARD_FULL = 0.4
/** Forward share needed when two or more utterance words are found in the question. */
const FORWARD_WORDS = 0.4
/** Two entries whose questions share this much are variants of one question (e.g. per platform). */
const NEAR_DUPLICATE = 0.75

/** Platform words (after synonyms) → platform key. */
const PLATFORM_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/(?<![a-z])ios(?![a-z])|아이폰|iphone/, 'ios'],
  [/안드로이드|android|원스토어/, 'android'],
  [/(?<![a-z])(pc|mac|windows)(?![a-z])|윈도우/, 'pc'],
]

function platformsOf(text: string): Set<string> {
  const t = normalize(text)
  const out = new Set<string>()
  for (const [re, key] of PLATFORM_WORDS) if (re.test(t)) out.add(key)
  return out
}

type WeightedTerm = Term & { idf: number; w: number; platform: boolean }

interface Prepared {
  entry: FaqEntry
  /** Terms of each question variant (question, then alternates). Arrays, not Sets: 100k entries. */
  variants: string[][]
  category: string[]
  /** Rewritten answer with spaces removed, built when the entry is first a candidate: a query
   *  bigram is looked up in it as a substring. */
  answer?: string
  platforms: Set<string>
}

export interface ScoredCandidate extends Candidate {
  forward: number
  backward: number
  matched: string[]
  evidence: number
  /** Query terms found in the question or an alternate. */
  inQuestion: string[]
}

export interface Explain {
  normalized: string
  rewritten: string
  synonyms: Applied[]
  terms: Array<{ term: string; cross: boolean; idf: number }>
  platforms: string[]
  margin: number
  scored: ScoredCandidate[]
  reason: string
}

export class KoreanMatcher implements Matcher {
  readonly #entries: Prepared[] = []
  readonly #byId = new Map<string, Prepared>()
  readonly #df = new Map<string, number>()
  readonly #questions: Index
  readonly #categories: Index
  readonly thresholds: Thresholds

  constructor(
    readonly corpus: FaqCorpus,
    readonly synonyms: Synonyms = new Synonyms(),
    thresholds: Partial<Thresholds> = {},
  ) {
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...thresholds }
    const encoder = createEncoder()
    const options = { tokenize: 'strict' as const, encoder, resolution: 9 }
    this.#questions = new Index({ ...options })
    this.#categories = new Index({ ...options })
    // Categories repeat across entries: rewrite and encode each distinct path once.
    const categories = new Map<string, { text: string; terms: string[] }>()
    corpus.entries.forEach((entry, i) => {
      const variants = [entry.question, ...entry.alternates].filter((q) => q.trim()).map((q) => this.rewrite(q))
      const variantTerms = variants.map((v) => termsOf(v).map((t) => t.term))
      const path = entry.category.join(' ')
      let category = categories.get(path)
      if (!category) {
        const text = this.rewrite(path)
        categories.set(path, (category = { text, terms: termsOf(text).map((t) => t.term) }))
      }
      const p: Prepared = {
        entry,
        variants: variantTerms,
        category: category.terms,
        platforms: new Set(entry.platforms.flatMap((x) => [...platformsOf(x)])),
      }
      // Document frequency over questions and categories: the fields that decide what an entry is
      // about. Answers are long and would make build time grow with the corpus text, not its size.
      const seen = new Set<string>()
      for (const list of [...variantTerms, category.terms]) {
        for (const t of list) {
          if (seen.has(t)) continue
          seen.add(t)
          this.#df.set(t, (this.#df.get(t) ?? 0) + 1)
        }
      }
      this.#entries.push(p)
      if (!this.#byId.has(entry.id)) this.#byId.set(entry.id, p)
      this.#questions.add(i, variants.join(' . '))
      if (category.text) this.#categories.add(i, category.text)
    })
  }

  /** Normalization then synonyms: what the index and the query both see. */
  rewrite(text: string): string {
    return this.synonyms.apply(normalize(text)).text
  }

  idf(term: string): number {
    const n = this.#entries.length
    const df = this.#df.get(term) ?? 0
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /**
   * A glue bigram (word + particle/ending, or one spanning a space) that no entry contains is
   * grammar, not missing content: "배포가" vs "배포란". It weighs less in the denominator, so
   * particles do not pull a right answer below threshold; unseen content bigrams keep full weight,
   * which is what keeps out-of-domain questions low.
   */
  unseenGlue(t: Term): number {
    return (t.cross || termWeight(t.term) < 1) && !this.#df.has(t.term) ? UNSEEN_GLUE : 1
  }

  entry(faqId: string): FaqEntry | undefined {
    return this.#byId.get(faqId)?.entry
  }

  match(utterance: string): MatchResult {
    const { result, explain } = this.explain(utterance)
    return { ...result, explain: { synonyms: explain.synonyms, platforms: explain.platforms, margin: explain.margin, reason: explain.reason } }
  }

  /** The full decision trail, for `faq-skill ask`. */
  explain(utterance: string, thresholds: Thresholds = this.thresholds): { result: MatchResult; explain: Explain } {
    const normalized = normalize(utterance)
    const { text: rewritten, applied } = this.synonyms.apply(normalized)
    const queryPlatforms = platformsOf(rewritten)
    const terms = termsOf(rewritten)
    const weighted = terms.map((t) => ({
      ...t,
      idf: this.idf(t.term),
      w: this.idf(t.term) * (t.cross ? CROSS_WEIGHT : 1) * termWeight(t.term) * this.unseenGlue(t),
      platform: queryPlatforms.size > 0 && platformsOf(t.term).size > 0,
    }))
    const explain: Explain = {
      normalized,
      rewritten,
      synonyms: applied,
      terms: weighted.map(({ term, cross, idf }) => ({ term, cross, idf: round(idf) })),
      platforms: [...queryPlatforms],
      margin: 0,
      scored: [],
      reason: '',
    }
    if (!terms.length) {
      explain.reason = 'no searchable terms'
      return { result: { outcome: 'none', candidates: [] }, explain }
    }

    const ids = this.candidates(weighted)
    const scored = ids.map((i) => this.score(this.#entries[i]!, weighted, queryPlatforms))
    // Deterministic order: score, then question text, then id; never insertion order.
    scored.sort((a, b) => b.score - a.score || (a.question < b.question ? -1 : a.question > b.question ? 1 : 0) || (a.faqId < b.faqId ? -1 : 1))
    explain.scored = scored.slice(0, 10)
    const { outcome, candidates, margin, reason } = this.decide(scored, thresholds, contentWords(rewritten))
    explain.margin = round(margin)
    explain.reason = reason
    return {
      result: { outcome, candidates: candidates.map(({ faqId, question, score, matched }) => ({ faqId, question, score, matched })) },
      explain,
    }
  }

  /**
   * Candidate entries from FlexSearch. Only the rarest query terms are sent: common bigrams have
   * the longest posting lists, cost the most in the suggest merge and rarely decide the candidates;
   * every term still counts in re-scoring. " . " keeps the encoder from joining separate terms.
   */
  private candidates(terms: WeightedTerm[]): number[] {
    const rare = terms
      .filter((t) => this.#df.has(t.term)) // a term no entry has cannot find one
      .sort((a, b) => b.idf - a.idf || (a.term < b.term ? -1 : 1))
      .slice(0, QUERY_TERMS)
    const query = rare.map((t) => t.term).join(' . ')
    const opts = { suggest: true, limit: CANDIDATES }
    const seen = new Set<number>()
    for (const index of [this.#questions, this.#categories]) {
      for (const id of index.search(query, opts) as number[]) seen.add(id)
    }
    return [...seen]
  }

  private score(p: Prepared, terms: WeightedTerm[], queryPlatforms: Set<string>): ScoredCandidate {
    p.answer ??= this.rewrite(p.entry.answer).replace(/ /g, '')
    let total = 0
    let found = 0
    let evidence = 0
    const matched: string[] = []
    const inQuestion: string[] = []
    for (const t of terms) {
      // A lone syllable ("톡 학생증", "앱") is a unigram term: it matches inside the entry's bigrams.
      const has = (list: string[]) => list.includes(t.term) || (t.term.length === 1 && HANGUL.test(t.term) && list.some((b) => b.includes(t.term)))
      const m = p.variants.some(has) ? WEIGHT.question
        : has(p.category) ? WEIGHT.category
        : p.answer.includes(t.term) ? WEIGHT.answer
        : 0
      // A platform word states a preference, handled below; it only counts where the entry's
      // question or category names it (a mention in the answer would tilt the score by answer length).
      if (t.platform && m < WEIGHT.category) continue
      total += t.w
      found += t.w * m
      if (m === WEIGHT.question) inQuestion.push(t.term)
      if (m > 0) {
        matched.push(t.term)
        if (m >= WEIGHT.category) evidence += /^[a-z0-9]{3,}$/.test(t.term) ? 2 : t.cross ? 0.5 : 1
      }
    }
    const forward = total > 0 ? found / total : 0
    let backward = 0
    const query = new Set(terms.map((t) => t.term))
    for (const v of p.variants) {
      let all = 0
      let hit = 0
      for (const term of v) {
        const w = this.idf(term) * termWeight(term)
        all += w
        if (query.has(term)) hit += w
      }
      if (all > 0) backward = Math.max(backward, hit / all)
    }
    let score = 0.65 * forward + 0.35 * backward
    if (queryPlatforms.size && p.platforms.size) {
      const overlap = [...queryPlatforms].some((x) => p.platforms.has(x))
      score += overlap ? 0.05 : -0.1
    }
    score = Math.min(1, Math.max(0, score))
    return { faqId: p.entry.id, question: p.entry.question, score: round(score), forward: round(forward), backward: round(backward), matched, evidence, inQuestion }
  }

  private decide(scored: ScoredCandidate[], th: Thresholds, words: string[][] = []): { outcome: Outcome; candidates: ScoredCandidate[]; margin: number; reason: string } {
    const top = scored[0]
    if (!top || top.score < th.choicesMin) {
      // Still report the nearest entries (for logs and the operator), but do not offer them.
      return { outcome: 'none', candidates: scored.filter((c) => c.score > 0).slice(0, 3), margin: 0, reason: `top score below choices threshold ${th.choicesMin}` }
    }
    const topTerms = new Set(this.#prepared(top.faqId)?.variants.flat())
    const rival = scored.slice(1).find((c) => similarity(topTerms, new Set(this.#prepared(c.faqId)?.variants.flat())) < NEAR_DUPLICATE)
    const margin = top.score - (rival?.score ?? 0)
    // The utterance must cover a fair part of the question, unless the question explains all of the
    // utterance ("지구본"): a rare word shared with a long question ("이모티콘 환불") is not enough.
    // Long questions are rarely typed in full, so two or more of the utterance's words found in the
    // question itself also count: one shared word ("이모티콘 환불" / "인기이모티콘") is a topic, two
    // are a question ("챗봇 유료로 운영" / "챗봇 이용에 대한 금액 지불").
    const inQuestion = new Set(top.inQuestion)
    const questionWords = words.filter((w) => w.some((b) => inQuestion.has(b))).length
    const covered = top.backward >= BACKWARD_MIN || top.forward >= FORWARD_FULL
      || (top.forward >= FORWARD_WORDS && questionWords >= 2)
    // One matched bigram is enough when it is nearly all of both sides ("배포가 뭔가요" / "배포란 무엇인가요").
    const evident = top.evidence >= th.minTerms || (top.evidence >= 1 && top.forward >= FORWARD_FULL && top.backward >= BACKWARD_FULL)
    if (top.score >= th.answerMin && margin >= th.marginMin && evident && covered) {
      return { outcome: 'answer', candidates: scored.slice(0, MAX_CHOICES), margin, reason: 'confident' }
    }
    const floor = Math.max(th.choicesMin, top.score * 0.5)
    let choices = scored.filter((c) => c.score >= floor).slice(0, MAX_CHOICES)
    if (choices.length < 2) choices = scored.filter((c) => c.score > 0).slice(0, 2)
    const why =
      top.score < th.answerMin ? `top score below ${th.answerMin}`
      : margin < th.marginMin ? `margin below ${th.marginMin}`
      : top.evidence < th.minTerms ? `evidence below ${th.minTerms}`
      : `utterance covers too little of the question`
    return { outcome: 'choices', candidates: choices, margin, reason: why }
  }

  #prepared(faqId: string): Prepared | undefined {
    return this.#byId.get(faqId)
  }
}

/** Each Hangul word's within-word content bigrams (neither stop nor glue), one list per word. */
function contentWords(rewritten: string): string[][] {
  const out: string[][] = []
  for (const word of rewritten.split(' ')) {
    const bigrams = termsOf(word).map((t) => t.term).filter((b) => termWeight(b) === 1 && /^[\uAC00-\uD7A3]{2}$/.test(b))
    if (bigrams.length) out.push(bigrams)
  }
  return out
}

function similarity(a: Set<string>, b: Set<string> | undefined): number {
  if (!b || !a.size || !b.size) return 0
  let inter = 0
  for (const t of a) if (b.has(t)) inter++
  return inter / (a.size + b.size - inter)
}

const round = (x: number) => Math.round(x * 1000) / 1000
