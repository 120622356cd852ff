// faq-skill ask "<utterance>" [--json]: what the matcher does with one utterance, so an operator
// can see why it answered, offered choices or gave up: the rewritten text, synonyms applied,
// terms with their weight and IDF, ranked candidates with their probability and the features the
// confidence model saw, and the outcome.
import { parseArgs } from 'node:util'
import { loadConfig, thresholdsOf } from '../config.js'
import { loadCorpusFile } from '../faq/load.js'
import { createMatcher } from '../match/index.js'

export async function run (argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } })
  const utterance = positionals.join(' ')
  if (!utterance.trim()) {
    console.error('usage: faq-skill ask "<utterance>" [--json]')
    return 2
  }
  const config = loadConfig()
  const { corpus } = await loadCorpusFile(config.FAQ_FILE)
  const matcher = await createMatcher(corpus, { synonymsFile: config.SYNONYMS_FILE, thresholds: thresholdsOf(config), modelFile: config.MATCH_MODEL_FILE })
  const x = matcher.explain(utterance)
  if (values.json) {
    console.log(JSON.stringify(x))
    return 0
  }
  const f = (n: number) => n.toFixed(2)
  console.log(`utterance   ${utterance}`)
  console.log(`normalized  ${x.normalized}`)
  if (x.synonyms.length) console.log(`synonyms    ${x.synonyms.map((s) => `${s.from}→${s.to}`).join(', ')}`)
  if (x.expansions.length) console.log(`lexicon     + ${x.expansions.join(', ')}`)
  if (x.keyboard.length) console.log(`keyboard    ${x.keyboard.map((s) => `${s.from}→${s.to}`).join(', ')}`)
  if (x.rewritten !== x.normalized) console.log(`rewritten   ${x.rewritten}`)
  if (x.platforms.length) console.log(`platforms   ${x.platforms.join(', ')}`)
  console.log(`terms       ${x.terms.map((t) => `${t.term}${t.typoOf ? `<${t.typoOf}` : ''}${t.seen ? '' : '?'}(${t.weight}×${f(t.idf)})`).join(' ')}`)
  console.log('')
  x.ranked.forEach((c, i) => {
    const v = c.features
    console.log(`${String(i + 1).padStart(2)}. p=${c.score.toFixed(3)} rel ${f(c.relevance)}  [${c.faqId}] ${c.question}`)
    console.log(`      share ${f(v.relevance)} cover ${f(v.coverage)} answer-only ${f(v.answerOnly)} back ${f(v.backward)} gap ${f(v.gap)} unseen ${f(v.unseen)}  matched ${c.matched.join(' ') || '-'}`)
  })
  console.log('')
  console.log(`outcome     ${x.outcome} (${x.reason}; thresholds ${JSON.stringify(x.thresholds)})`)
  if (x.outcome !== 'none') console.log(`offered     ${x.candidates.slice(0, x.offered ?? x.candidates.length).map((c) => c.faqId).join(', ')}`)
  return 0
}
