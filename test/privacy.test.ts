import t from 'tap'
import { hashUserKey, logUtterance, maskPii } from '../src/privacy.js'

t.test('phone numbers are masked in every common form', async (t) => {
  for (const phone of [
    '010-1234-5678',
    '01012345678',
    '010 1234 5678',
    '010.1234.5678',
    '011-123-4567',
    '+82 10 1234 5678',
    '+82-10-1234-5678',
    '+821012345678',
    '+82 010 1234 5678',
    '02-123-4567',
    '02-1234-5678',
    '(02) 123-4567',
    '031-123-4567',
    '064 123 4567',
    '070-1234-5678',
    '1588-1234',
    '1577 3754',
  ]) {
    t.equal(maskPii(`연락처 ${phone} 입니다`), '연락처 [phone] 입니다', phone)
    t.equal(maskPii(`번호:${phone}`), '번호:[phone]', `${phone} right after a colon`)
  }
})

t.test('e-mail addresses, resident registration and card numbers are masked', async (t) => {
  t.equal(maskPii('메일 hong@example.com 로'), '메일 [email] 로')
  t.equal(maskPii('hong.gil-dong+faq@mail.example.co.kr'), '[email]')
  t.equal(maskPii('주민번호 900101-1234567'), '주민번호 [rrn]')
  t.equal(maskPii('9001012234567'), '[rrn]', 'without a dash')
  t.equal(maskPii('000229 - 4123456'), '[rrn]', 'with spaces around the dash')
  t.equal(maskPii('카드 4321-1234-5678-9012'), '카드 [card]')
  t.equal(maskPii('카드 4321123456789012'), '카드 [card]')
  t.equal(maskPii('a@b.co, 010-1111-2222, 900101-1234567'), '[email], [phone], [rrn]', 'several in one utterance')
})

t.test('dates, prices, versions and short numbers stay as they are', async (t) => {
  for (const keep of [
    '2024-01-01',
    '2024.01.01',
    '2024/1/1',
    '12월 25일 오후 3시',
    '1,000,000원',
    '12345',
    '1234-5678',
    '010-1234',
    '버전 3.5.1',
    'ID 1712345678',
    '주문번호 123456789012',
    '20240101-1234567',
    '카카오톡 10.4.3 업데이트',
    '@멘션',
    'user@localhost',
  ]) {
    t.equal(maskPii(keep), keep, keep)
  }
})

t.test('maskPii leaves text without personal data untouched', async (t) => {
  t.equal(maskPii('오픈채팅 이용제한 사유가 궁금해요 😀'), '오픈채팅 이용제한 사유가 궁금해요 😀')
  t.equal(maskPii(''), '')
})

t.test('logUtterance masks first, then shortens to 200 code points', async (t) => {
  t.equal(logUtterance('짧은 질문'), '짧은 질문')
  const long = '가'.repeat(195) + ' 010-1234-5678'
  t.equal(logUtterance(long), '가'.repeat(195) + ' [pho…', 'masked before the cut, so no digits of it leak')
  t.equal(Array.from(logUtterance('😀'.repeat(300))).length, 201)
  t.equal(logUtterance('abc', 2), 'ab…')
})

t.test('hashUserKey: 16 hex, salted, stable', async (t) => {
  const h = hashUserKey('botUserKey-1', 'salt')
  t.match(h, /^[0-9a-f]{16}$/)
  t.equal(hashUserKey('botUserKey-1', 'salt'), h)
  t.not(hashUserKey('botUserKey-2', 'salt'), h)
  t.not(hashUserKey('botUserKey-1', 'pepper'), h)
  t.equal(hashUserKey('', 'salt'), undefined)
})

t.test('the log memo gives the same results as computing, stays bounded, and skips long keys', async (t) => {
  const { Memo, userKeyHasher } = await import('../src/privacy.js')
  let calls = 0
  const memo = new Memo((k: string) => {
    calls++
    return k.toUpperCase()
  }, 2, 5)
  t.equal(memo.get('ab'), 'AB')
  t.equal(memo.get('ab'), 'AB')
  t.equal(calls, 1, 'a repeated key is computed once')
  memo.get('cd')
  memo.get('ef') // over capacity: the memo starts again
  memo.get('ab')
  t.equal(calls, 4, 'entries are dropped once the memo is full')
  t.equal(memo.get('abcdefgh'), 'ABCDEFGH')
  t.equal(memo.get('abcdefgh'), 'ABCDEFGH')
  t.equal(calls, 6, 'keys over the length limit are computed every time')

  const hash = userKeyHasher('salt-1')
  t.equal(hash('user-1'), hashUserKey('user-1', 'salt-1'))
  t.equal(hash('user-1'), hashUserKey('user-1', 'salt-1'))
  t.not(userKeyHasher('salt-2')('user-1'), hash('user-1'), 'each salt has its own memo')
  t.equal(hash(undefined), undefined)
})
