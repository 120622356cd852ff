import t from 'tap'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { figures, measure, parseEvalFile, percentile, poolSweeps, selectSplit, sweep, type Matching, type Scored } from '../src/match/eval.js'
import { formatTable, parseSet, run } from '../src/cli/eval.js'
import type { Thresholds } from '../src/match/thresholds.js'

const cand = (question: string) => ({ faqId: question, question, score: 0.5 })

t.test('figures count out-of-domain choices beside out-of-domain answers', async (t) => {
  const cases = parseEvalFile(['{"utterance": "a", "expect": []}', '{"utterance": "b", "expect": []}', '{"utterance": "c", "expect": []}', '{"utterance": "d", "expect": []}'].join('\n'))
  const results: Scored[] = [
    { outcome: 'answer', candidates: [cand('x')] },
    { outcome: 'choices', candidates: [cand('x'), cand('y')] },
    { outcome: 'none', candidates: [cand('x')] },
    { outcome: 'none', candidates: [] },
  ]
  const { figures: f, misses } = figures(cases, results)
  t.equal(f.outOfDomain, 4)
  t.equal(f.inDomain, 0)
  t.equal(f.outOfDomainAnswered, 1 / 4)
  t.equal(f.outOfDomainChoices, 1 / 4)
  t.equal(f.answerAccuracy, 0, 'no in-domain line: shares are 0, not NaN')
  t.same(misses.map((m) => m.utterance), ['a'], 'choices on chit-chat are counted, not listed as a miss')
})

t.test('top-3 counts distinct questions: a duplicate does not push the right one out', async (t) => {
  const [c] = parseEvalFile('{"utterance": "q", "expect": ["정답"]}')
  const fourth: Scored = { outcome: 'none', candidates: [cand('오답'), cand('딴것'), cand('또다른'), cand('정답')] }
  t.equal(figures([c!], [fourth]).figures.top3Recall, 0, 'fourth distinct question')
  const dup: Scored = { outcome: 'none', candidates: [cand('오답'), cand('오답'), cand('딴것'), cand('정답이에요')] }
  t.equal(figures([c!], [dup]).figures.top3Recall, 1, 'third distinct question, and a substring of it counts')
})

t.test('parseEvalFile keeps the split; selectSplit keeps lines that belong to no half', async (t) => {
  const cases = parseEvalFile(['{"utterance": "a", "expect": [], "split": "fit"}', '{"utterance": "b", "expect": [], "split": "check"}', '{"utterance": "c", "expect": []}'].join('\n'))
  t.same(cases.map((c) => c.split), ['fit', 'check', undefined])
  t.same(selectSplit(cases, 'check').map((c) => c.utterance), ['b', 'c'])
  t.same(selectSplit(cases).length, 3)
  t.throws(() => parseEvalFile('{"utterance": "a", "expect": [], "split": 1}', 'x.jsonl'), /x\.jsonl:1: "split"/)
})

t.test('percentile is the value at floor(p * n) of the sorted values, as run-eval.mjs takes it', async (t) => {
  const v = Array.from({ length: 100 }, (_, i) => i + 1)
  t.equal(percentile(v, 0.5), 51)
  t.equal(percentile(v, 0.99), 100)
  t.equal(percentile([7], 0.99), 7)
  t.ok(Number.isNaN(percentile([], 0.5)))
})

// A matcher whose decision is a pure function of its thresholds: answers when its score clears answerMin.
const scores: Record<string, number> = { 사과: 0.9, 배: 0.6, 감: 0.3, 날씨: 0.4 }
const fake: Matching = {
  match (u: string, th?: Partial<Thresholds>) {
    const s = scores[u] ?? 0
    const answer = s >= (th?.answerMin ?? 0.5)
    return { outcome: answer ? 'answer' : s > 0.2 ? 'choices' : 'none', candidates: s ? [cand(`${u}은?`)] : [] }
  },
}
const fakeCases = parseEvalFile(['{"utterance": "사과", "expect": ["사과"]}', '{"utterance": "배", "expect": ["배"]}', '{"utterance": "감", "expect": ["감"]}', '{"utterance": "날씨", "expect": []}'].join('\n'))

t.test('measure counts the first timed pass and times every call', async (t) => {
  let calls = 0
  const counting: Matching = {
    match: (u, th) => {
      calls++
      return fake.match(u, th)
    }
  }
  const m = measure(counting, fakeCases)
  t.equal(m.figures.answerAccuracy, 2 / 3, '사과 0.9 and 배 0.6 clear the default 0.5')
  t.equal(m.figures.outOfDomainChoices, 1)
  t.ok(m.latency.p50Ms >= 0 && m.latency.p99Ms >= m.latency.p50Ms)
  t.ok(calls > 2 * fakeCases.length, 'a warm-up pass, then enough timed passes for a p99')
})

