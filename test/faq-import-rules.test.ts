// The merge rules, ids, links and format detection on their own.
import t from 'tap'
import { relate, editDistance, answersAgree } from '../src/faq/import/similar.js'
import { mergeRecords, summarizeFates } from '../src/faq/import/merge.js'
import { questionId } from '../src/faq/import/ids.js'
import { linksInText } from '../src/faq/import/links.js'
import { detectFormat, serializeCorpus } from '../src/faq/import/index.js'
import { splitCategory } from '../src/faq/import/csv.js'
import { validateEntries } from '../src/faq/import/validate.js'
import type { ImportRecord } from '../src/faq/import/record.js'

const rec = (question: string, answer: string, more: Partial<ImportRecord> = {}): ImportRecord => ({
  question,
  answer,
  category: ['앱'],
  alternates: [],
  platforms: [],
  links: [],
  source: 'test',
  ...more,
})

const answer = '설정 > 알림에서 켜고 끌 수 있습니다. 기기 설정에서 카카오톡 알림이 허용되어 있는지도 확인해 주세요.'

t.test('edit distance is exact within the band', async (t) => {
  t.equal(editDistance('급상성채널', '급상승채널', 2), 1)
  t.equal(editDistance('abc', 'abc', 0), 0)
  t.equal(editDistance('kitten', 'sitting', 5), 3)
  t.equal(editDistance('kitten', 'sitting', 2), 3, 'over the band: max+1')
})

t.test('which questions are the same FAQ', async (t) => {
  const long = '기존에 노출되던 인기이모티콘, 프로필 인기음악, 인기 쇼핑상품, 추천채널, 급상승채널은 어디서 볼 수 있나요?'
  t.equal(relate({ question: '배포란 무엇인가요?', answer }, { question: '배포란  무엇인가요', answer: 'x' })?.relation, 'same', 'spacing and punctuation do not count')
  t.equal(relate({ question: long, answer }, { question: long.replace('급상승', '급상성'), answer })?.relation, 'typo')
  t.equal(relate({ question: '배포란 무엇인가요?', answer }, { question: '배차란 무엇인가요?', answer })?.relation, undefined, 'a syllable in a short question is meaning, not a typo')
  t.equal(
    relate({ question: '페널티 1단계에서 2단계로 올라가는 기준은 무엇이며 언제 적용되나요?', answer }, { question: '페널티 2단계에서 3단계로 올라가는 기준은 무엇이며 언제 적용되나요?', answer })?.relation,
    undefined,
    'digits are never typos'
  )
  const q = '오픈채팅 이용제한이 적용되는 사유는 어떤 것이 있나요?'
  t.equal(relate({ question: q, answer }, { question: q.replace('것', ''), answer: answer.slice(0, 50) })?.relation, 'excerpt')
  t.equal(relate({ question: q, answer }, { question: q.replace('것', ''), answer: '전혀 다른 내용의 답변입니다. 이 질문과는 관계가 없습니다.' }), undefined, 'an excerpt needs an answer that agrees')
  t.equal(relate({ question: '카카오톡 알림이 오지 않을 때 어떻게 하나요?', answer }, { question: '카카오톡 알림이 오지 않을 때…', answer: 'x' })?.relation, 'prefix', 'an ellipsis marks a truncated question')
  t.equal(relate({ question: '프로필에 표시되는 주황색 사람 이미지는 무엇인가요?', answer }, { question: '프로필에 표시되는 주황색 지구본 이미지는 무엇인가요?', answer })?.relation, undefined)
})

t.test('answers agree when equal, contained or sharing a long run', async (t) => {
  t.ok(answersAgree(answer, answer.slice(10, 60)))
  t.ok(answersAgree(`${answer} 추가 설명이 더 있습니다.`, `앞부분이 다르지만 ${answer.slice(0, 45)}`))
  t.notOk(answersAgree(answer, '고객센터로 문의해 주세요. 상담사가 도와드립니다.'))
})

t.test('platform copies merge into one entry; all-platform copies win', async (t) => {
  const r = mergeRecords([
    rec('알림이 안 와요', answer, { platforms: ['안드로이드'], source: 'a' }),
    rec('알림이 안 와요', answer, { platforms: ['iOS'], source: 'b' }),
    rec('로그인이 안 돼요', '비밀번호를 확인해 주세요.', { platforms: ['PC'] }),
    rec('로그인이 안 돼요', '비밀번호를 확인해 주세요.', { platforms: [] }),
  ])
  t.equal(r.entries.length, 2)
  t.same(r.entries.find((e) => e.question === '알림이 안 와요')?.platforms, ['iOS', '안드로이드'])
  t.same(r.entries.find((e) => e.question === '로그인이 안 돼요')?.platforms, [], 'PC + 공통 = all')
  t.equal(r.merges.length, 2)
  t.match(r.merges[0]?.members.map((m) => m.reason), ['first', /another platform|same question and answer/])
})

