import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createMatcher, type KoreanMatcher } from '../src/match/index.js'
import { Synonyms } from '../src/match/synonyms.js'
import type { FaqCorpus } from '../src/faq/schema.js'
import { projectRoot } from '../src/paths.js'
import { build, payload, responseErrors } from './helpers.js'

const corpusFile = join(projectRoot, 'test', 'data', 'match-corpus.json')
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as FaqCorpus
const synonymsFile = join(projectRoot, 'data', 'synonyms.json')
const matcher = (await createMatcher(corpus, { synonymsFile })) as KoreanMatcher

const top = (u: string) => matcher.match(u).candidates[0]?.faqId

t.test('paraphrases, particles, spacing and one-syllable typos find the entry', async (t) => {
  t.equal(top('내 오픈채팅방 검색이 안돼요'), 't-open-search')
  t.equal(top('오픈 채팅방이 검색 결과에 안 나와요'), 't-open-search')
  t.equal(top('오픈채팅방검색안됨'), 't-open-search', 'no spaces at all')
  t.equal(top('오픈채탕 이용제한 사유'), 't-open-limit', 'typo 채탕')
  t.equal(top('톡학생증의 학적정보를 어디서 가져와요'), 't-student')
  t.equal(top('톡학생중 학적정보'), 't-student', 'typo 학생중')
  t.equal(matcher.match('톡학생증 학적정보 어디서 가져오나요').outcome, 'answer')
})

t.test('synonyms apply to the utterance and the corpus alike', async (t) => {
  const r = matcher.explain('카톡 비번 까먹었어요')
  t.same(r.explain.synonyms.map((s) => s.from), ['카톡', '비번'])
  t.equal(r.result.candidates[0]?.faqId, 't-password')
  t.equal(top('프사 바꾸는 법'), 't-profile-photo')
  t.equal(top('오픈톡 이용제한 사유'), 't-open-limit')
  // A corpus written with slang is found by the canonical word too.
  const slangCorpus: FaqCorpus = { version: 1, entries: [{ ...corpus.entries[3]!, id: 'slang', question: '카톡 비번을 잊어버렸어요' }, corpus.entries[0]!] }
  const m = (await createMatcher(slangCorpus, { synonymsFile })) as KoreanMatcher
  t.equal(m.match('카카오톡 비밀번호를 잊어버렸어요').candidates[0]?.faqId, 'slang')
  t.equal(m.match('카카오톡 비밀번호를 잊어버렸어요').outcome, 'answer')
  // Without the dictionary the slang does not bridge: the rewrite is what does it.
  const bare = new (m.constructor as typeof KoreanMatcher)(slangCorpus, new Synonyms())
  t.not(bare.match('카카오톡 비밀번호').outcome, 'answer')
})

t.test('out-of-domain utterances are not answered', async (t) => {
  for (const u of ['오늘 날씨 어때?', '카카오페이 송금 취소하는 법', '멜론 이용권 해지', '안녕', 'ㅋㅋㅋㅋ', 'asdfgh', '점심 메뉴 추천해줘', '카카오T 택시 호출']) {
    t.not(matcher.match(u).outcome, 'answer', u)
  }
  t.same(matcher.match('   ').candidates, [])
})

t.test('scores are in 0..1, ranked, and the same input always gets the same result', async (t) => {
  const u = '오픈채팅 검색이 안 돼요'
  const first = matcher.match(u)
  for (let i = 0; i < 5; i++) t.same(matcher.match(u), first)
  const scores = first.candidates.map((c) => c.score)
  t.ok(scores.every((s) => s >= 0 && s <= 1))
  t.same(scores, [...scores].sort((a, b) => b - a))
  // Entry order in the corpus does not matter.
  const reversed = (await createMatcher({ ...corpus, entries: [...corpus.entries].reverse() }, { synonymsFile })) as KoreanMatcher
  t.same(reversed.match(u).candidates.map((c) => [c.faqId, c.score]), first.candidates.map((c) => [c.faqId, c.score]))
})

