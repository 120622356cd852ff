import t from 'tap'
import { cpLength, ELLIPSIS, fitText, sanitize, sentences, splitText, textLength, truncate } from '../src/kakao/text.js'
import { randomProse, randomText, rng } from './kakao-random.js'

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)
const squash = (s: string) => s.replace(/\s+/g, '')

t.test('counting: code points and UTF-16 units', async (t) => {
  t.equal(cpLength('가나다'), 3)
  t.equal(cpLength('😀'), 1, 'an emoji is one code point')
  t.equal(textLength('😀'), 2, 'limits count it as two units, never less than code points')
  t.equal(cpLength('👨‍👩‍👧'), 5, 'ZWJ sequence: 3 emoji + 2 joiners')
  t.equal(cpLength(''), 0)
})

t.test('truncate', async (t) => {
  t.equal(truncate('짧은 문장', 10), '짧은 문장', 'short text untouched')
  t.equal(truncate('abcdefghij', 10), 'abcdefghij', 'exactly at the limit: untouched')
  t.equal(truncate('abcdefghijk', 10), 'abcdefghi…')
  t.equal(truncate('hello wonderful world', 18), 'hello wonderful…', 'cuts at a space near the end')
  t.equal(truncate('😀😀😀😀', 4), '😀…', 'never splits a surrogate pair')
  t.equal(truncate('a😀😀', 3), 'a…')
  t.equal(truncate('abc', 1), ELLIPSIS)
  t.equal(truncate('abc', 0), '')
  const next = rng(7)
  for (let i = 0; i < 2000; i++) {
    const s = sanitize(randomText(next, 80))
    const max = 1 + Math.floor(next() * 40)
    const out = truncate(s, max)
    if (textLength(out) > max || hasLoneSurrogate(out) || (textLength(s) <= max && out !== s)) {
      t.fail(`truncate(${JSON.stringify(s)}, ${max}) = ${JSON.stringify(out)}`)
      return
    }
  }
  t.pass('2000 random strings: within max, no broken surrogate, untouched when short')
})

t.test('sanitize removes lone surrogates, controls and bidi characters, keeps the rest', async (t) => {
  t.equal(sanitize('a\u0000b\u0007c\u001bd\u007fe\u0085f'), 'abcdef', 'C0 and C1 controls')
  t.equal(sanitize('줄\n바꿈\t탭'), '줄\n바꿈\t탭', 'newline and tab stay')
  t.equal(sanitize('a\r\nb\rc'), 'a\nb\nc', 'CR and CRLF become LF')
  t.equal(sanitize('\u202Eevil\u202C \u2066x\u2069 \u200Fy\u200E\u061C'), 'evil x y', 'bidi overrides, isolates and marks')
  t.equal(sanitize('\uFEFF시작'), '시작', 'BOM')
  t.equal(sanitize('x\uD800y\uDC00z\uDBFF'), 'xyz', 'lone surrogates')
  t.equal(sanitize('😀👨‍👩‍👧🇰🇷'), '😀👨‍👩‍👧🇰🇷', 'emoji, ZWJ sequences and flags stay whole')
  const next = rng(11)
  for (let i = 0; i < 2000; i++) {
    const out = sanitize(randomText(next, 60))
    if (hasLoneSurrogate(out) || /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F]/.test(out)) {
      t.fail(`sanitize left something in ${JSON.stringify(out)}`)
      return
    }
  }
  t.pass('2000 random strings come out clean')
})

