import t from 'tap'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { figures, parseEvalFile, evaluate, sweep } from '../src/match/eval.js'
import { createMatcher } from '../src/match/index.js'
import type { FaqCorpus } from '../src/faq/schema.js'
import type { MatchResult } from '../src/match/types.js'
import { projectRoot } from '../src/paths.js'

const cand = (question: string, score = 0.5) => ({ faqId: question, question, score })

t.test('figures: accuracy, wrong answers, top-3 recall and OOD answered on a made-up file', async (t) => {
  const cases = parseEvalFile(
    [
      '{"utterance": "a", "expect": ["사과"]}',
      '{"utterance": "b", "expect": ["배"]}',
      '',
      '{"utterance": "c", "expect": ["감", "귤"]}',
      '{"utterance": "d", "expect": ["포도"]}',
      '{"utterance": "e", "expect": []}',
      '{"utterance": "f", "expect": []}',
    ].join('\n')
  )
  t.equal(cases.length, 6)
  const results: MatchResult[] = [
    { outcome: 'answer', candidates: [cand('사과는 언제?'), cand('배는?')], score: 0 }, // right
    { outcome: 'answer', candidates: [cand('사과는 언제?'), cand('배는?')], score: 0 }, // wrong, but in top 3
    { outcome: 'choices', candidates: [cand('딸기'), cand('수박'), cand('귤은?')], score: 0 }, // not answered, in top 3
    { outcome: 'none', candidates: [cand('딸기'), cand('수박'), cand('참외'), cand('포도')], score: 0 }, // 4th: not in top 3
    { outcome: 'answer', candidates: [cand('딸기')], score: 0 }, // OOD answered
    { outcome: 'none', candidates: [], score: 0 },
  ]
  const { figures: f, misses } = figures(cases, results)
  t.equal(f.inDomain, 4)
  t.equal(f.outOfDomain, 2)
  t.equal(f.answerAccuracy, 1 / 4)
  t.equal(f.wrongAnswerRate, 1 / 4)
  t.equal(f.top3Recall, 3 / 4)
  t.equal(f.outOfDomainAnswered, 1 / 2)
  t.equal(f.coverage, 2 / 4)
  t.same(misses.map((m) => m.utterance), ['b', 'c', 'd', 'e'])
})

t.test('parseEvalFile names the bad line', async (t) => {
  t.throws(() => parseEvalFile('{"utterance": "a", "expect": []}\nnot json', 'x.jsonl'), /x\.jsonl:2/)
  t.throws(() => parseEvalFile('{"utterance": "a"}', 'x.jsonl'), /x\.jsonl:1: expected/)
})

t.test('evaluate and sweep run the matcher in-process; a stricter threshold never answers more', async (t) => {
  const corpus = JSON.parse(readFileSync(join(projectRoot, 'test', 'data', 'match-corpus.json'), 'utf8')) as FaqCorpus
  const matcher = await createMatcher(corpus, { synonymsFile: join(projectRoot, 'data', 'synonyms.json') })
  const cases = parseEvalFile(
    ['{"utterance": "톡학생증 학적정보 어디서 가져오나요", "expect": ["학적정보"]}', '{"utterance": "카톡 비번 잊어버렸어요", "expect": ["비밀번호"]}', '{"utterance": "오늘 날씨 어때", "expect": []}'].join('\n')
  )
  const { figures: f } = evaluate(matcher, cases)
  t.equal(f.answerAccuracy, 1)
  t.equal(f.outOfDomainAnswered, 0)
  const rows = sweep(matcher, cases)
  t.ok(rows.length > 10)
  const byMin = rows.filter((r) => r.marginMin === 0).sort((a, b) => a.answerMin - b.answerMin)
  for (let i = 1; i < byMin.length; i++) t.ok(byMin[i]!.coverage <= byMin[i - 1]!.coverage, `coverage falls at ${byMin[i]!.answerMin}`)
})

t.test('faq-skill eval prints the figures and the sweep, or JSON', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faq-eval-'))
  const file = join(dir, 'tiny.jsonl')
  writeFileSync(file, '{"utterance": "톡학생증 학적정보 어디서 가져오나요", "expect": ["학적정보"]}\n{"utterance": "오늘 날씨 어때", "expect": []}\n')
  const saved = { FAQ_FILE: process.env.FAQ_FILE }
  process.env.FAQ_FILE = join(projectRoot, 'test', 'data', 'match-corpus.json')
  t.teardown(() => {
    if (saved.FAQ_FILE === undefined) delete process.env.FAQ_FILE
    else process.env.FAQ_FILE = saved.FAQ_FILE
  })
  const lines: string[] = []
  const log = console.log
  console.log = (...a: unknown[]) => void lines.push(a.join(' '))
  let code: number
  try {
    const { run } = await import('../src/cli/eval.js')
    code = await run([file, '--json'])
    t.equal(await run([]), 2, 'usage error without a file')
    await run([file])
  } finally {
    console.log = log
  }
  t.equal(code, 0)
  const json = JSON.parse(lines[0]!)
  t.equal(json.sets.length, 1, 'one file, one set')
  t.equal(json.sets[0].ours.answerAccuracy, 1)
  t.equal(json.sets[0].ours.outOfDomainAnswered, 0)
  t.ok(json.sets[0].baseline, 'the baseline is measured beside it')
  t.ok(Array.isArray(json.sweep))
  const text = lines.slice(1).join('\n')
  t.match(text, /match-corpus\.json : tiny\.jsonl\s+\d+\s+1\/1\s+100\.0%\s+0\.0%\s+100\.0%\s+100\.0%\s+0\.0%/)
  t.match(text, /answerMin marginMin/)
})
