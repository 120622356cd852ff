import t from 'tap'
import { readFile } from 'node:fs/promises'
import { DEFAULT_LEXICON_FILE, Expansions, loadLexicon, mergeSynonyms, parseLexicon, squeezeRepeats } from '../src/match/lexicon.js'
import { Synonyms, loadSynonyms, parseSynonyms } from '../src/match/synonyms.js'
import { normalize } from '../src/match/text.js'
import { dataPath } from '../src/paths.js'

const lexicon = await loadLexicon()
const synonyms = new Synonyms(lexicon.synonyms)
const groups = Object.entries(lexicon.synonyms)
const rewrite = (s: string) => synonyms.apply(normalize(s)).text

t.test('the shipped lexicon loads, says where it comes from, and is several hundred groups', async (t) => {
  const raw = JSON.parse(await readFile(DEFAULT_LEXICON_FILE, 'utf8')) as Record<string, unknown>
  t.match(raw._source, /written for this project/)
  t.ok(groups.length >= 300, `${groups.length} equivalence groups`)
  t.ok(Object.keys(lexicon.oneWay).length >= 30, `${Object.keys(lexicon.oneWay).length} one-way groups`)
  t.ok(lexicon.fillers.includes('크크'))
  // The synonym loader reads a lexicon file as it is (the "_" keys are skipped).
  const asSynonyms = await loadSynonyms(DEFAULT_LEXICON_FILE)
  t.equal(asSynonyms.size, synonyms.size)
})

t.test('no group holds a form twice and no form is in two groups (compared normalized)', async (t) => {
  const where = new Map<string, string>()
  const problems: string[] = []
  for (const [canonical, variants] of groups) {
    const seen = new Set<string>()
    for (const form of [canonical, ...variants]) {
      const key = normalize(form)
      if (!key) problems.push(`${canonical}: "${form}" is empty after normalize`)
      if (seen.has(key)) problems.push(`${canonical}: "${form}" twice`)
      seen.add(key)
      const other = where.get(key)
      if (other !== undefined && other !== canonical) problems.push(`"${form}" in ${other} and ${canonical}`)
      where.set(key, canonical)
    }
  }
  for (const [term, words] of Object.entries(lexicon.oneWay)) {
    const seen = new Set<string>()
    for (const w of words) {
      if (seen.has(normalize(w))) problems.push(`_oneWay ${term}: "${w}" twice`)
      seen.add(normalize(w))
    }
  }
  t.same(problems, [])
})

t.test('every form rewrites to its own canonical form, and canonical forms stay as they are', async (t) => {
  // This is what catches a short variant firing inside another group's form (폰 in 이어폰).
  const problems: string[] = []
  for (const [canonical, variants] of groups) {
    const want = normalize(canonical)
    if (rewrite(canonical) !== want) problems.push(`${canonical} -> ${rewrite(canonical)}`)
    for (const v of variants) if (rewrite(v) !== want) problems.push(`${v} -> ${rewrite(v)} (want ${want})`)
  }
  t.same(problems, [])
})

t.test('one-letter Hangul variants are rare and guarded', async (t) => {
  const short = groups.flatMap(([c, vs]) => vs.filter((v) => /^[\uAC00-\uD7A3]$/.test(normalize(v))).map((v) => `${v}→${c}`))
  t.same(short, ['폰→휴대폰', '앱→애플리케이션'])
  // Words that contain them are groups of their own, so the short form does not fire inside them.
  for (const w of ['이어폰', '헤드폰', '마이크로폰', '폰트', '아이폰', '앱스토어']) t.notMatch(rewrite(w), /휴대폰|애플리케이션/, w)
  t.notMatch(rewrite('폰트 크기'), /휴대폰/)
  t.notMatch(rewrite('이어폰 연결'), /휴대폰/)
})

t.test('one-way words survive the equivalences, so they can still fire after the rewrite', async (t) => {
  const problems: string[] = []
  for (const [term, words] of Object.entries(lexicon.oneWay)) {
    for (const w of words) if (rewrite(w) !== normalize(w)) problems.push(`${term}: ${w} -> ${rewrite(w)}`)
  }
  t.same(problems, [])
})

t.test('the lexicon bridges how people write', async (t) => {
  t.equal(rewrite('비번 까먹었어요'), normalize('비밀번호 까먹었어요'))
  t.equal(rewrite('어플 업뎃 하는 법'), normalize('애플리케이션 업데이트 하는 법'))
  t.equal(rewrite('핸드폰 번호 바꾸고 싶어요'), normalize('전화번호 바꾸고 싶어요'))
  t.equal(rewrite('메세지가 안 와요'), normalize('메시지가 안 와요'))
  t.equal(rewrite('주문 캔슬'), normalize('주문 취소'))
  t.equal(rewrite('글로브 아이콘'), normalize('지구본 아이콘'))
  t.equal(rewrite('login 오류'), normalize('로그인 오류'))
  t.equal(rewrite('npc'), 'npc', 'Latin forms match whole words only (pc is not a form, but the rule holds)')
  t.equal(rewrite('11개월'), normalize('11개월'), '1개월 does not fire inside 11개월')
})

