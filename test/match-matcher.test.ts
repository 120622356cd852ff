import t from 'tap'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMatcher, fitConfidenceModel, restoreMatcher, snapshotMatcher } from '../src/match/index.js'
import type { FaqCorpus, FaqEntry } from '../src/faq/schema.js'
import { projectRoot } from '../src/paths.js'
import { withoutAsides } from '../src/match/store.js'
import { build, payload, responseErrors } from './helpers.js'

const corpusFile = join(projectRoot, 'test', 'data', 'match-corpus.json')
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as FaqCorpus
const synonymsFile = join(projectRoot, 'data', 'synonyms.json')
const matcher = await createMatcher(corpus, { synonymsFile })

const top = (u: string) => matcher.match(u).candidates[0]?.faqId
const entry = (id: string, question: string, answer: string, extra: Partial<FaqEntry> = {}): FaqEntry => ({ id, category: [], question, alternates: [], answer, platforms: [], links: [], ...extra })

t.test('paraphrases, particles, spacing and one-syllable typos find the entry', async (t) => {
  t.equal(top('내 오픈채팅방 검색이 안돼요'), 't-open-search')
  t.equal(top('오픈 채팅방이 검색 결과에 안 나와요'), 't-open-search')
  t.equal(top('오픈채팅방검색안됨'), 't-open-search', 'no spaces at all')
  t.equal(top('오픈채탕 이용제한 사유'), 't-open-limit', 'typo 채탕')
  t.equal(top('톡학생증의 학적정보를 어디서 가져와요'), 't-student')
  t.equal(top('톡학생중 학적정보'), 't-student', 'typo 학생중')
  t.equal(matcher.match('톡학생증 학적정보 어디서 가져오나요').outcome, 'answer')
})

t.test('Korean as people type it: a jamo typo, Korean typed on an English keyboard', async (t) => {
  t.equal(top('학젹정보 어디서 가져와요'), 't-student', '학젹 is read as 학적 (one jamo away)')
  const x = matcher.explain('dhvmscoxld 검색이 안 돼요')
  t.same(x.keyboard.map((k) => k.from), ['dhvmscoxld'])
  t.equal(x.candidates[0]?.faqId, 't-open-search')
  t.equal(top('kvs'), 't-kvs', 'a Latin word the corpus knows stays Latin')
})

t.test('the answer text proposes candidates: a question only the answer words is still found', async (t) => {
  t.equal(top('증명서 발급 대행기관'), 't-student')
  t.equal(top('부적절한 단어 태그'), 't-open-search')
})

t.test('synonyms apply to the utterance and the corpus alike', async (t) => {
  const r = matcher.explain('카톡 비번 까먹었어요')
  t.same(r.synonyms.map((s) => s.from), ['카톡', '비번'])
  t.equal(r.candidates[0]?.faqId, 't-password')
  t.equal(top('프사 바꾸는 법'), 't-profile-photo')
  t.equal(top('오픈톡 이용제한 사유'), 't-open-limit')
  const slangCorpus: FaqCorpus = { version: 1, entries: [{ ...corpus.entries[3]!, id: 'slang', question: '카톡 비번을 잊어버렸어요' }, corpus.entries[0]!] }
  const m = await createMatcher(slangCorpus, { synonymsFile })
  t.equal(m.match('카카오톡 비밀번호를 잊어버렸어요').candidates[0]?.faqId, 'slang')
  t.equal(m.match('카카오톡 비밀번호를 잊어버렸어요').outcome, 'answer')
})

t.test('out-of-domain utterances and chit-chat are not answered, and chit-chat gets no choices', async (t) => {
  for (const u of ['오늘 날씨 어때?', '카카오페이 송금 취소하는 법', '멜론 이용권 해지', '안녕', 'ㅋㅋㅋㅋ', 'asdfgh', '점심 메뉴 추천해줘', '카카오T 택시 호출']) {
    t.not(matcher.match(u).outcome, 'answer', u)
  }
  for (const u of ['헤어진지 한달 됐어', '오늘 너무 피곤하다', '점심 뭐 먹지']) t.equal(matcher.match(u).outcome, 'none', u)
  t.same(matcher.match('   ').candidates, [])
})

