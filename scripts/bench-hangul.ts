// Speed of the Korean helpers (src/match/hangul.ts) on a synthetic vocabulary the size a 100k-entry
// corpus gives (a few hundred thousand distinct terms). Prints figures; asserts nothing.
//
//   node --expose-gc --import=tsx scripts/bench-hangul.ts [terms=300000]
import { TypoIndex, qwertyToHangul, stem } from '../src/match/hangul.js'

const TERMS = Number(process.argv[2] ?? 300_000)

/** Deterministic PRNG (mulberry32), so runs are comparable. */
function rng (seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = rng(42)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!

// Syllables skewed like real text: frequent initials/vowels more often, about a third with a final.
const INITIALS = [0, 0, 2, 3, 5, 5, 6, 7, 9, 11, 11, 11, 12, 14, 16, 17, 18, 18, 1, 10]
const MEDIALS = [0, 0, 0, 4, 4, 8, 8, 13, 13, 18, 20, 20, 1, 5, 6, 9, 12, 14, 17, 19, 2]
const FINALS = [0, 0, 0, 0, 0, 0, 1, 4, 4, 8, 8, 16, 17, 21, 21, 19, 20, 27]
const syllable = () => String.fromCharCode(0xac00 + (pick(INITIALS) * 21 + pick(MEDIALS)) * 28 + pick(FINALS))

const vocabulary = new Set<string>()
while (vocabulary.size < TERMS) {
  const n = 1 + Math.floor(random() * 4) + (random() < 0.3 ? 1 : 0)
  let w = ''
  for (let i = 0; i < n; i++) w += syllable()
  vocabulary.add(w)
}
const words = [...vocabulary]

/** A one-syllable typo of a vocabulary word (a different syllable in one place: often one jamo). */
function typo (w: string): string {
  const i = Math.floor(random() * w.length)
  const code = w.charCodeAt(i) - 0xac00
  const final = code % 28
  const changed = final === 0 ? code + pick([1, 4, 8]) : code - final + pick(FINALS)
  return w.slice(0, i) + String.fromCharCode(0xac00 + changed) + w.slice(i + 1)
}

/** JS heap plus typed-array buffers (which V8 keeps outside the heap), in MB. */
function heapMb (): number {
  globalThis.gc?.()
  const m = process.memoryUsage()
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024
}

function timeEach<T> (inputs: T[], fn: (x: T) => unknown): { p50: number; p99: number; mean: number } {
  const times: number[] = []
  for (const x of inputs) {
    const t0 = process.hrtime.bigint()
    fn(x)
    times.push(Number(process.hrtime.bigint() - t0) / 1000)
  }
  times.sort((a, b) => a - b)
  const mean = times.reduce((a, b) => a + b, 0) / times.length
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]!, mean }
}
const fmt = (r: { p50: number; p99: number; mean: number }) => `p50 ${r.p50.toFixed(2)} µs, p99 ${r.p99.toFixed(2)} µs, mean ${r.mean.toFixed(2)} µs`

if (!globalThis.gc) console.log('(run with node --expose-gc for heap figures)')
const before = heapMb()
const t0 = performance.now()
const cpu0 = process.cpuUsage()
const index = new TypoIndex(words)
const cpu = process.cpuUsage(cpu0)
const buildMs = performance.now() - t0
const after = heapMb()
// CPU time beside wall time: on a shared machine the wall clock includes waiting for a core.
console.log(`TypoIndex: ${index.size} terms, build ${buildMs.toFixed(0)} ms wall / ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, heap + array buffers +${(after - before).toFixed(1)} MB`)

const queries = Array.from({ length: 20_000 }, () => typo(pick(words)))
let hits = 0
let neighbours = 0
for (const q of queries.slice(0, 2000)) {
  const near = index.near(q)
  if (near.length) hits++
  neighbours += near.length
}
console.log(`near(typo): ${fmt(timeEach(queries, (q) => index.near(q)))}; ${(hits / 20).toFixed(0)}% have neighbours, ${(neighbours / 2000).toFixed(1)} on average`)
const misses = Array.from({ length: 20_000 }, () => syllable() + syllable() + syllable() + syllable() + syllable())
console.log(`near(unknown 5 syllables): ${fmt(timeEach(misses, (q) => index.near(q)))}`)

const latin = Array.from({ length: 20_000 }, () => pick(['dhvmscoxld', 'qlqjs', 'dkssud', 'kakao', 'email', 'password', 'iphone', 'tkrwp']))
console.log(`qwertyToHangul: ${fmt(timeEach(latin, qwertyToHangul))}`)
const eojeol = Array.from({ length: 20_000 }, () => pick(['비밀번호를', '바꾸고싶어요', '탈퇴했는데', '환불받으려면', '계정이에요', '어떻게', '오픈채팅방에서', pick(words)]))
console.log(`stem: ${fmt(timeEach(eojeol, stem))}`)