t.test('Expansions add the help-centre term to an utterance and keep its words', async (t) => {
  const expand = new Expansions(lexicon.oneWay, synonyms)
  t.ok(expand.size > 100)
  const r = expand.apply(rewrite('돈 돌려받고 싶어요'))
  t.same(r.added, ['환불'])
  t.equal(r.text, `${rewrite('돈 돌려받고 싶어요')} 환불`)
  t.same(expand.apply(rewrite('사진 바꿨는데')).added, ['변경', '교환'], 'a customer word may lead to several terms')
  t.same(expand.apply(rewrite('환불 돌려받')).added, [], 'a term already in the utterance is not added again')
  t.same(expand.apply(rewrite('카드를 잃어버렸어요')).added, ['분실'])
  t.same(expand.apply(rewrite('안녕하세요')).added, [])
  // Terms are spelled as the rewritten corpus is: an operator group that rewrites the term wins.
  const operator = new Synonyms({ 금전: ['요금'] })
  t.same(new Expansions({ 요금: ['비용'] }, operator).apply('비용 얼마').added, ['금전'])
})

t.test('mergeSynonyms: the operator wins, lexicon groups join by canonical form only', async (t) => {
  const operator = parseSynonyms(JSON.parse(await readFile(dataPath('synonyms.json'), 'utf8')))
  const merged = mergeSynonyms(operator, lexicon.synonyms)
  const s = new Synonyms(merged)
  // Operator groups are unchanged in what they rewrite.
  const op = new Synonyms(operator)
  for (const [canonical, variants] of Object.entries(operator)) {
    for (const v of variants) t.equal(s.apply(normalize(v)).text, op.apply(normalize(v)).text, `${v} still -> ${canonical}`)
  }
  // The lexicon's 휴대폰 variants join the operator's 휴대폰; its 컴퓨터 group joins the operator's pc.
  t.equal(s.apply(normalize('모바일폰')).text, normalize('휴대폰'))
  t.equal(s.apply(normalize('computer')).text, 'pc')
  // Lexicon-only groups still apply.
  t.equal(s.apply(normalize('리펀드')).text, normalize('환불'))
  // No form is claimed twice.
  const seen = new Map<string, string>()
  for (const [c, vs] of Object.entries(merged)) {
    for (const v of vs) {
      const k = normalize(v)
      t.notOk(seen.has(k) && seen.get(k) !== c && !operator[c], `${v} in ${seen.get(k)} and ${c}`)
      seen.set(k, c)
    }
  }
  t.same(mergeSynonyms({ 블록: ['block'] }, { 차단: ['블락', 'block'] }), { 블록: ['block'], 차단: ['블락'] }, 'a shared variant does not merge two meanings')
  t.same(mergeSynonyms({ 휴대폰: ['폰'] }, { 휴대폰: ['핸드폰', '폰'] }), { 휴대폰: ['폰', '핸드폰'] })
  t.same(mergeSynonyms({ pc: ['컴퓨터'] }, { 컴퓨터: ['피씨'] }), { pc: ['컴퓨터', '피씨'] })
})

t.test('parseLexicon checks the one-way and filler sections', async (t) => {
  t.throws(() => parseLexicon({ _oneWay: { 환불: 3 } }), /must map to an array/)
  t.throws(() => parseLexicon({ _fillers: 'ㅋㅋ' }), /_fillers/)
  t.same(parseLexicon({ 비밀번호: ['비번'] }), { synonyms: { 비밀번호: ['비번'] }, oneWay: {}, fillers: [], services: [] })
  await t.rejects(loadLexicon('/nonexistent/lexicon.json'))
})

t.test('squeezeRepeats shortens stretched chat words to two letters', async (t) => {
  t.equal(squeezeRepeats(normalize('크크크크크 네네네네 sooooo')), '크크 네네 soo')
  t.equal(squeezeRepeats('1000원 2222'), '1000원 2222', 'digits are left alone')
  t.equal(squeezeRepeats(normalize('ㅋㅋㅋㅋ 감사합니다~~ ^^')), normalize('감사합니다'), 'jamo runs and symbols are already gone')
  t.ok(lexicon.fillers.includes(squeezeRepeats('크크크크크')))
})
