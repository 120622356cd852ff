// faq-skill ask "<utterance>" [--json]: what the matcher does with one utterance, so an operator
// can see why it answered, offered choices or gave up: the rewritten text, synonyms applied,
// terms with their IDF, ranked candidates with scores and matched terms, and the outcome.
import { parseArgs } from 'node:util'
import { loadConfig, thresholdsOf } from '../config.js'
import { loadCorpusFile } from '../faq/load.js'
import { createMatcher } from '../match/index.js'

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } })
  const utterance = positionals.join(' ')
  if (!utterance.trim()) {
    console.error('usage: faq-skill ask "<utterance>" [--json]')
    return 2
  }
  const config = loadConfig()
  const { corpus } = await loadCorpusFile(config.FAQ_FILE)
  const matcher = await createMatcher(corpus, { synonymsFile: config.SYNONYMS_FILE, thresholds: thresholdsOf(config) })
  const { result, explain } = matcher.explain(utterance)
  if (values.json) {
    console.log(JSON.stringify({ outcome: result.outcome, candidates: result.candidates, explain }))
    return 0
  }
  console.log(`utterance   ${utterance}`)
  console.log(`normalized  ${explain.normalized}`)
  if (explain.synonyms.length) console.log(`synonyms    ${explain.synonyms.map((s) => `${s.from}→${s.to}`).join(', ')}`)
  if (explain.rewritten !== explain.normalized) console.log(`rewritten   ${explain.rewritten}`)
  if (explain.platforms.length) console.log(`platforms   ${explain.platforms.join(', ')}`)
  console.log(`terms       ${explain.terms.map((t) => `${t.term}${t.cross ? '~' : ''}(${t.idf.toFixed(2)})`).join(' ')}`)
  console.log('')
  explain.scored.forEach((c, i) => {
    console.log(`${String(i + 1).padStart(2)}. ${c.score.toFixed(3)}  fwd ${c.forward.toFixed(2)} back ${c.backward.toFixed(2)}  [${c.faqId}] ${c.question}`)
    console.log(`      matched ${c.matched.join(' ') || '-'}`)
  })
  console.log('')
  console.log(`outcome     ${result.outcome} (${explain.reason}; margin ${explain.margin.toFixed(3)}; thresholds ${JSON.stringify(matcher.thresholds)})`)
  if (result.outcome !== 'none') console.log(`offered     ${result.candidates.map((c) => c.faqId).join(', ')}`)
  return 0
}