t.test('sweep passes its thresholds to match(); a stricter answerMin never answers more; pooling sums counts', async (t) => {
  const rows = sweep(fake, fakeCases)
  t.equal(rows.length, 15 * 5)
  const at = (a: number) => rows.find((r) => Math.abs(r.answerMin - a) < 1e-9 && r.marginMin === 0)!
  t.equal(at(0.2).coverage, 1)
  t.equal(at(0.2).outOfDomainAnswered, 1)
  t.equal(at(0.5).coverage, 2 / 3)
  t.equal(at(0.9).coverage, 1 / 3)
  const byMin = rows.filter((r) => r.marginMin === 0)
  for (let i = 1; i < byMin.length; i++) t.ok(byMin[i]!.coverage <= byMin[i - 1]!.coverage)
  const pooled = poolSweeps([rows, rows])
  t.equal(pooled[0]!.cases, 2 * fakeCases.length)
  t.equal(pooled[0]!.answerAccuracy, rows[0]!.answerAccuracy, 'the same set twice: the same shares')
  t.same(poolSweeps([]), [])
})

t.test('parseSet splits corpus and cases at the last colon', async (t) => {
  t.same(parseSet('data/eval/corpora/shop.json:data/eval/shop.jsonl'), { name: 'shop.json : shop.jsonl', corpus: 'data/eval/corpora/shop.json', cases: 'data/eval/shop.jsonl' })
  t.throws(() => parseSet('shop.json'), /--set wants/)
  t.throws(() => parseSet('shop.json:'), /--set wants/)
})

t.test('formatTable shows no accuracy for a set with only out-of-domain lines', async (t) => {
  const chat = { ...figures(fakeCases.slice(3), [{ outcome: 'choices', candidates: [] }]).figures, p50Ms: 0.1, p99Ms: 0.2 }
  const text = formatTable([{ name: 'chit-chat', entries: 3, ours: chat, baseline: chat }])
  const row = text.split('\n')[1]!
  t.match(row, /^chit-chat\s+3\s+0\/1\s+-\s+-\s+-\s+-\s+0\.0%\s+100\.0%\s+0\.10\s+0\.20/)
})

t.test('faq-skill eval --set measures each corpus with its own lines, beside the baseline', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faq-eval-sets-'))
  const entry = (id: string, question: string, answer: string) => ({ id, category: ['테스트'], question, alternates: [], answer, platforms: [], links: [] })
  const shop = join(dir, 'shop.json')
  writeFileSync(shop, JSON.stringify({ version: 1, entries: [entry('a', '반품 배송비는 누가 내나요?', '단순 변심이면 고객님이 부담합니다.'), entry('b', '적립금은 언제 쌓이나요?', '구매확정 다음 날 쌓입니다.')] }))
  const bank = join(dir, 'bank.json')
  writeFileSync(bank, JSON.stringify({ version: 1, entries: [entry('c', '카드를 잃어버렸어요.', '앱에서 분실 신고를 하면 바로 정지됩니다.'), entry('d', '이체 한도는 얼마인가요?', '하루 5천만 원입니다.')] }))
  const shopCases = join(dir, 'shop.jsonl')
  writeFileSync(shopCases, ['{"utterance": "반품 배송비 누가 내요", "expect": ["반품 배송비"], "split": "fit"}', '{"utterance": "적립금 언제 쌓여요", "expect": ["적립금"], "split": "check"}', '{"utterance": "배고파", "expect": [], "split": "check"}'].join('\n'))
  const bankCases = join(dir, 'bank.jsonl')
  writeFileSync(bankCases, '{"utterance": "카드 잃어버렸어요", "expect": ["잃어버렸"]}\n')
  const lines: string[] = []
  const log = console.log
  console.log = (...a: unknown[]) => void lines.push(a.join(' '))
  let code: number
  try {
    code = await run(['--set', `${shop}:${shopCases}`, '--set', `${bank}:${bankCases}`, '--split', 'check', '--no-sweep', '--json'])
  } finally {
    console.log = log
  }
  t.equal(code, 0)
  const { sets } = JSON.parse(lines[0]!) as { sets: Array<{ name: string; entries: number; ours: { cases: number; inDomain: number }; baseline: { answerAccuracy: number; outOfDomainAnswered: number } }> }
  t.same(sets.map((s) => s.name), ['shop.json : shop.jsonl [check]', 'bank.json : bank.jsonl [check]'])
  t.same(sets.map((s) => s.ours.cases), [2, 1], '--split check drops the fit line; a file without splits stays whole')
  t.same(sets.map((s) => s.entries), [2, 2])
  t.equal(sets[0]!.baseline.answerAccuracy, 1, 'the baseline finds 적립금')
  t.equal(sets[0]!.baseline.outOfDomainAnswered, 0, '배고파 shares no term with the shop corpus')
  t.equal(sets[1]!.baseline.answerAccuracy, 1)
  t.equal(await run(['--set', 'no-colon']), 2, 'a malformed --set is a usage error')
})