t.test('score is a probability: in 0..1, the top candidate’s, deterministic, independent of corpus order', async (t) => {
  const u = '오픈채팅 검색이 안 돼요'
  const first = matcher.match(u)
  for (let i = 0; i < 5; i++) t.same(matcher.match(u), first)
  t.equal(first.score, first.candidates[0]!.score)
  t.ok(first.candidates.every((c) => c.score >= 0 && c.score <= 1))
  // One utterance's candidates share one probability (at most one is the answer; the rest is "none").
  for (const v of [u, '오픈채팅', '대화 백업', '헤어진지 한달 됐어']) {
    const sum = matcher.explain(v).ranked.reduce((a, r) => a + r.score, 0)
    t.ok(sum <= 1.005, `${v}: ${sum}`)
  }
  const reversed = await createMatcher({ ...corpus, entries: [...corpus.entries].reverse() }, { synonymsFile })
  t.same(reversed.match(u), first)
})

t.test('a two-entry corpus answers a plain paraphrase: thresholds do not depend on corpus size', async (t) => {
  const tiny: FaqCorpus = { version: 1, entries: [entry('refund', '환불은 어떻게 하나요?', '주문 내역에서 환불 신청을 눌러 주세요.'), entry('ship', '배송은 얼마나 걸리나요?', '보통 2~3일 걸립니다.')] }
  const m = await createMatcher(tiny, { synonymsFile })
  const r = m.match('환불 받고 싶어요')
  t.equal(r.outcome, 'answer')
  t.equal(r.candidates[0]?.faqId, 'refund')
  t.equal(m.match('헤어진지 한달 됐어').outcome, 'none')
  // Also when the other entry shares the topic word: the question that is about refunds wins.
  const close: FaqCorpus = { version: 1, entries: [tiny.entries[0]!, entry('account', '환불 계좌를 바꾸고 싶어요', '마이페이지에서 바꿀 수 있어요.')] }
  const c = await createMatcher(close, { synonymsFile })
  t.match(c.match('환불 받고 싶어요'), { outcome: 'answer', candidates: [{ faqId: 'refund' }] })
})

t.test('naming another company’s service the FAQ never mentions is not answered; naming one it mentions is', async (t) => {
  const shop: FaqCorpus = {
    version: 1,
    entries: [
      entry('refund', '환불은 어떻게 하나요?', '주문 내역에서 환불 신청을 눌러 주세요.'),
      entry('login', '로그인이 안 돼요', '비밀번호를 재설정해 주세요.'),
      entry('pay', '결제 수단은 무엇이 있나요?', '카드와 계좌이체, 배민페이를 쓸 수 있어요.'),
    ],
  }
  const m = await createMatcher(shop, { synonymsFile })
  t.match(m.match('로그인이 안 돼요'), { outcome: 'answer', candidates: [{ faqId: 'login' }] }, 'the baseline: answered')
  for (const u of ['티빙 로그인이 안 돼요', '넷플릭스에서 환불은 어떻게 하나요', '요기요앱 로그인이 안 돼요']) {
    const x = m.explain(u)
    t.not(x.outcome, 'answer', u)
    t.equal(x.ranked[0]?.features.foreign, 1, `${u}: foreign`)
  }
  t.match(m.explain('티빙 로그인이 안 돼요'), { reason: /another service/ })
  // 배민페이 in an answer: the corpus mentions 배민, so a customer naming it may be asking this FAQ.
  t.equal(m.explain('배민 로그인이 안 돼요').ranked[0]?.features.foreign, 0)
  // A word that only starts like a service is not one.
  t.equal(m.explain('웨이브펌 하고 로그인이 안 돼요').ranked[0]?.features.foreign, 0, '웨이브펌 is not 웨이브')
  // Once an entry mentions the service, the customer may well be asking this FAQ about it.
  const mentions = await createMatcher({ version: 1, entries: [...shop.entries, entry('tving', '티빙 이용권도 환불되나요?', '티빙 이용권은 티빙 고객센터에서 환불해 주세요.')] }, { synonymsFile })
  t.equal(mentions.explain('티빙 로그인이 안 돼요').ranked[0]?.features.foreign, 0)
  t.match(mentions.match('티빙 이용권 환불되나요'), { outcome: 'answer', candidates: [{ faqId: 'tving' }] })
})