t.test('ids come from the question, not from order, and survive re-imports', async (t) => {
  const a = mergeRecords([rec('질문 하나', '답 하나'), rec('질문 둘', '답 둘')])
  const b = mergeRecords([rec('질문 셋', '답 셋'), rec('질문 둘', '답 둘'), rec('질문 하나', '답 하나')])
  const idOf = (r: typeof a, q: string) => r.entries.find((e) => e.question === q)?.id
  t.equal(idOf(a, '질문 하나'), idOf(b, '질문 하나'))
  t.equal(idOf(a, '질문 둘'), questionId('질문 둘'))
  t.match(questionId('질문 둘'), /^faq-[0-9a-f]{8}$/)
  t.equal(questionId('질문 둘?'), questionId(' 질문  둘 '), 'spacing and punctuation do not change the id')
  t.equal(serializeCorpus({ version: 1, entries: a.entries }), serializeCorpus({ version: 1, entries: mergeRecords([rec('질문 둘', '답 둘'), rec('질문 하나', '답 하나')]).entries }), 'same bytes in any order')
})

t.test('URLs in text become labelled links', async (t) => {
  t.same(linksInText('• 카카오 운영정책 https://www.kakao.com/policy/oppolicy• 카카오톡 운영정책 https://kakao.com/talksafety/policy/overview').links, [
    { label: '카카오 운영정책', url: 'https://www.kakao.com/policy/oppolicy' },
    { label: '카카오톡 운영정책', url: 'https://kakao.com/talksafety/policy/overview' },
  ])
  t.same(linksInText('▷ 경찰청 사이버 범죄 신고센터: https://ecrm.police.go.kr').links, [{ label: '경찰청 사이버 범죄 신고센터', url: 'https://ecrm.police.go.kr' }])
  t.same(linksInText('자세한 내용은 공지(https://example.com/notice/1)를 보세요.').links, [{ label: '자세한 내용은 공지', url: 'https://example.com/notice/1' }], 'brackets around a URL are not part of it')
  t.same(linksInText('https://example.com/a.').links, [{ label: 'example.com', url: 'https://example.com/a' }], 'no context: the host')
  t.same(linksInText('접속: http://localhostx 또는 http://intranet').malformed, ['http://localhostx', 'http://intranet'])
})

t.test('categories split on > or /', async (t) => {
  t.same(splitCategory('카카오톡 > 오픈채팅'), ['카카오톡', '오픈채팅'])
  t.same(splitCategory('카카오톡/오픈채팅'), ['카카오톡', '오픈채팅'])
  t.same(splitCategory('카카오톡 > 신고/이용제한/정책'), ['카카오톡', '신고/이용제한/정책'], 'with ">", a "/" belongs to the name')
  t.same(splitCategory('  '), [])
})

t.test('formats are detected by extension, then by content', async (t) => {
  t.equal(detectFormat('a.csv', ''), 'csv')
  t.equal(detectFormat('a.TSV', ''), 'csv')
  t.equal(detectFormat('a.jsonl', ''), 'jsonl')
  t.equal(detectFormat('a.json', ''), 'json')
  t.equal(detectFormat('page.txt', '  • [카카오톡][오픈채팅][iOS]\n\n    질문\n\n    답'), 'helpcentre')
  t.equal(detectFormat('export', '[{"question":"q","answer":"a"}]'), 'json')
  t.equal(detectFormat('export', '{"question":"q","answer":"a"}\n{"question":"r","answer":"b"}\n'), 'jsonl')
  t.equal(detectFormat('export', '\uFEFF질문,답변\r\n배송은?,2일\r\n'), 'csv')
  t.throws(() => detectFormat('notes.txt', 'hello'), { name: 'ImportError', message: /notes\.txt: cannot tell the format/ })
})