t.test('a platform word prefers that platform’s entry', async (t) => {
  t.equal(top('아이폰 대화 백업 방법'), 't-backup-ios')
  t.equal(top('갤럭시 대화 백업 방법'), 't-backup-android')
  t.equal(top('안드로이드에서 대화 백업'), 't-backup-android')
  // Without a platform word both variants are near-duplicates, not rivals: it still answers.
  const r = matcher.match('대화 내용 백업은 어떻게 하나요')
  t.equal(r.outcome, 'answer')
})

t.test('several plausible entries give choices (2–5)', async (t) => {
  const r = matcher.match('오픈채팅')
  t.equal(r.outcome, 'choices')
  t.ok(r.candidates.length >= 2 && r.candidates.length <= 5)
  t.same(new Set(r.candidates.slice(0, 2).map((c) => c.faqId)), new Set(['t-open-search', 't-open-limit']))
})

t.test('a very short utterance needs enough matched bigrams to be answered', async (t) => {
  const m = (await createMatcher(corpus, { synonymsFile, thresholds: { minTerms: 3 } })) as KoreanMatcher
  t.equal(matcher.match('학적정보').outcome, 'answer')
  t.not(m.match('학적').outcome, 'answer')
})

t.test('thresholds come from config through the HTTP skill', async (t) => {
  const u = '톡학생증 학적정보 어디서 가져오나요'
  const normal = await build(t, { FAQ_FILE: corpusFile })
  const a = (await normal.inject({ method: 'POST', url: '/skills/faq', payload: payload(u) })).json()
  t.same(responseErrors(a), [])
  t.equal(a.data.outcome, 'answer')
  t.equal(a.data.faqId, 't-student')
  t.ok(a.data.score > 0 && a.data.score <= 1)
  t.ok(Array.isArray(a.data.candidates) && a.data.candidates[0].faqId === 't-student')

  const strict = await build(t, { FAQ_FILE: corpusFile, MATCH_ANSWER_MIN: '0.99' })
  const b = (await strict.inject({ method: 'POST', url: '/skills/faq', payload: payload(u) })).json()
  t.same(responseErrors(b), [])
  t.not(b.data.outcome, 'answer')
  t.equal(b.data.candidates[0].faqId, 't-student')
})

t.test('a bad threshold value stops config loading with the variable named', async (t) => {
  const { loadConfig, thresholdsOf } = await import('../src/config.js')
  t.throws(() => loadConfig({ MATCH_ANSWER_MIN: 'high' }), /MATCH_ANSWER_MIN/)
  t.throws(() => loadConfig({ MATCH_MARGIN_MIN: '2' }), /MATCH_MARGIN_MIN/)
  t.same(thresholdsOf(loadConfig({ MATCH_ANSWER_MIN: '0.4', MATCH_MIN_TERMS: '3' })), { answerMin: 0.4, marginMin: 0.05, choicesMin: 0.2, minTerms: 3 })
})

t.test('particles, long questions and lone syllables: the general rules behind the answer', async (t) => {
  // The bundled corpus: IDF needs a corpus of realistic size to mean anything.
  const c = JSON.parse(readFileSync(join(projectRoot, 'data', 'faq.json'), 'utf8')) as FaqCorpus
  const m = (await createMatcher(c, { synonymsFile })) as KoreanMatcher
  const idOf = (part: string) => c.entries.find((e) => e.question.includes(part))?.id
  const answers = (u: string, part: string) => {
    const r = m.match(u)
    t.equal(r.outcome, 'answer', u)
    t.equal(r.candidates[0]?.faqId, idOf(part), u)
  }
  // "배포가" vs "배포란": particle bigrams no entry has do not pull the definition below threshold,
  // though another entry also names 배포.
  answers('배포가 뭔가요', '배포란')
  // Two of the utterance's words in a long question cover it ("유료" is 금액 through the dictionary)...
  answers('챗봇 유료로 운영해도 되나요', '금액 지불')
  // ...one shared word does not: a topic is not a question.
  t.not(m.match('이모티콘 환불하고 싶어요').outcome, 'answer')
  t.not(m.match('오픈채팅방 만드는 방법 알려주세요').outcome, 'answer')
  // A lone syllable matches inside the entry's words instead of counting as unmatched content.
  t.ok(m.explain('톡 학생증 학적정보').explain.scored[0]!.matched.includes('톡'))
})
