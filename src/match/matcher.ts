// The FAQ matcher. How it decides, in order (docs/matching.md says the same at more length):
// 1. the utterance is normalized and rewritten (synonyms + lexicon, Korean typed on an English
//    keyboard), then cut into weighted terms (text.ts): bigrams, stems, Latin words;
// 2. a query term no entry contains is read as the vocabulary terms one jamo away (typos);
// 3. FlexSearch proposes candidates from two indexes, question + alternates + category and the
//    answer, queried with the rarest known terms (never a scan of the corpus);
// 4. each candidate gets a BM25F relevance (SCORING in scoring.ts): term saturation, length
//    normalization, field weights, IDF over the fields that say what an entry is about; a
//    platform word in the utterance prefers that platform's entries;
// 5. the confidence model (model.ts) rates the considered candidates together, with "none of them",
//    from a few corpus-size-free features of each (relevance share, coverage both ways, gap to the
//    runner-up, unseen words, length): each gets the probability that it is the right answer, and
//    they are ranked by it; the thresholds (thresholds.ts) are on that probability.
import { Index, Encoder } from 'flexsearch'
import type { FaqCorpus, FaqEntry } from '../faq/schema.js'
import { featureVector, linearScore, toProbabilities, type ConfidenceModel, type Features } from './model.js'
import { SCORING } from './scoring.js'
import { find, platformBits, questionVariants, type CorpusStore, type FieldSlices } from './store.js'
import type { Synonyms, Applied } from './synonyms.js'
import { squeezeRepeats, type Expansions } from './lexicon.js'
import { normalize, queryTerms, queryTermsByWord } from './text.js'
import type { Thresholds } from './thresholds.js'
import type { Candidate, ExplainedCandidate, MatchExplanation, MatchResult, Matcher, Outcome } from './types.js'
import type { KoreanHelpers } from './korean-helpers.js'

/**
 * A FlexSearch index over our own terms. Documents and queries are handed over already analyzed
 * (arrays of terms), so the encoder is the identity: FlexSearch's own encoder cost more than the
 * rest of the build together, and its Korean handling is not what we want anyway.
 */
export function createIndex (): Index {
  const encoder = { encode: (terms: string[]) => terms } as unknown as Encoder
  return new Index({ tokenize: 'strict', encoder, resolution: 1 })
}

/** Adds a document given as its distinct terms. */
export function addTerms (index: Index, id: number, terms: string[]): void {
  if (terms.length) index.add(id, terms as unknown as string)
}

/** The analyzed utterance: what every candidate is scored against. */
interface Query {
  normalized: string
  rewritten: string
  /** The rewritten text before lexicon additions: what the customer said, to compare with questions. */
  typed: string
  synonyms: Applied[]
  keyboard: Applied[]
  expansions: string[]
  /** Term ids (-1 = unseen), weights and IDFs, in parallel. */
  ids: number[]
  weights: number[]
  idfs: number[]
  strings: string[]
  typoOf: Array<string | undefined>
  /** Per term: a bit per typed word it comes from (words past the 31st share the last bit). */
  wordBits: number[]
  /** Each typed term's word bits (queryTermsByWord), read as the terms are pushed. */
  bitsOf: Map<string, number>
  /** How many typed words have a term at all. */
  words: number
  /** Σ weight · idf: the most relevance this utterance can reach. */
  maxRelevance: number
  /** Σ weight over the utterance's own terms (typo readings excluded). */
  mass: number
  unseenMass: number
  platforms: number
  /** 1 when the utterance names another company's service the corpus never mentions (#foreign), else 0. */
  foreign: number
}

/** A question variant's words: its known term ids (sorted), each one's word bits, how many words it has. */
interface VariantWords {
  ids: Int32Array
  bits: Int32Array
  words: number
}

