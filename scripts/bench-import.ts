// How long merging takes as a corpus grows (the fuzzy rules compare every pair of distinct questions).
// Run: npx tsx scripts/bench-import.ts [sizes...]
import { mergeRecords } from '../src/faq/import/merge.js'
import type { ImportRecord } from '../src/faq/import/record.js'

const topics = ['오픈채팅', '프로필', '알림', '친구', '선물하기', '이모티콘', '채팅방', '톡서랍', '페이', '계정']
const asks = ['은 어떻게 설정하나요?', '이 안 돼요. 어떻게 해야 하나요?', '을 삭제하면 어떻게 되나요?', '에서 신고하는 방법을 알려주세요.', ' 이용 시 요금이 부과되나요?']

function records (n: number): ImportRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const topic = topics[i % topics.length]!
    const ask = asks[Math.floor(i / topics.length) % asks.length]!
    const question = `${topic} ${i}번 기능${ask}`
    return {
      question,
      answer: `${question}에 대한 안내입니다. `.repeat(8) + `문서 번호 ${i}.`,
      category: ['카카오톡', topic],
      alternates: [],
      platforms: i % 3 ? ['iOS'] : [],
      links: [],
      source: `bench:${i}`,
    }
  })
}

const sizes = process.argv.slice(2).map(Number).filter(Boolean)
for (const n of sizes.length ? sizes : [500, 1000, 2000, 4000]) {
  const input = records(n)
  const start = process.hrtime.bigint()
  const { entries } = mergeRecords(input)
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  console.log(`${String(n).padStart(5)} records -> ${String(entries.length).padStart(5)} entries in ${ms.toFixed(0).padStart(6)} ms`)
}