t.test('the same question with another answer stays a second entry, with a warning naming both rows', async (t) => {
  const r = mergeRecords([
    rec('알림이 안 와요', '설정 > 알림에서 켤 수 있습니다.', { platforms: ['iOS'], category: ['앱', 'iOS'], source: 'w.csv row 2' }),
    rec('알림이 안 와요', '기기 설정의 앱 알림에서 카카오톡 알림을 허용하고, 배터리 최적화를 꺼 주세요.', { platforms: ['안드로이드'], category: ['앱', '안드로이드'], source: 'w.csv row 3' }),
  ])
  t.equal(r.entries.length, 2)
  const ids = r.entries.map((e) => e.id)
  t.equal(new Set(ids).size, 2)
  for (const id of ids) t.match(id, new RegExp(`^${questionId('알림이 안 와요')}-[0-9a-f]{4}$`), 'the question id, told apart by category')
  t.match(r.issues, [{ level: 'warning', source: 'w.csv row 2 and w.csv row 3', message: /same question "알림이 안 와요" with 2 different answers: kept as faq-\w+-\w+, faq-\w+-\w+ \(categories "앱 > iOS", "앱 > 안드로이드"\)/ }])
  t.same(r.fates.map((f) => f.fate), ['kept', 'kept'])
  t.same(validateEntries(r.entries).filter((i) => i.level !== 'note'), [], 'not reported twice')

  const same = mergeRecords([rec('알림이 안 와요', '답 하나'), rec('알림이 안 와요', '답 둘')])
  t.equal(new Set(same.entries.map((e) => e.id)).size, 2, 'one category: told apart by answer')
})

t.test('typo and excerpt merges are for help-centre excerpts (or --fuzzy), and never drop an answer', async (t) => {
  const q = '오픈채팅 이용제한이 적용되는 사유는 어떤 것이 있나요?'
  const excerpt = q.replace('것', '')
  const table = [rec(q, answer, { source: 'a.csv row 2' }), rec(excerpt, answer.slice(0, 50), { source: 'a.csv row 3' })]
  t.equal(mergeRecords(table).entries.length, 2, 'a CSV has no excerpts: both kept')
  const merged = mergeRecords(table, { fuzzy: true })
  t.equal(merged.entries.length, 1, '--fuzzy merges them')
  t.match(merged.fates, [{ fate: 'kept', id: merged.entries[0]!.id }, { fate: 'merged', id: merged.entries[0]!.id, reason: /excerpt/ }])
  const pages = table.map((r) => ({ ...r, excerpted: true }))
  t.equal(mergeRecords(pages).entries.length, 1, 'help-centre excerpts merge')

  // Three results cut down to one question, about different things: three entries.
  const cut = ['비밀번호를 잊었어요. 비밀번호 찾기에서 휴대폰 인증 후 새로 정하세요.', '계정이 잠겼어요. 고객센터에 본인 확인 서류를 보내 주세요.', '기기를 바꿨어요. 새 기기에서 로그인하면 대화가 옮겨집니다.']
  const three = mergeRecords(cut.map((a, i) => rec('어떻게 해야 하나요?', a, { excerpted: true, source: `p.txt:${i}` })))
  t.equal(three.entries.length, 3)
  t.same(three.entries.map((e) => e.answer).sort(), [...cut].sort())
  t.same(three.issues.filter((i) => /dropped/.test(i.message)), [])
})

t.test('every record is accounted for', async (t) => {
  const r = mergeRecords([
    rec('질문 하나', '답 하나', { platforms: ['PC'], source: 'r1' }),
    rec('질문 하나', '답 하나', { platforms: ['iOS'], source: 'r2' }),
    rec('질문 둘', '', { source: 'r3' }),
    rec('  ', '답', { source: 'r4' }),
  ])
  t.match(r.fates, [
    { source: 'r1', fate: 'kept', id: r.entries[0]!.id },
    { source: 'r2', fate: 'merged', id: r.entries[0]!.id, reason: 'same question and answer, another platform' },
    { source: 'r3', fate: 'skipped', reason: 'empty answer' },
    { source: 'r4', fate: 'skipped', reason: 'empty question' },
  ])
  t.equal(summarizeFates(r.fates), '4 record(s): 1 kept as entries, 1 merged into them, 2 skipped (empty answer 1, empty question 1)')

  const entries = mergeRecords([rec('소리가 안 나요', '알림음 설정을 확인해 주세요.', { alternates: ['알림이 안 와요'] }), rec('알림이 안 와요', answer)]).entries
  t.match(validateEntries(entries), [{ level: 'warning', message: /"알림이 안 와요" is also a question or alternate of entry faq-/ }])
})