interface Scored {
  entry: number
  relevance: number
  /** Weight of query terms found in question, alternates or category / only in the answer. */
  about: number
  answerOnly: number
  backward: number
  matchedTerms: number
  platform: number
  /** Typed words with a term in any field. */
  wordsHit: number
}

export interface MatcherParts {
  corpus: FaqCorpus
  store: CorpusStore
  aboutIndex: Index
  answerIndex: Index
  synonyms: Synonyms
  /** One-way lexicon entries (customer word → help-centre term), utterances only. */
  expansions: Expansions
  /** Chat words with no content (lexicon), dropped from utterances. */
  fillers: ReadonlySet<string>
  /** Spellings of other companies' services, a group per service (lexicon `_services`). */
  services?: ReadonlyArray<readonly string[]>
  model: ConfidenceModel
  thresholds: Thresholds
  korean: KoreanHelpers
  /** Each store term → its id, and each FAQ id → the index of its first entry (index.ts builds them, in slices). */
  termIds: Map<string, number>
  entryIndex: Map<string, number>
}

export class FaqMatcher implements Matcher {
  readonly corpus: FaqCorpus
  readonly thresholds: Thresholds
  readonly store: CorpusStore
  readonly model: ConfidenceModel
  readonly synonyms: Synonyms
  readonly #ids: Map<string, number>
  readonly #byFaqId: Map<string, number>
  readonly #about: Index
  readonly #answer: Index
  readonly #korean: KoreanHelpers
  readonly #expansions: Expansions
  readonly #fillers: ReadonlySet<string>
  readonly #n: number
  /** Each service spelling (rewritten like an utterance) → its group; whether the corpus mentions the group, found on first use. */
  readonly #serviceOf = new Map<string, number>()
  readonly #serviceGroups: ReadonlyArray<readonly string[]>
  readonly #serviceKnown: Array<boolean | undefined> = []
  /** Whether some service spelling starts with this UTF-16 code: most typed words start none (#foreign skips them). */
  readonly #serviceStarts = new Uint8Array(65536)
  /** Each entry's question and alternates as rewritten, filled on first use. */
  readonly #questionForms: Array<string[] | undefined> = []
  readonly #questionWords: Array<VariantWords[] | undefined> = []

