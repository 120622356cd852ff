// faq-skill build [<corpus.json>] [--out <file>]: build the matcher's index for a corpus and save
// it beside it (faq.json -> faq.json.index), so the server starts by restoring it instead of
// building. The server uses it only while it matches the corpus file and the matcher options
// (SYNONYMS_FILE, MATCH_*), so build again after changing either; a stale file is ignored, not used.
import { loadConfig, thresholdsOf } from '../config.js'
import { writeIndexSnapshot } from '../faq/index-snapshot.js'
import { commandArgs } from './args.js'

const USAGE = 'usage: faq-skill build [<corpus.json>] [--out <file>]   (default corpus: FAQ_FILE)'

export async function run (argv: string[]): Promise<number> {
  const config = loadConfig()
  // The corpus is optional here (FAQ_FILE by default), so give commandArgs one when none is named.
  const args = commandArgs('build', argv.some((a) => !a.startsWith('-')) ? argv : [...argv, config.FAQ_FILE], { out: { type: 'string' } }, USAGE)
  if (typeof args === 'number') return args
  const corpusFile = args.positionals[0]!
  const result = await writeIndexSnapshot(corpusFile, {
    matcher: { synonymsFile: config.SYNONYMS_FILE, modelFile: config.MATCH_MODEL_FILE, thresholds: thresholdsOf(config) },
    out: args.values.out,
  })
  if (!result.written) {
    console.error(`faq-skill build: no index written (${result.reason}); the server builds the index at start instead`)
    return 1
  }
  console.error(`${result.entries} entries: index ${(result.bytes / 1e6).toFixed(1)} MB → ${result.file} (${(result.buildMs / 1000).toFixed(1)} s)`)
  return 0
}
