// Matcher scale benchmark: a synthetic Korean corpus of 100k entries (override with BENCH_ENTRIES),
// then build time, heap and match latency percentiles. Prints figures; asserts nothing.
// Targets on 2 cores (issue 11): 100k entries build ≤ 3 s, heap ≤ 250 MB, p50 ≤ 1 ms, p99 ≤ 5 ms;
// the bundled corpus p50 ≤ 0.05 ms, p99 ≤ 0.3 ms. Also prints snapshot size and restore time.
//
//   npx tsx scripts/bench-match.ts        (or npm run bench:match)
import { performance } from 'node:perf_hooks'
import { readFile } from 'node:fs/promises'
import { createMatcher, restoreMatcher, snapshotMatcher, type Matcher } from '../src/match/index.js'
import { dataPath } from '../src/paths.js'
import type { FaqCorpus, FaqEntry } from '../src/faq/schema.js'

const N = Number(process.env.BENCH_ENTRIES ?? 100_000)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000)

// Deterministic pseudo-random numbers, so every run measures the same corpus.
let seed = 42
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!

// Nouns: real service words plus generated two/three-syllable words, so the vocabulary is large
// like a real help centre's and posting lists are not all the same length.
// Syllables: every initial × vowel with no final or a common final (ㄴ ㄹ ㅁ ㅇ), ~2000 like the
// syllables of everyday Korean text; a tiny syllable set would make every bigram posting list huge.
const SYLLABLES = Array.from({ length: 19 * 21 * 5 }, (_, i) => {
  const final = [0, 4, 8, 16, 21][i % 5]!
  const vowel = Math.floor(i / 5) % 21
  const initial = Math.floor(i / 105)
  return String.fromCharCode(0xac00 + (initial * 21 + vowel) * 28 + final)
})
const BASE = ['카카오톡', '오픈채팅', '프로필', '채팅방', '이모티콘', '친구', '계정', '로그인', '비밀번호', '알림', '메시지', '사진', '동영상', '파일', '백업', '복원', '선물하기', '결제', '환불', '멀티프로필', '생일', '채널', '챗봇', '스킬', '블록', '배포', '예약', '주문', '쿠폰', '포인트', '인증', '휴대폰', '번호', '이메일', '보안', '신고', '차단', '이용제한', '그룹채팅', '보이스톡', '페이스톡', '톡서랍', '테마', '글꼴', '대화', '검색', '설정', '업데이트', '버전', '저장']
const NOUNS = [...BASE, ...Array.from({ length: 20000 }, () => pick(SYLLABLES) + pick(SYLLABLES) + (rand() < 0.5 ? pick(SYLLABLES) : ''))]
const PARTICLES = ['이', '가', '을', '를', '은', '는', '에', '에서', '으로', '의', '도', '']
const ENDINGS = ['어떻게 하나요?', '안 돼요.', '할 수 있나요?', '무엇인가요?', '변경하고 싶어요.', '보이지 않아요.', '삭제되었어요.', '어디서 확인하나요?']
const PLATFORMS = [[], [], [], ['iOS'], ['안드로이드'], ['PC']]

function sentence (words: number): string {
  const parts: string[] = []
  for (let i = 0; i < words; i++) parts.push(pick(NOUNS) + pick(PARTICLES))
  return `${parts.join(' ')} ${pick(ENDINGS)}`
}