t.test('the operator’s SYNONYMS_FILE may add services, one-way terms and fillers to the shipped lexicon', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faq-lexicon-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'synonyms.json')
  writeFileSync(file, JSON.stringify({ 대출: ['융자'], _services: [['누리은행', '누리뱅크']], _oneWay: { 희망론: ['서민 대출'] }, _fillers: ['흐음'] }))
  const bank: FaqCorpus = { version: 1, entries: [entry('loan', '대출 한도는 어떻게 정해지나요?', '소득과 신용점수로 정해집니다.'), entry('card', '카드를 잃어버렸어요', '앱에서 분실 신고를 해 주세요.')] }
  const m = await createMatcher(bank, { synonymsFile: file })
  t.match(m.match('융자 한도 알려주세요'), { outcome: 'answer', candidates: [{ faqId: 'loan' }] }, 'a group of the file')
  const other = m.explain('누리뱅크 대출 한도 알려주세요')
  t.equal(other.ranked[0]?.features.foreign, 1, 'a service of the file')
  t.not(other.outcome, 'answer')
  t.ok(m.explain('서민 대출 받을 수 있어요').expansions.includes('희망론'), 'a one-way entry of the file')
  t.notOk(m.explain('흐음 대출 한도').rewritten.includes('흐음'), 'a filler of the file')
  // The shipped lexicon still applies beside the file.
  t.equal(m.explain('티빙 대출 한도').ranked[0]?.features.foreign, 1)
})

t.test('a platform word prefers that platform’s entry', async (t) => {
  t.equal(top('아이폰 대화 백업 방법'), 't-backup-ios')
  t.equal(top('갤럭시 대화 백업 방법'), 't-backup-android')
  t.equal(top('안드로이드에서 대화 백업'), 't-backup-android')
  // Without a platform word the per-platform copies are one question, not rivals: it still answers.
  t.equal(matcher.match('대화 내용 백업은 어떻게 하나요').outcome, 'answer')
})

t.test('choices hold only plausible entries, never padding', async (t) => {
  // Two 오픈채팅 entries fit about equally; nothing else shares more than a syllable.
  const r = matcher.match('오픈채팅 문제', { answerMin: 0.999, choicesMin: 0.05 })
  t.equal(r.outcome, 'choices')
  const offered = r.candidates.slice(0, r.offered)
  const ids = offered.map((c) => c.faqId)
  t.ok(ids.includes('t-open-limit') && ids.includes('t-open-search'), ids.join(','))
  t.ok(ids.every((id) => id.startsWith('t-open')), 'nothing unrelated is offered')
  t.ok(offered.every((c) => c.score >= 0.05))
  // After the offered ones, the ranking goes on to three candidates (for logs and data, never offered).
  t.equal(r.candidates.length, Math.max(3, offered.length))
  t.ok(r.candidates.slice(r.offered).every((c) => !ids.includes(c.faqId)))
})

t.test('explain builds on match: the same outcome, plus features and the trail', async (t) => {
  const u = '톡 학생증 학적정보'
  const x = matcher.explain(u)
  const r = matcher.match(u)
  t.same({ outcome: x.outcome, candidates: x.candidates, score: x.score }, r)
  t.equal(x.ranked[0]!.faqId, 't-student')
  t.ok(x.ranked[0]!.features.coverage > 0.5)
  t.ok(x.terms.length > 0 && x.reason)
})

t.test('thresholds come from config through the HTTP skill', async (t) => {
  const u = '톡학생증 학적정보 어디서 가져오나요'
  const normal = await build(t, { FAQ_FILE: corpusFile })
  const a = (await normal.inject({ method: 'POST', url: '/skills/faq', payload: payload(u) })).json()
  t.same(responseErrors(a), [])
  t.equal(a.data.outcome, 'answer')
  t.equal(a.data.faqId, 't-student')
  t.ok(a.data.score > 0 && a.data.score <= 1)
  // A probability of 1 is never reached by a paraphrase: nothing is answered.
  const strict = await build(t, { FAQ_FILE: corpusFile, MATCH_ANSWER_MIN: '1' })
  const b = (await strict.inject({ method: 'POST', url: '/skills/faq', payload: payload('학적') })).json()
  t.same(responseErrors(b), [])
  t.not(b.data.outcome, 'answer')
})

t.test('a bad threshold value stops config loading with the variable named', async (t) => {
  const { loadConfig, thresholdsOf } = await import('../src/config.js')
  t.throws(() => loadConfig({ MATCH_ANSWER_MIN: 'high' }), /MATCH_ANSWER_MIN/)
  t.throws(() => loadConfig({ MATCH_MARGIN_MIN: '2' }), /MATCH_MARGIN_MIN/)
  t.match(thresholdsOf(loadConfig({ MATCH_ANSWER_MIN: '0.4', MATCH_MIN_TERMS: '3' })), { answerMin: 0.4, minTerms: 3 })
})

