// Synthetic FAQ corpus for load and memory benchmarks: N entries as a bare JSON array (the format
// FAQ_FILE accepts besides { version: 1, entries }). Deterministic for a given seed.
//   npx tsx scripts/gen-corpus.ts [--entries 100000] [--seed 1] [--out file]   (stdout without --out)
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { FaqEntry } from '../src/faq/schema.js'

const SERVICES = ['카카오톡', '오픈채팅', '카카오톡 채널', '선물하기', '톡서랍', '카카오페이', '이모티콘', '프로필', '친구 목록', '알림', '보이스톡', '페이스톡', '멀티프로필', '채팅방', '톡캘린더', '카카오계정', '지갑', '쇼핑하기', '톡게시판', '챗봇']
const OBJECTS = ['비밀번호', '전화번호', '이메일', '결제 수단', '환불', '대화 내용', '사진', '동영상', '파일', '배경화면', '글꼴', '알림음', '차단 목록', '신고 내역', '백업 데이터', '구독', '쿠폰', '배송지', '이름', '상태 메시지']
const VERBS = ['변경하는', '삭제하는', '복구하는', '설정하는', '확인하는', '취소하는', '등록하는', '해제하는', '내보내는', '옮기는']
const ENDINGS = ['방법을 알려주세요', '방법이 궁금해요', '방법은 무엇인가요?', '곳은 어디인가요?']
const PLATFORMS = ['iOS', '안드로이드', 'PC', '맥', '태블릿']
const MODIFIERS = ['', '처음', '다시', '한꺼번에', '자동으로', '임시로']
const STEPS = ['더보기 탭에서 설정을 누르세요.', '오른쪽 위의 톱니바퀴를 누르세요.', '개인/보안 메뉴로 이동하세요.', '원하는 항목을 선택한 뒤 확인을 누르세요.', '앱을 최신 버전으로 업데이트한 뒤 다시 시도해 주세요.', '변경 내용은 바로 적용됩니다.', '일부 기능은 PC 버전에서 지원되지 않습니다.']

function mulberry32 (seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function generateEntries (n: number, seed = 1): FaqEntry[] {
  const rnd = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const out: FaqEntry[] = []
  for (let i = 0; i < n; i++) {
    const service = pick(SERVICES)
    const object = pick(OBJECTS)
    const verb = pick(VERBS)
    const platform = pick(PLATFORMS)
    const modifier = pick(MODIFIERS)
    const subject = `${platform}에서 ${service} ${object}${modifier ? ` ${modifier}` : ''}`
    const question = `${subject} ${verb} ${pick(ENDINGS)} (${i + 1})`
    const steps = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(STEPS))
    out.push({
      id: `syn-${String(i + 1).padStart(6, '0')}`,
      category: [service, object],
      question,
      alternates: rnd() < 0.5 ? [`${service} ${object} ${verb.replace(/는$/, '기')}`] : [],
      answer: `${service}의 ${object}을(를) ${verb.replace(/는$/, '려면')} 다음 순서를 따르세요. ${steps.join(' ')}`,
      platforms: rnd() < 0.3 ? [platform] : [],
      links: [],
    })
  }
  return out
}

function arg (argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2)
  const entries = generateEntries(Number(arg(argv, 'entries') ?? 100_000), Number(arg(argv, 'seed') ?? 1))
  const text = JSON.stringify(entries)
  const out = arg(argv, 'out')
  if (out) {
    writeFileSync(out, text)
    console.error(`${entries.length} entries, ${(text.length / 1e6).toFixed(1)} MB → ${out}`)
  } else process.stdout.write(text)
}
