// Seeded random strings for property-style loops over the builders: reproducible (a failure prints
// its seed) and full of what breaks text handling: emoji, lone surrogates, controls, bidi marks.
export function rng (seed: number) {
  let s = seed >>> 0 || 1
  return () => {
    // xorshift32
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s / 0x1_0000_0000
  }
}

const POOLS = [
  'abcdefghijklmnopqrstuvwxyz',
  '가나다라마바사아자차카타파하챗봇스킬배포오픈채팅이용제한입니다요',
  '😀🙂👍🏻🇰🇷👨‍👩‍👧𝄞',
  '.!?。！？…',
  '   \n\t',
  '"\'\\<>&{}[]',
  '\u0000\u0001\u0007\u001b\u007f\u0085\u009f',
  '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff',
  '\ud800\udbff\udc00\udfff',
  '0123456789-',
]

/** A random string of up to `maxLen` pieces; each piece is one code unit or code point of a pool. */
export function randomText (next: () => number, maxLen: number): string {
  const len = Math.floor(next() * (maxLen + 1))
  let out = ''
  for (let i = 0; i < len; i++) {
    const pool = POOLS[Math.floor(next() * POOLS.length)] as string
    // The surrogate pool is taken unit by unit so lone surrogates appear.
    const units = POOLS.indexOf(pool) >= 8 ? pool.split('') : Array.from(pool)
    out += units[Math.floor(next() * units.length)]
  }
  return out
}

/** Korean-looking prose: sentences of words ending in punctuation. */
export function randomProse (next: () => number, sentences: number): string {
  const words = ['챗봇', '스킬을', '등록하려면', '관리자센터에서', '배포를', '눌러', '주세요', '오픈채팅', '이용제한은', '확인할', '수', '있습니다', 'URL', '😀']
  const out: string[] = []
  for (let i = 0; i < sentences; i++) {
    const n = 1 + Math.floor(next() * 30)
    const ws = Array.from({ length: n }, () => words[Math.floor(next() * words.length)])
    out.push(ws.join(' ') + ['.', '!', '?', '。', '.'][Math.floor(next() * 5)])
  }
  return out.join(next() < 0.2 ? '\n' : ' ')
}