t.test('snapshot and restore: the same matcher, and a snapshot of anything else is refused', async (t) => {
  const bytes = await snapshotMatcher(matcher)
  const restored = await restoreMatcher(corpus, bytes, { synonymsFile })
  for (const u of ['카톡 비번 까먹었어요', '오픈채팅', '아이폰 대화 백업 방법', '오늘 날씨']) t.same(restored.match(u), matcher.match(u), u)
  const other: FaqCorpus = { version: 1, entries: corpus.entries.slice(1) }
  await t.rejects(restoreMatcher(other, bytes, { synonymsFile }), /another corpus/)
  await t.rejects(restoreMatcher(corpus, bytes), /another corpus, synonyms/, 'other synonyms')
  const bumped = Uint8Array.from(bytes)
  const text = Buffer.from(bumped).toString('latin1').replace(/"format":\d+/, '"format":9')
  await t.rejects(restoreMatcher(corpus, Buffer.from(text, 'latin1'), { synonymsFile }), /format 9/)
  await t.rejects(restoreMatcher(corpus, new Uint8Array(3), { synonymsFile }), /rejected/)
})

t.test('a cooperative build gives the same matcher', async (t) => {
  const sliced = await createMatcher(corpus, { synonymsFile, sliceMs: 0 })
  for (const u of ['카톡 비번 까먹었어요', '오픈채팅']) t.same(sliced.match(u), matcher.match(u), u)
})

t.test('fitConfidenceModel is deterministic and learns right from wrong', async (t) => {
  const cases = [
    { utterance: '오픈채팅방 검색이 안 돼요', expect: ['검색결과'] },
    { utterance: '학적정보 어디서 가져와요', expect: ['학적정보'] },
    { utterance: '비번 까먹음', expect: ['비밀번호'] },
    { utterance: '대화 백업', expect: ['백업'] },
    { utterance: '오늘 날씨 어때', expect: [] },
    { utterance: '카카오페이 송금', expect: [] },
  ]
  const sets = [{ name: 'a', matcher, cases }, { name: 'b', matcher, cases: cases.slice(2) }]
  const model = fitConfidenceModel(sets)
  t.same(fitConfidenceModel(sets), model)
  t.equal(model.weights.length, model.features.length + 1)
  t.ok(model.weights.every(Number.isFinite))
  t.throws(() => fitConfidenceModel([]), /no labelled sets/)
  t.equal(model.maxEntries, corpus.entries.length, 'the largest corpus fitted on is recorded')
})

