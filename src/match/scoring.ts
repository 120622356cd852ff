// Every tuned number of the matcher, in one place. Each was chosen with `faq-skill eval` on our
// own labelled corpora (data/eval/), checked against the MiniSearch-bigram baseline, and kept only
// when it helped on more than one corpus. The decision thresholds are probabilities and live in
// thresholds.ts; the confidence model's weights live in data/match-model.json.
export const SCORING = {
  /** Weight of a query term by kind. A bigram inside a word is the unit of evidence. */
  term: {
    bigram: 1,
    /** A bigram that spans a word's stem and its particle/ending ("증이" in 학생증이): grammar, mostly. */
    glue: 0.3,
    /** A bigram across a space ("오픈 채팅" → 픈채): word order and spacing vary. */
    cross: 0.2,
    /** A whole stem of 3+ syllables (비밀번호) or 1 syllable (앱, 폰): a word matched whole. */
    stem: 0.6,
    /** A Latin word or a number, matched whole (kvs, pc, 1대1). */
    latin: 1,
    /** A term one jamo away from a query term no entry contains (채탕 → 채팅), per candidate term. */
    typo: 0.6,
  },
  /** BM25F field weights: what the question says counts most; the answer mostly proposes. */
  field: { question: 1, category: 0.35, answer: 0.25 },
  /** BM25 length normalization per field (0 = none, 1 = full). */
  b: { question: 0.5, category: 0.3, answer: 0.75 },
  /** BM25 term-frequency saturation. Small: a term said twice in an FAQ says little more. */
  k1: 0.6,
  /**
   * A platform word (iOS, 안드로이드, PC ...) states a preference: an entry of that platform gets
   * its relevance times `match`, an entry of only other platforms times `other`.
   */
  platform: { match: 1.15, other: 0.6 },
  /**
   * Candidates FlexSearch proposes per field index, how many query terms are sent (rarest first),
   * and how many of an answer's rarest content terms propose its entry (the answer index is for
   * questions that only paraphrase the answer; its common words would propose every entry).
   * A query term more than max(commonMin, commonShare × entries) entries hold is not sent unless it
   * is the rarest one (it still counts in the relevance of the candidates the others find).
   */
  candidates: { perIndex: 40, queryTerms: 8, answerTerms: 16, commonShare: 0.02, commonMin: 1000 },
  /** At most this many typo readings per unseen bigram (more are guesses that add noise). */
  typoReadings: 2,
  /**
   * Candidates the confidence model rates together and ranks by probability (the rest are far below
   * the top). With candidates rated one at a time, 8 let a far candidate the model overrated jump into
   * the first three; rated together (model.ts) a far one takes little probability, and 8 against 6
   * found a few more right entries among many similar ones (paraphrase set, 1,490 entries: top-1 65.2
   * -> 65.5 %; insurer fit half 76.8 -> 77.4 %; shop check accuracy 52.1 -> 54.2 %). At 10 our Kakao
   * lines lost an answer.
   */
  considered: 8,
  /** An entry within this share of a candidate's relevance counts in that candidate's `crowd` feature. */
  crowdShare: 0.9,
  /** At most this many choices are offered (a KakaoTalk list card holds five). */
  maxChoices: 5,
  /**
   * Candidates a result without an answer keeps for logs and data (a 'none', or a list of choices
   * filled up after its offered entries): where the right entry stood, never shown to users.
   */
  nearMisses: 3,
  /**
   * Least probability for an entry to be in a list of choices (whether a list is offered at all is
   * MATCH_CHOICES_MIN, on the list's summed probability): below it an entry is padding.
   */
  choiceMemberMin: 0.1,
  /** A candidate is only offered when its relevance is at least this share of the top's. */
  choiceRelevanceShare: 0.35,
} as const
