// faq-skill eval: answer quality of our matcher on one or more corpus/eval pairs, measured in-process,
// each figure beside the naive MiniSearch-bigram baseline (match/baseline.ts) taken in the same run
// on the same lines, plus a threshold sweep pooled over all sets to choose MATCH_* values.
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig, thresholdsOf } from '../config.js'
import { loadCorpusFile } from '../faq/load.js'
import { writeFile } from 'node:fs/promises'
import { createMatcher, fitConfidenceModel, type FitSet } from '../match/index.js'
import { createBaseline } from '../match/baseline.js'
import { loadEvalFile, measure, poolSweeps, selectSplit, sweep, type EvalFigures, type EvalMiss, type Latency, type SweepRow } from '../match/eval.js'

const USAGE = `usage: faq-skill eval [<cases.jsonl>...] [--set <corpus.json>:<cases.jsonl>]... [options]

  <cases.jsonl>     lines measured against the configured corpus (FAQ_FILE), one row per file
  --set C:F         lines F measured against corpus C; repeat for several corpora
  --split fit|check only the lines of that half (lines without a "split" field are kept)
  --json            one JSON object: thresholds, per-set figures of ours and the baseline, sweep
  --verbose         list our misses (MISS lines; with --json, in each set)
  --no-sweep        skip the threshold sweep
  --no-baseline     skip the MiniSearch-bigram baseline
  --fit F           instead of measuring, refit the confidence model on the labelled lines F
                    (against FAQ_FILE; repeat --fit and add --set pairs for more corpora) and
                    write it to --out (default: MATCH_MODEL_FILE, else ./match-model.json)

Line format: {"utterance": "...", "expect": ["substring of an acceptable question", ...]}; expect []
means out of domain (must not be answered).`

/** One corpus with the lines written for it. */
export interface EvalSet {
  name: string
  corpus: string
  cases: string
}

/** Figures of one matcher on one set. */
export type Measured = EvalFigures & Latency

export interface SetReport {
  name: string
  corpus: string
  cases: string
  split?: string
  entries: number
  ours: Measured
  baseline?: Measured
  misses?: EvalMiss[]
}

/** `corpus.json:cases.jsonl`, split at the last colon (a corpus path is more likely to hold one). */
export function parseSet (spec: string): EvalSet {
  const i = spec.lastIndexOf(':')
  if (i <= 0 || i === spec.length - 1) throw new Error(`--set wants <corpus.json>:<cases.jsonl>, got "${spec}"`)
  const corpus = spec.slice(0, i)
  const cases = spec.slice(i + 1)
  return { name: `${basename(corpus)} : ${basename(cases)}`, corpus, cases }
}

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) + '%' : '-')
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-')

/**
 * The report table: per set our accuracy, wrong, top-1 (first candidate right, whatever the outcome), top-3, out-of-domain answered and offered choices,
 * latency; then the baseline's top-1 (its accuracy, as it always answers), wrong, top-3. A set with
 * only out-of-domain lines (chit-chat) has no accuracy: read its answered% and choices%.
 */