t.test('the corpus-size prior is held at the largest corpus the model was fitted on', async (t) => {
  // A model fitted on corpora of up to 2 entries sees this corpus as if it had 2: its size feature is
  // not carried beyond the fitted range, so the same top is rated as it would be among 2 entries.
  const { mkdtempSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const dir = mkdtempSync(join(tmpdir(), 'faq-size-'))
  const shipped = JSON.parse(readFileSync(join(projectRoot, 'data', 'match-model.json'), 'utf8')) as Record<string, unknown>
  const file = (name: string, maxEntries?: number) => {
    writeFileSync(join(dir, name), JSON.stringify({ ...shipped, maxEntries }))
    return join(dir, name)
  }
  const capped = await createMatcher(corpus, { synonymsFile, modelFile: file('capped.json', 2) })
  const free = await createMatcher(corpus, { synonymsFile, modelFile: file('free.json') })
  const u = '오픈채팅방 검색이 안 돼요'
  const top = (m: typeof matcher) => m.explain(u).ranked[0]!
  // explain() shows features rounded to 3 places.
  t.ok(Math.abs(top(capped).features.size - Math.log1p(2)) < 1e-3, 'size as if 2 entries')
  t.ok(Math.abs(top(free).features.size - Math.log1p(corpus.entries.length)) < 1e-3, 'size of the corpus without a cap')
  t.ok((shipped.weights as number[])[(shipped.features as string[]).indexOf('size') + 1]! < 0, 'the shipped model lowers confidence with size')
  t.ok(top(capped).score > top(free).score, 'held at 2 entries, the same top is more probable')
  // Refitting through a matcher whose model holds the size at 2 still learns from the real size.
  const cases = [{ utterance: u, expect: ['검색결과'] }, { utterance: '학적정보 어디서 가져와요', expect: ['학적정보'] }, { utterance: '오늘 날씨 어때', expect: [] }]
  const refit = fitConfidenceModel([{ name: 'capped', matcher: capped, cases }])
  t.equal(refit.maxEntries, corpus.entries.length, 'the corpus size, not the cap, is recorded')
  const { choicesOf } = await import('../src/match/fit.js')
  const size = matcher.model.features.indexOf('size')
  t.ok(choicesOf({ name: 'capped', matcher: capped, cases }).every((c) => c.xs.every((x) => x[size] === Math.log1p(corpus.entries.length))), 'fitted on the real size')
})

t.test('faq-skill eval --fit writes a model the matcher reads through MATCH_MODEL_FILE', async (t) => {
  const { mkdtempSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { run } = await import('../src/cli/eval.js')
  const dir = mkdtempSync(join(tmpdir(), 'faq-fit-'))
  const lines = join(dir, 'lines.jsonl')
  const out = join(dir, 'model.json')
  writeFileSync(lines, ['{"utterance": "학적정보 어디서 가져와요", "expect": ["학적정보"]}', '{"utterance": "카톡 비번 잊어버림", "expect": ["비밀번호"]}', '{"utterance": "오픈채팅방 검색 안됨", "expect": ["검색결과"]}', '{"utterance": "오늘 날씨 어때", "expect": []}', '{"utterance": "카카오페이 송금", "expect": []}'].join('\n'))
  const saved = process.env.FAQ_FILE
  process.env.FAQ_FILE = corpusFile
  t.teardown(() => {
    if (saved === undefined) delete process.env.FAQ_FILE
    else process.env.FAQ_FILE = saved
  })
  const log = console.log
  console.log = () => {}
  try {
    t.equal(await run(['--fit', lines, '--out', out]), 0)
  } finally {
    console.log = log
  }
  const m = await createMatcher(corpus, { synonymsFile, modelFile: out })
  t.equal(m.match('톡학생증 학적정보 어디서 가져오나요').candidates[0]?.faqId, 't-student')
  writeFileSync(out, '{"version": 2, "features": ["x"], "weights": [1, 2]}')
  await t.rejects(createMatcher(corpus, { synonymsFile, modelFile: out }), /features must be/)
  // A model of the first kind (each candidate rated alone) would give probabilities of another scale.
  writeFileSync(out, '{"version": 1, "features": [], "weights": [1]}')
  await t.rejects(createMatcher(corpus, { synonymsFile, modelFile: out }), /version 1 model .*refit/)
})

t.test('a question is also asked without its bracketed aside', async (t) => {
  t.equal(withoutAsides('KVS(Kakao Voice Service)는 무엇인가요?'), 'KVS는 무엇인가요?')
  t.equal(withoutAsides('요금 (부가세 포함) 안내'), '요금 안내')
  t.equal(withoutAsides('앱플레이어(에뮬레이터)로 해도 되나요?'), '앱플레이어로 해도 되나요?')
  t.equal(withoutAsides('비밀번호를 잊어버렸어요'), undefined, 'no aside: no extra variant')
  t.equal(withoutAsides('(공지)'), undefined, 'nothing left: no extra variant')
  // The whole short question is covered once the aside's words no longer count against it.
  const entry = (id: string, question: string, answer: string): FaqEntry => ({ id, category: ['채널'], question, alternates: [], answer, platforms: [], links: [] })
  const small = await createMatcher({
    version: 1,
    entries: [
      entry('kvs', 'KVS(Kakao Voice Service)는 무엇인가요?', '음성으로 대화하는 서비스입니다.'),
      entry('deploy', '배포란 무엇인가요?', '저장한 내용을 서비스에 반영하는 기능입니다.'),
      entry('block', '블록은 어떻게 만드나요?', '시나리오에서 블록 추가를 누릅니다.'),
    ],
  }, { synonymsFile })
  const top = small.explain('KVS가 뭔가요').ranked[0]!
  t.equal(top.faqId, 'kvs')
  t.ok(top.features.backward > 0.8, `backward ${top.features.backward}: the bracket-free variant is covered`)
  // The aside stays searchable: its words still find the entry.
  t.equal(small.explain('kakao voice service').ranked[0]?.faqId, 'kvs')
})

t.test('typo readings only for a word one typo away: not for a word the corpus does not have', async (t) => {
  const readings = (u: string) => matcher.explain(u).terms.filter((x) => x.typoOf).map((x) => `${x.typoOf}→${x.term}`)
  // 채탕: one unknown bigram, read as 채팅 (both vowel-folded: 체탕, 체팅).
  t.ok(readings('오픈채탕 이용제한').includes('체탕→체팅'), readings('오픈채탕 이용제한').join(' '))
  // 쇼핑라이브 (핑라, 라이, 이브 unknown here): three unknown bigrams in one word are no typo.
  const words = matcher.explain('쇼핑라이브 방송').terms.filter((x) => ['핑라', '라이', '이브'].includes(x.typoOf ?? x.term))
  t.ok(words.length > 0 && words.every((x) => !x.typoOf), words.map((x) => `${x.typoOf ?? ''}→${x.term}`).join(' '))
})