t.test('sentences end at punctuation followed by a space, full-width punctuation, or a line break', async (t) => {
  t.same(sentences('안녕하세요. 버전 3.5는 kakao.com에서 받으세요! 정말요?\n\n다음 줄입니다。끝'), [
    '안녕하세요. ',
    '버전 3.5는 kakao.com에서 받으세요! ',
    '정말요?\n\n',
    '다음 줄입니다。',
    '끝',
  ])
  t.same(sentences('그는 "좋아요." 라고 했다. 끝'), ['그는 "좋아요." ', '라고 했다. ', '끝'])
  t.same(sentences('제목\n본문'), ['제목\n', '본문'])
  t.same(
    sentences('반영하는 기능입니다.배포를 하지 않으면 반영되지 않습니다.※ 도움말'),
    ['반영하는 기능입니다.', '배포를 하지 않으면 반영되지 않습니다.', '※ 도움말'],
    'after Hangul a period ends a sentence even without a space (help-centre style)'
  )
  t.same(sentences('요금은 1.000원, 버전 3.5, kakao.com입니다. 끝'), ['요금은 1.000원, 버전 3.5, kakao.com입니다. ', '끝'], 'numbers and domains stay whole')
  t.same(sentences(''), [])
})

t.test('splitText keeps whole sentences whenever a sentence fits', async (t) => {
  t.same(splitText('가나다라. 마바사아. 자차카타.', 12), ['가나다라. 마바사아.', '자차카타.'])
  t.same(splitText('  ', 10), [])
  t.same(splitText('짧아요.', 10), ['짧아요.'])
  // A sentence longer than max is broken at spaces, and a word longer than max inside.
  const long = splitText('aaaa bbbb cccc dddd. 끝.', 10)
  t.ok(long.every((c) => textLength(c) <= 10), JSON.stringify(long))
  t.same(squash(long.join('')), squash('aaaa bbbb cccc dddd. 끝.'))
  const word = splitText('😀'.repeat(15), 10)
  t.same(word, ['😀'.repeat(5), '😀'.repeat(5), '😀'.repeat(5)], 'a long emoji run is cut between code points')

  const next = rng(23)
  for (let i = 0; i < 500; i++) {
    const text = randomProse(next, 1 + Math.floor(next() * 20))
    const max = 80 + Math.floor(next() * 300)
    const chunks = splitText(text, max)
    if (chunks.some((c) => textLength(c) > max || !c.trim())) return t.fail(`over max ${max}: ${JSON.stringify(chunks)}`)
    if (squash(chunks.join('')) !== squash(text)) return t.fail(`text lost or changed: ${JSON.stringify(text)}`)
    // No sentence that fits in a bubble is cut: each such sentence appears whole in one chunk.
    for (const s of sentences(text)) {
      if (textLength(s.trim()) <= max && !chunks.some((c) => c.includes(s.trim()))) {
        return t.fail(`sentence ${JSON.stringify(s)} was cut (max ${max})`)
      }
    }
  }
  t.pass('500 random texts: every chunk within max, nothing lost, no fitting sentence cut')
})

t.test('fitText: at most N bubbles; an ellipsis only when the text cannot fit', async (t) => {
  const text = '가나다라. 마바사아. 자차카타. 파하하하.'
  t.same(fitText(text, 12, 3), ['가나다라. 마바사아.', '자차카타. 파하하하.'], 'fits: no ellipsis')
  const cut = fitText(text, 10, 2)
  t.equal(cut.length, 2)
  t.ok(cut[1]?.endsWith(ELLIPSIS), 'cut: ends with an ellipsis')
  t.ok(cut.every((c) => textLength(c) <= 10))

  const next = rng(31)
  for (let i = 0; i < 300; i++) {
    const text = randomProse(next, 1 + Math.floor(next() * 60))
    const max = 100 + Math.floor(next() * 900)
    const bubbles = 1 + Math.floor(next() * 3)
    const out = fitText(text, max, bubbles)
    const needsCut = splitText(text, max).length > bubbles
    if (out.length > bubbles || out.some((c) => textLength(c) > max)) return t.fail(`over limit: max ${max} bubbles ${bubbles}`)
    if (!needsCut && out.join('').includes(ELLIPSIS)) return t.fail('ellipsis although the text fits')
    if (needsCut && !out.at(-1)?.endsWith(ELLIPSIS)) return t.fail('cut without an ellipsis')
  }
  t.pass('300 random texts')
})
