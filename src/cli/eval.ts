// faq-skill eval <file.jsonl...> [--json] [--verbose]: answer quality of the configured corpus,
// synonyms and thresholds, measured in-process, plus a threshold sweep to choose MATCH_* values.
import { parseArgs } from 'node:util'
import { loadConfig, thresholdsOf } from '../config.js'
import { loadCorpusFile } from '../faq/load.js'
import { createMatcher } from '../match/index.js'
import { evaluate, loadEvalFile, sweep, type EvalFigures } from '../match/eval.js'

const pct = (x: number) => (100 * x).toFixed(1) + '%'

export function summary(f: EvalFigures): string {
  return [
    `cases ${f.cases} (in-domain ${f.inDomain}, out-of-domain ${f.outOfDomain})`,
    `answer accuracy ${pct(f.answerAccuracy)}  wrong answers ${pct(f.wrongAnswerRate)}  top-3 recall ${pct(f.top3Recall)}  out-of-domain answered ${pct(f.outOfDomainAnswered)}`,
  ].join('\n')
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, 'no-sweep': { type: 'boolean', default: false } },
  })
  if (!positionals.length) {
    console.error('usage: faq-skill eval <file.jsonl...> [--json] [--verbose] [--no-sweep]')
    return 2
  }
  const config = loadConfig()
  const { corpus } = await loadCorpusFile(config.FAQ_FILE)
  const matcher = await createMatcher(corpus, { synonymsFile: config.SYNONYMS_FILE, thresholds: thresholdsOf(config), modelFile: config.MATCH_MODEL_FILE })
  const cases = (await Promise.all(positionals.map((f) => loadEvalFile(f)))).flat()
  const { figures, misses } = evaluate(matcher, cases)
  const rows = values['no-sweep'] ? [] : sweep(matcher, cases, matcher.thresholds)
  if (values.json) {
    console.log(JSON.stringify({ thresholds: matcher.thresholds, figures, misses: values.verbose ? misses : undefined, sweep: rows.length ? rows : undefined }))
    return 0
  }
  if (values.verbose) for (const m of misses) console.log('MISS', JSON.stringify(m))
  console.log(`thresholds ${JSON.stringify(matcher.thresholds)}`)
  console.log(summary(figures))
  if (rows.length) {
    console.log('\nsweep (coverage = in-domain questions answered confidently)')
    console.log('answerMin marginMin  accuracy  wrong  coverage  ood-answered  top-3')
    for (const r of rows) {
      console.log(
        `${r.answerMin.toFixed(2).padStart(9)} ${r.marginMin.toFixed(2).padStart(9)}  ${pct(r.answerAccuracy).padStart(8)}  ${pct(r.wrongAnswerRate).padStart(5)}  ${pct(r.coverage).padStart(8)}  ${pct(r.outOfDomainAnswered).padStart(12)}  ${pct(r.top3Recall).padStart(5)}`,
      )
    }
  }
  return 0
}