function corpus (n: number): FaqCorpus {
  const entries: FaqEntry[] = []
  for (let i = 0; i < n; i++) {
    entries.push({
      id: `bench-${i}`,
      category: [pick(BASE), pick(NOUNS)],
      question: sentence(2 + Math.floor(rand() * 3)),
      alternates: rand() < 0.2 ? [sentence(2)] : [],
      answer: `${sentence(6)} ${sentence(6)} ${sentence(4)}`,
      platforms: pick(PLATFORMS),
      links: [],
    })
  }
  return { version: 1, entries }
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!

const synonymsFile = dataPath('synonyms.json')

/** Latency percentiles of `matcher.match` over `qs` (after a JIT warm-up). */
function latency (matcher: Matcher, qs: string[]) {
  for (const q of qs.slice(0, 200)) matcher.match(q)
  const times: number[] = []
  const cpu: number[] = []
  for (const q of qs) {
    const s = performance.now()
    const c = process.cpuUsage()
    matcher.match(q)
    const used = process.cpuUsage(c)
    times.push(performance.now() - s)
    cpu.push((used.user + used.system) / 1000)
  }
  times.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  return { p50: pct(times, 0.5), p99: pct(times, 0.99), cpuP50: pct(cpu, 0.5), cpuP99: pct(cpu, 0.99) }
}

// The bundled corpus, with its own questions paraphrased the same way, repeated.
{
  const bundled = JSON.parse(await readFile(dataPath('faq.json'), 'utf8')) as FaqCorpus
  const m = await createMatcher(bundled, { synonymsFile })
  const qs: string[] = []
  for (let r = 0; r < 100; r++) {
    for (const e of bundled.entries) {
      const words = e.question.split(' ')
      qs.push(r % 3 === 0 ? words.join('') : words.filter(() => rand() < 0.8).join(' ') || e.question)
    }
  }
  const { p50, p99, cpuP50, cpuP99 } = latency(m, qs)
  console.log(`bundled corpus (${bundled.entries.length} entries, ${qs.length} queries): match wall p50 ${p50.toFixed(3)} ms (target ≤ 0.05)  p99 ${p99.toFixed(3)} ms (target ≤ 0.3); cpu p50 ${cpuP50.toFixed(3)} ms  p99 ${cpuP99.toFixed(3)} ms`)
}

const data = corpus(N)
globalThis.gc?.()
// Typed arrays live outside the JS heap (arrayBuffers): both count.
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
const heapBefore = used()
// CPU time is printed next to wall time: on a shared, loaded machine wall time mostly measures
// waiting for a core.
const t0 = performance.now()
const c0 = process.cpuUsage()
const matcher = await createMatcher(data, { synonymsFile })
const buildMs = performance.now() - t0
const buildCpuMs = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000
globalThis.gc?.()
const heapMb = (used() - heapBefore) / 2 ** 20

// Queries: paraphrases of corpus questions (some words dropped, spacing removed) and unrelated text.
const queries: string[] = []
for (let i = 0; i < QUERIES; i++) {
  const e = data.entries[Math.floor(rand() * N)]!
  const words = e.question.split(' ')
  if (i % 5 === 0) queries.push(sentence(3))
  else if (i % 5 === 1) queries.push(words.join(''))
  else queries.push(words.filter(() => rand() < 0.8).join(' ') || e.question)
}
for (const q of queries.slice(0, 50)) matcher.match(q) // warm-up (JIT)
const times: number[] = []
const cpu: number[] = []
const outcomes = { answer: 0, choices: 0, none: 0 }
for (const q of queries) {
  const s = performance.now()
  const c = process.cpuUsage()
  const r = matcher.match(q)
  const used = process.cpuUsage(c)
  times.push(performance.now() - s)
  cpu.push((used.user + used.system) / 1000)
  outcomes[r.outcome]++
}
if (process.env.BENCH_REPEAT) {
  // Same queries again: answers already prepared for their candidates.
  const again: number[] = []
  for (const q of queries) {
    const c = process.cpuUsage()
    matcher.match(q)
    const used = process.cpuUsage(c)
    again.push((used.user + used.system) / 1000)
  }
  again.sort((a, b) => a - b)
  console.log(`repeat cpu p50 ${pct(again, 0.5).toFixed(2)} ms`)
}
times.sort((a, b) => a - b)
cpu.sort((a, b) => a - b)

console.log(`entries ${N}, queries ${queries.length}${globalThis.gc ? '' : ' (run with --expose-gc for a steadier heap figure)'}`)
console.log(`build ${(buildMs / 1000).toFixed(2)} s wall, ${(buildCpuMs / 1000).toFixed(2)} s cpu (target ≤ 3 s)`)
console.log(`heap  ${heapMb.toFixed(0)} MB (target ≤ 250 MB)`)
console.log(`match wall p50 ${pct(times, 0.5).toFixed(2)} ms (target ≤ 1)  p99 ${pct(times, 0.99).toFixed(2)} ms (target ≤ 5)  max ${times.at(-1)!.toFixed(2)} ms`)
console.log(`match cpu  p50 ${pct(cpu, 0.5).toFixed(2)} ms  p99 ${pct(cpu, 0.99).toFixed(2)} ms`)
console.log(`outcomes ${JSON.stringify(outcomes)}`)

// Cold start from a snapshot, and the longest the event loop is blocked during a cooperative build.
const bytes = await snapshotMatcher(matcher)
const r0 = performance.now()
await restoreMatcher(data, bytes, { synonymsFile })
console.log(`snapshot ${(bytes.length / 2 ** 20).toFixed(1)} MB, restore ${((performance.now() - r0) / 1000).toFixed(2)} s`)
let last = performance.now()
let worst = 0
const ticker = setInterval(() => {
  const now = performance.now()
  worst = Math.max(worst, now - last)
  last = now
}, 1)
const s0 = performance.now()
await createMatcher(data, { synonymsFile, sliceMs: 5 })
clearInterval(ticker)
console.log(`cooperative build (sliceMs 5): ${((performance.now() - s0) / 1000).toFixed(2)} s, longest event-loop stall ${worst.toFixed(1)} ms`)