export function formatTable (reports: Array<Pick<SetReport, 'name' | 'entries' | 'ours' | 'baseline'>>, latencyLabel = 'match'): string {
  const head = ['set', 'entries', 'in/ood', 'accuracy', 'wrong', 'top-1', 'top-3', 'ood answered', 'ood choices', `p50 ${latencyLabel}`, `p99 ${latencyLabel}`, '|', 'base top-1', 'base wrong', 'base top-3', 'base ood ans', 'base p50', 'base p99']
  const inDomain = (f: EvalFigures, x: number) => (f.inDomain ? pct(x) : '-')
  const ood = (f: EvalFigures, x: number) => (f.outOfDomain ? pct(x) : '-')
  const rows = reports.map(({ name, entries, ours: o, baseline: b }) => [
    name,
    String(entries),
    `${o.inDomain}/${o.outOfDomain}`,
    inDomain(o, o.answerAccuracy),
    inDomain(o, o.wrongAnswerRate),
    inDomain(o, o.top1Recall),
    inDomain(o, o.top3Recall),
    ood(o, o.outOfDomainAnswered),
    ood(o, o.outOfDomainChoices),
    ms(o.p50Ms),
    ms(o.p99Ms),
    '|',
    ...(b ? [inDomain(b, b.answerAccuracy), inDomain(b, b.wrongAnswerRate), inDomain(b, b.top3Recall), ood(b, b.outOfDomainAnswered), ms(b.p50Ms), ms(b.p99Ms)] : ['-', '-', '-', '-', '-', '-']),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [line(head), ...rows.map(line)].join('\n')
}

function formatSweep (rows: SweepRow[]): string {
  const out = ['answerMin marginMin  accuracy  wrong  coverage  ood-answered  ood-choices  top-3']
  for (const r of rows) {
    out.push(
      `${r.answerMin.toFixed(2).padStart(9)} ${r.marginMin.toFixed(2).padStart(9)}  ${pct(r.answerAccuracy).padStart(8)}  ${pct(r.wrongAnswerRate).padStart(5)}  ${pct(r.coverage).padStart(8)}  ${pct(r.outOfDomainAnswered).padStart(12)}  ${pct(r.outOfDomainChoices).padStart(11)}  ${pct(r.top3Recall).padStart(5)}`
    )
  }
  return out.join('\n')
}

export async function run (argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        set: { type: 'string', multiple: true, default: [] },
        split: { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        'no-sweep': { type: 'boolean', default: false },
        'no-baseline': { type: 'boolean', default: false },
        fit: { type: 'string', multiple: true, default: [] },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (err) {
    console.error(`faq-skill eval: ${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const config = loadConfig()
  if (values.fit.length) return fit(values.fit, values.set, values.split, values.out ?? config.MATCH_MODEL_FILE ?? 'match-model.json')
  let sets: EvalSet[]
  try {
    sets = [...positionals.map((f) => ({ name: `${basename(config.FAQ_FILE)} : ${basename(f)}`, corpus: config.FAQ_FILE, cases: f })), ...values.set.map(parseSet)]
  } catch (err) {
    console.error(`faq-skill eval: ${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (!sets.length) {
    console.error(`faq-skill eval: no eval file or --set given\n\n${USAGE}`)
    return 2
  }
  const thresholds = thresholdsOf(config)
  const reports: SetReport[] = []
  const sweeps: SweepRow[][] = []
  for (const s of sets) {
    const { corpus } = await loadCorpusFile(s.corpus)
    const cases = selectSplit(await loadEvalFile(s.cases), values.split)
    const matcher = await createMatcher(corpus, { synonymsFile: config.SYNONYMS_FILE, thresholds, modelFile: config.MATCH_MODEL_FILE })
    const ours = measure(matcher, cases)
    const report: SetReport = { name: values.split ? `${s.name} [${values.split}]` : s.name, corpus: s.corpus, cases: s.cases, entries: corpus.entries.length, ours: { ...ours.figures, ...ours.latency } }
    if (values.split) report.split = values.split
    if (!values['no-baseline']) {
      const b = measure(createBaseline(corpus), cases)
      report.baseline = { ...b.figures, ...b.latency }
    }
    if (values.verbose) report.misses = ours.misses
    reports.push(report)
    if (!values['no-sweep']) sweeps.push(sweep(matcher, cases, thresholds))
  }
  const pooled = poolSweeps(sweeps)
  if (values.json) {
    console.log(JSON.stringify({ thresholds, sets: reports, sweep: pooled.length ? pooled : undefined }))
    return 0
  }
  if (values.verbose) {
    for (const r of reports) for (const m of r.misses ?? []) console.log('MISS', JSON.stringify({ set: r.name, ...m }))
  }
  console.log(`thresholds ${JSON.stringify(thresholds)}`)
  console.log(formatTable(reports))
  if (pooled.length) {
    console.log(`\nsweep over ${sets.length > 1 ? `all ${sets.length} sets pooled` : 'the set'} (coverage = in-domain questions answered confidently)`)
    console.log(formatSweep(pooled))
  }
  return 0
}

/** `--fit`: the confidence model refitted on labelled lines (one set per corpus) and written out. */
async function fit (files: string[], pairs: string[], split: string | undefined, out: string): Promise<number> {
  const config = loadConfig()
  const sets: FitSet[] = []
  const add = async (corpusFile: string, casesFile: string) => {
    const { corpus } = await loadCorpusFile(corpusFile)
    const matcher = await createMatcher(corpus, { synonymsFile: config.SYNONYMS_FILE })
    sets.push({ name: `${basename(corpusFile)} : ${basename(casesFile)}`, matcher, cases: selectSplit(await loadEvalFile(casesFile), split) })
  }
  for (const f of files) await add(config.FAQ_FILE, f)
  for (const p of pairs) {
    const s = parseSet(p)
    await add(s.corpus, s.cases)
  }
  const model = fitConfidenceModel(sets)
  await writeFile(out, JSON.stringify(model, null, 2) + '\n')
  console.log(`wrote ${out}: fitted on ${model.fittedOn}; serve it with MATCH_MODEL_FILE=${out}`)
  return 0
}
