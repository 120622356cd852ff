import { loadCorpusFile } from '../src/faq/load.js'
import { createMatcher } from '../src/match/index.js'
import { loadEvalFile } from '../src/match/eval.js'
const { corpus } = await loadCorpusFile('/work/wt/matcher/data/faq.json')
const m = await createMatcher(corpus, { synonymsFile: '/work/wt/matcher/data/synonyms.json' })
for (const f of process.argv.slice(2)) for (const c of await loadEvalFile(f)) {
  const { result, explain } = m.explain(c.utterance)
  const top = explain.scored[0]
  const ok = c.expect.length === 0 ? 'OOD' : (top && c.expect.some(k => top.question.includes(k)) ? 'ok ' : 'BAD')
  console.log(ok, (top?.score ?? 0).toFixed(2), 'f', (top?.forward??0).toFixed(2), 'b', (top?.backward??0).toFixed(2), 'm', explain.margin.toFixed(2), 'e', top?.evidence, result.outcome.padEnd(7), c.utterance)
}