  constructor (parts: MatcherParts) {
    this.corpus = parts.corpus
    this.store = parts.store
    this.model = parts.model
    this.synonyms = parts.synonyms
    this.thresholds = parts.thresholds
    this.#about = parts.aboutIndex
    this.#answer = parts.answerIndex
    this.#korean = parts.korean
    this.#expansions = parts.expansions
    this.#fillers = parts.fillers
    this.#n = parts.corpus.entries.length
    this.#ids = parts.termIds
    this.#byFaqId = parts.entryIndex
    const groups = (parts.services ?? []).map((g) => [...new Set(g.map((f) => this.synonyms.apply(f).text).filter((f) => f && !f.includes(' ')))])
    this.#serviceGroups = groups
    groups.forEach((g, k) => {
      for (const f of g) {
        if (!this.#serviceOf.has(f)) this.#serviceOf.set(f, k)
        this.#serviceStarts[f.charCodeAt(0)] = 1
      }
    })
  }

  entry (faqId: string): FaqEntry | undefined {
    const i = this.#byFaqId.get(faqId)
    return i === undefined ? undefined : this.corpus.entries[i]
  }

  match (utterance: string, thresholds?: Partial<Thresholds>): MatchResult {
    const th = thresholds ? { ...this.thresholds, ...thresholds } : this.thresholds
    const q = this.#query(utterance)
    const ranked = this.#rank(q)
    const { outcome, shown, offered } = this.#decide(q, ranked, th)
    const result: MatchResult = { outcome, candidates: shown.map((r) => this.#candidate(r.s, r.p)), score: round(ranked[0]?.p ?? 0) }
    if (offered !== undefined) result.offered = offered
    return result
  }

  explain (utterance: string, thresholds?: Partial<Thresholds>): MatchExplanation {
    const th = thresholds ? { ...this.thresholds, ...thresholds } : this.thresholds
    const q = this.#query(utterance)
    const ranked = this.#rank(q)
    const { outcome, shown, offered, reason } = this.#decide(q, ranked, th)
    return {
      outcome,
      candidates: shown.map((r) => this.#candidate(r.s, r.p)),
      ...(offered === undefined ? {} : { offered }),
      score: round(ranked[0]?.p ?? 0),
      normalized: q.normalized,
      rewritten: q.rewritten,
      synonyms: q.synonyms,
      keyboard: q.keyboard,
      expansions: q.expansions,
      terms: q.strings.map((term, i) => ({ term, weight: q.weights[i]!, idf: round(q.idfs[i]!), seen: q.ids[i]! >= 0, ...(q.typoOf[i] ? { typoOf: q.typoOf[i] } : {}) })),
      platforms: platformNames(q.platforms),
      ranked: ranked.map((r): ExplainedCandidate => ({ ...this.#candidate(r.s, r.p), matched: this.#matched(r.s.entry, q), relevance: round(r.s.relevance), features: roundAll(r.f) })),
      thresholds: th,
      reason,
    }
  }

  /** Normalization, synonyms, keyboard, terms, typo readings: the utterance as the index sees it. */
  #query (utterance: string): Query {
    const normalized = normalize(utterance)
    const applied = this.synonyms.apply(squeezeRepeats(normalized))
    let rewritten = applied.text
    if (this.#fillers.size) rewritten = rewritten.split(' ').filter((w) => !this.#fillers.has(w)).join(' ')
    const keyboard: Applied[] = []
    if (/[a-z]/.test(rewritten)) rewritten = this.#keyboard(rewritten, keyboard)
    const { terms: own, wordBits, words } = queryTermsByWord(rewritten)
    const typed = rewritten
    const expanded = this.#expansions.apply(rewritten)
    rewritten = expanded.text
    // Each added term is analyzed on its own: analyzed as appended text, the joints made cross-space
    // bigrams no one typed (알려줘 만들기 발급 -> 줘만, 기발).
    const terms = expanded.added.length ? withTerms(own, expanded.added) : own
    const q: Query = {
      normalized,
      rewritten,
      typed,
      synonyms: applied.applied,
      keyboard,
      expansions: expanded.added,
      ids: [],
      weights: [],
      idfs: [],
      strings: [],
      typoOf: [],
      wordBits: [],
      bitsOf: wordBits,
      words,
      maxRelevance: 0,
      mass: 0,
      unseenMass: 0,
      platforms: platformBits(rewritten),
      foreign: this.#serviceOf.size ? this.#foreign(typed) : 0,
    }
    const unseenIdf = this.#idf(1)
    // One typo leaves at most two unknown bigrams in its word (the two that hold the syllable); a
    // word with more is a word the corpus does not have (쇼핑라이브), not a typo of one it has.
    // Counted the first time an unknown bigram is met: most utterances have none.
    let unknownIn: Map<number, number> | undefined
    const unknownInWord = (term: string): number => {
      if (!unknownIn) {
        unknownIn = new Map()
        for (const [t, w] of terms) {
          if (t.length !== 2 || w !== SCORING.term.bigram || this.#ids.has(t)) continue
          const bits = wordBits.get(t) ?? 0
          unknownIn.set(bits, (unknownIn.get(bits) ?? 0) + 1)
        }
      }
      return unknownIn.get(wordBits.get(term) ?? 0) ?? 0
    }
    for (const [term, w] of terms) {
      const id = this.#ids.get(term)
      if (id !== undefined) {
        // A lexicon addition is another way to say a word the customer typed, not more said: it can
        // explain the utterance (coverage) but does not enlarge what there is to explain.
        if (own.has(term)) q.mass += w
        this.#push(q, term, id, w, this.#idfOf(id))
        continue
      }
      // A glue or cross-space bigram no entry has is grammar ("배포가", "가뭔"), not missing content.
      if (w < SCORING.term.stem) continue
      // A lexicon addition the corpus lacks is a guess that missed, not an off-topic word the customer said.
      if (!own.has(term)) continue
      // A whole word the corpus lacks is mostly a known word in an unseen inflection (완료된거맞나): its
      // bigrams already say whether the content is known, so the word counts once, not twice.
      if (w === SCORING.term.stem && term.length > 1 && !/[a-z0-9]/.test(term)) continue
      q.mass += w
      // A Hangul bigram no entry has may be a typo of one that some entry has (채탕 → 채팅).
      const near = term.length === 2 && w === SCORING.term.bigram && unknownInWord(term) <= 2 ? this.#korean.near(term) : []
      let read = 0
      for (const t of near) {
        const nid = this.#ids.get(t)
        if (read >= SCORING.typoReadings || nid === undefined || this.store.dfAbout[nid] === 0 || terms.has(t)) continue
        this.#push(q, t, nid, w * SCORING.term.typo, this.#idfOf(nid), term)
        read++
      }
      if (read) continue
      this.#push(q, term, -1, w, unseenIdf)
      q.unseenMass += w
    }
    return q
  }

  /**
   * Whether a typed word is a service of another company (the word, or the word with a particle
   * after it: 티빙, 배민에서, 넷플릭스도) that no entry mentions: "티빙 해지 어케해요" to a streaming
   * service's FAQ asks about 티빙's cancellation, however well the FAQ's own cancellation entry matches.
   */
  #foreign (typed: string): number {
    for (const word of typed.split(' ')) {
      if (!this.#serviceStarts[word.charCodeAt(0)]) continue
      for (let cut = 0; cut <= Math.min(AFTER_NAME_LONGEST, word.length - 1); cut++) {
        if (cut && !AFTER_NAME.has(word.slice(word.length - cut))) continue
        const group = this.#serviceOf.get(cut ? word.slice(0, word.length - cut) : word)
        if (group !== undefined && !this.#serviceMentioned(group)) return 1
      }
    }
    return 0
  }

  /** Whether some entry mentions a spelling of the service: as a term, or (a longer name) through all its bigrams in one entry. */
  #serviceMentioned (group: number): boolean {
    let known = this.#serviceKnown[group]
    if (known === undefined) {
      known = this.#serviceGroups[group]!.some((form) => {
        if (this.#ids.has(form)) return true
        const bigrams = [...queryTerms(form).keys()].filter((t) => t.length === 2 && t !== form)
        if (form.length < 3 || !bigrams.length || !bigrams.every((t) => this.#ids.has(t))) return false
        const query = bigrams as unknown as string
        return this.#about.search(query, { limit: 1 }).length > 0 || this.#answer.search(query, { limit: 1 }).length > 0
      })
      this.#serviceKnown[group] = known
    }
    return known
  }

  #push (q: Query, term: string, id: number, w: number, idf: number, typoOf?: string): void {
    q.strings.push(term)
    q.ids.push(id)
    q.weights.push(w)
    q.idfs.push(idf)
    q.typoOf.push(typoOf)
    q.wordBits.push(q.bitsOf.get(typoOf ?? term) ?? 0)
    q.maxRelevance += w * idf
  }

  /** An unknown Latin token that converts to Hangul the corpus knows is Hangul typed on a QWERTY keyboard. */
  #keyboard (text: string, applied: Applied[]): string {
    return text.replace(/[a-z]{2,}/g, (token) => {
      if (this.#ids.has(token)) return token
      const hangul = this.#korean.qwertyToHangul(token)
      if (!hangul) return token
      const rewritten = this.synonyms.apply(normalize(hangul)).text
      const known = [...queryTerms(rewritten).keys()].some((t) => this.#ids.has(t))
      if (!known) return token
      applied.push({ from: token, to: rewritten })
      return rewritten
    })
  }

  #idfOf (id: number): number {
    const df = this.store.dfAbout[id]! || this.store.dfAnswer[id]! || 1
    return this.#idf(df)
  }

  #idf (df: number): number {
    return Math.log(1 + (this.#n - df + 0.5) / (df + 0.5))
  }

  /** Candidates from FlexSearch, scored, ranked, the first few rated by the confidence model. */
  #rank (q: Query): Array<{ s: Scored; p: number; f: Features }> {
    if (!q.ids.some((id) => id >= 0)) return []
    const known = q.ids.map((id, i) => i).filter((i) => q.ids[i]! >= 0)
    known.sort((a, b) => q.idfs[b]! * q.weights[b]! - q.idfs[a]! * q.weights[a]! || (q.strings[a]! < q.strings[b]! ? -1 : 1))
    // Terms most entries share have the longest posting lists and cost the most in FlexSearch's
    // merge, while proposing nothing the rarer terms do not: they only go when nothing rarer does.
    const common = Math.max(SCORING.candidates.commonMin, this.#n * SCORING.candidates.commonShare)
    const sent: string[] = []
    for (const i of known) {
      if (sent.length >= SCORING.candidates.queryTerms) break
      const id = q.ids[i]!
      if (sent.length && this.store.dfAbout[id]! + this.store.dfAnswer[id]! > common) continue
      sent.push(q.strings[i]!)
    }
    const query = sent as unknown as string
    const opts = { suggest: true, limit: SCORING.candidates.perIndex }
    const seen = new Set<number>()
    for (const id of this.#about.search(query, opts) as number[]) seen.add(id)
    for (const id of this.#answer.search(query, opts) as number[]) seen.add(id)
    const scored: Scored[] = []
    for (const i of seen) {
      const s = this.#score(i, q)
      if (s.relevance > 0) scored.push(s)
    }
    const questions = this.corpus.entries
    scored.sort((a, b) => b.relevance - a.relevance || compare(questions[a.entry]!.question, questions[b.entry]!.question) || compare(questions[a.entry]!.id, questions[b.entry]!.id))
    const top = scored.slice(0, SCORING.considered)
    const rated = top.map((s, k) => {
      const f = this.#features(s, k, top, q)
      return { s, p: linearScore(this.model.weights, featureVector(f)), f }
    })
    const p = toProbabilities(rated.map((r) => r.p))
    for (let k = 0; k < rated.length; k++) rated[k]!.p = p[k]!
    // The model weighs more than relevance (how much of the question the utterance covers, the lead):
    // among the considered candidates the more probable goes first. Stable: ties keep relevance order.
    return rated.sort((a, b) => b.p - a.p)
  }

  /** BM25F relevance of entry i, and how much of the utterance and of the entry each side explains. */
  #score (i: number, q: Query): Scored {
    const st = this.store
    const v0 = st.variantStart[i]!
    const v1 = st.variantStart[i + 1]!
    const cat = st.categoryOf[i]!
    const { field, b, k1 } = SCORING
    let relevance = 0
    let about = 0
    let answerOnly = 0
    let matchedTerms = 0
    let backward = 0
    let hit = 0
    const back = v1 - v0 <= 8 ? BACK_SCRATCH : new Float64Array(v1 - v0)
    back.fill(0, 0, v1 - v0)
    for (let j = 0; j < q.ids.length; j++) {
      const id = q.ids[j]!
      if (id < 0) continue
      let tq = 0
      for (let v = v0; v < v1; v++) {
        const at = find(st.variants.term, st.variants.start[v]!, st.variants.start[v + 1]!, id)
        if (at < 0) continue
        tq = Math.max(tq, norm(st.variants, v, at, b.question, st.avg.question))
        back[v - v0]! += st.variants.weight[at]!
      }
      const ca = find(st.categories.term, st.categories.start[cat]!, st.categories.start[cat + 1]!, id)
      const tc = ca < 0 ? 0 : norm(st.categories, cat, ca, b.category, st.avg.category)
      const aa = find(st.answers.term, st.answers.start[i]!, st.answers.start[i + 1]!, id)
      const ta = aa < 0 ? 0 : norm(st.answers, i, aa, b.answer, st.avg.answer)
      const tf = field.question * tq + field.category * tc + field.answer * ta
      if (tf === 0) continue
      hit |= q.wordBits[j]!
      relevance += q.idfs[j]! * q.weights[j]! * tf * (k1 + 1) / (k1 + tf)
      if (tq > 0 || tc > 0) {
        about += q.weights[j]!
        // A typo reading is a guess: an answer needs at least one term the customer typed.
        if (!q.typoOf[j]) matchedTerms++
      } else answerOnly += q.weights[j]!
    }
    for (let v = v0; v < v1; v++) {
      const mass = st.variants.mass[v]!
      if (mass > 0) backward = Math.max(backward, back[v - v0]! / mass)
    }
    let platform = 0
    const bits = st.platforms[i]!
    if (q.platforms && bits) {
      platform = bits & q.platforms ? 1 : -1
      relevance *= platform > 0 ? SCORING.platform.match : SCORING.platform.other
    }
    return { entry: i, relevance, about, answerOnly, backward: Math.min(1, backward), matchedTerms, platform, wordsHit: bitCount(hit) }
  }

  #features (s: Scored, k: number, top: Scored[], q: Query): Features {
    // The rival is the best other candidate that is not the same question (per-platform copies are not rivals).
    let rival = 0
    let crowd = 0
    for (let j = 0; j < top.length; j++) {
      if (j === k || this.#sameQuestion(top[j]!.entry, s.entry)) continue
      if (!rival) rival = top[j]!.relevance
      if (top[j]!.relevance >= s.relevance * SCORING.crowdShare) crowd++
    }
    const mass = q.mass || 1
    const coverage = Math.min(1, s.about / mass)
    return {
      relevance: q.maxRelevance > 0 ? Math.min(1, s.relevance / ((SCORING.k1 + 1) * q.maxRelevance)) : 0,
      coverage,
      // What the question explains is not explained again by the answer: with lexicon additions
      // (해지 + 탈퇴) and typo readings the two could add up to more than all that was said.
      answerOnly: Math.min(1 - coverage, s.answerOnly / mass),
      backward: s.backward,
      gap: q.maxRelevance > 0 ? (s.relevance - rival) / ((SCORING.k1 + 1) * q.maxRelevance) : 0,
      unseen: q.unseenMass / mass,
      length: Math.log1p(q.mass),
      mutual: coverage * s.backward,
      platform: s.platform,
      crowd: Math.log1p(crowd),
      size: Math.log1p(Math.min(this.#n, this.model.maxEntries ?? this.#n)),
      words: q.words ? Math.min(1, s.wordsHit / q.words) : 0,
      backWords: this.#questionWordShare(s.entry, q),
      foreign: q.foreign,
    }
  }

  /** Two entries ask the same question when their questions have the same terms. */
  #sameQuestion (a: number, b: number): boolean {
    const v = this.store.variants
    const va = this.store.variantStart[a]!
    const vb = this.store.variantStart[b]!
    const la = v.start[va + 1]! - v.start[va]!
    if (la !== v.start[vb + 1]! - v.start[vb]!) return false
    for (let k = 0; k < la; k++) if (v.term[v.start[va]! + k] !== v.term[v.start[vb]! + k]) return false
    return la > 0
  }

  #decide (q: Query, ranked: Array<{ s: Scored; p: number }>, th: Thresholds): { outcome: Outcome; shown: Array<{ s: Scored; p: number }>; offered?: number; reason: string } {
    if (!ranked[0]) return { outcome: 'none', shown: [], reason: q.ids.length ? 'no entry shares a term' : 'no searchable terms' }
    // The question itself, typed or sent by a list tap, is answered whatever its neighbours.
    const exact = ranked.slice(0, SCORING.maxChoices).findIndex((r) => this.#isQuestion(r.s.entry, q.typed))
    if (exact >= 0) {
      const shown = [ranked[exact]!, ...ranked.filter((_, k) => k !== exact)].slice(0, SCORING.maxChoices)
      return { outcome: 'answer', shown, reason: 'the utterance is the question' }
    }
    const top = ranked[0]
    const rival = ranked.slice(1).find((r) => !this.#sameQuestion(r.s.entry, top.s.entry))
    const lead = top.p - (rival?.p ?? 0)
    // Naming another company's service the FAQ never mentions asks about that service: however well
    // an entry of this FAQ fits the rest ("웨이브 로그인이 안돼요" and 로그인이 안 돼요), it is not answered.
    if (top.p >= th.answerMin && lead >= th.marginMin && top.s.matchedTerms >= th.minTerms && !q.foreign) {
      return { outcome: 'answer', shown: ranked.slice(0, SCORING.maxChoices), reason: 'confident' }
    }
    const floor = top.s.relevance * SCORING.choiceRelevanceShare
    // A list is worth showing when it probably holds the answer: the probabilities of its entries add
    // up to MATCH_CHOICES_MIN. Each entry needs SCORING.choiceMemberMin on its own (never padding):
    // "오픈채팅 신고 방법" fits three 오픈채팅 entries about equally, none alone likely enough.
    const listed = ranked.filter((r) => r.p >= SCORING.choiceMemberMin && r.s.relevance >= floor).slice(0, SCORING.maxChoices)
    const plausible = listed.reduce((sum, r) => sum + r.p, 0) >= th.choicesMin ? listed : []
    const why = top.p < th.answerMin
      ? `probability ${round(top.p)} below ${th.answerMin}`
      : lead < th.marginMin
        ? `lead ${round(lead)} over the runner-up below ${th.marginMin}`
        : top.s.matchedTerms < th.minTerms
          ? `matched terms ${top.s.matchedTerms} typed in question or category below ${th.minTerms}`
          : 'the utterance names another service, which no entry mentions'
    // The list offered, then the next-ranked entries up to three in all: not offered, but the ranking
    // (data.candidates, logs) still says where the answer stood when the list missed it.
    if (plausible.length) {
      const rest = ranked.filter((r) => !plausible.includes(r)).slice(0, Math.max(0, SCORING.nearMisses - plausible.length))
      return { outcome: 'choices', shown: [...plausible, ...rest], offered: plausible.length, reason: why }
    }
    // Not offered to users; kept for logs and the operator.
    return { outcome: 'none', shown: ranked.slice(0, SCORING.nearMisses), reason: `${why}; nothing plausible to offer` }
  }

  #isQuestion (i: number, rewritten: string): boolean {
    return this.#forms(i).includes(rewritten)
  }

  /** The entry's question variants (questionVariants) as rewritten: once, the first time it is a candidate (not at build: 100k entries). */
  #forms (i: number): string[] {
    let forms = this.#questionForms[i]
    if (!forms) {
      const e = this.corpus.entries[i]!
      forms = this.#questionForms[i] = questionVariants(e).map((text) => this.synonyms.apply(normalize(text)).text)
    }
    return forms
  }

  /**
   * Per question variant: its terms as sorted term ids with each one's word bits, and its number of
   * words; made the first time the entry is rated (looked up by binary search, like the store's slices).
   */
  #variantWords (i: number): VariantWords[] {
    let v = this.#questionWords[i]
    if (!v) {
      v = this.#questionWords[i] = this.#forms(i).map((text) => {
        const { wordBits, words } = queryTermsByWord(text)
        const known = [...wordBits].flatMap(([term, bits]) => {
          const id = this.#ids.get(term)
          return id === undefined ? [] : [[id, bits] as const]
        }).sort((a, b) => a[0] - b[0])
        return { ids: Int32Array.from(known, (k) => k[0]), bits: Int32Array.from(known, (k) => k[1]), words }
      })
    }
    return v
  }

  /** The best question variant's share of words holding a term of the utterance. */
  #questionWordShare (i: number, q: Query): number {
    let best = 0
    for (const { ids, bits, words } of this.#variantWords(i)) {
      if (!words) continue
      let hit = 0
      for (let j = 0; j < q.ids.length; j++) {
        const at = q.ids[j]! < 0 ? -1 : find(ids, 0, ids.length, q.ids[j]!)
        if (at >= 0) hit |= bits[at]!
      }
      best = Math.max(best, Math.min(1, bitCount(hit) / words))
    }
    return best
  }

  #candidate (s: Scored, p: number): Candidate {
    const e = this.corpus.entries[s.entry]!
    return { faqId: e.id, question: e.question, score: round(p) }
  }

  /** Query terms the entry holds (any field). */
  #matched (i: number, q: Query): string[] {
    const st = this.store
    const out: string[] = []
    const cat = st.categoryOf[i]!
    for (let j = 0; j < q.ids.length; j++) {
      const id = q.ids[j]!
      if (id < 0) continue
      let hit = find(st.answers.term, st.answers.start[i]!, st.answers.start[i + 1]!, id) >= 0 ||
        find(st.categories.term, st.categories.start[cat]!, st.categories.start[cat + 1]!, id) >= 0
      for (let v = st.variantStart[i]!; !hit && v < st.variantStart[i + 1]!; v++) {
        hit = find(st.variants.term, st.variants.start[v]!, st.variants.start[v + 1]!, id) >= 0
      }
      if (hit) out.push(q.strings[j]!)
    }
    return out
  }
}

/** `own` plus the terms of each of `added`, each term at its strongest weight (a new map). */
function withTerms (own: Map<string, number>, added: string[]): Map<string, number> {
  const out = new Map(own)
  for (const text of added) {
    for (const [term, w] of queryTerms(text)) if ((out.get(term) ?? 0) < w) out.set(term, w)
  }
  return out
}

/** How many bits are set: the words a set of word bits names. */
function bitCount (bits: number): number {
  let n = 0
  for (; bits; bits &= bits - 1) n++
  return n
}

const BACK_SCRATCH = new Float64Array(8)

/** What may follow a service's name in the same word (normalized): particles, and 앱 as the lexicon rewrites it (배민앱, 티빙에서도). */
const AFTER_NAME: ReadonlySet<string> = new Set(['이', '가', '은', '는', '을', '를', '에', '의', '도', '만', '로', '와', '과', '랑', '이랑', '으로', '에서', '에선', '에도', '에서도', '처럼', '이나', '나', '라는', '이라는', '꺼', '거', '건', '껀', '쪽', '측', '같은', '보다', '애플리케이션'].map((x) => normalize(x)))
const AFTER_NAME_LONGEST = Math.max(...[...AFTER_NAME].map((x) => x.length))

/** BM25 length-normalized term frequency of the term at `at` in slice k. */
function norm (f: FieldSlices, k: number, at: number, b: number, avg: number): number {
  return f.tf[at]! / (1 - b + (b * f.length[k]!) / avg)
}

function platformNames (bits: number): string[] {
  const out: string[] = []
  if (bits & 1) out.push('ios')
  if (bits & 2) out.push('android')
  if (bits & 4) out.push('pc')
  return out
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const round = (x: number) => Math.round(x * 1000) / 1000
function roundAll (f: Features): Features {
  const out = { ...f }
  for (const k of Object.keys(out) as Array<keyof Features>) out[k] = round(out[k])
  return out
}
