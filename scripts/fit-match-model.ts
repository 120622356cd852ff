// Refits data/match-model.json, the matcher's confidence model, on our own labelled corpora:
// the bundled Kakao corpus (data/eval/holdout.jsonl, kakao-own.jsonl fit half) and the shop, bank, delivery,
// insurer, seller, airline, edu, telecom, clinic and game corpora of data/eval/corpora (their `split: "fit"` lines), each with our own chit-chat lines as
// out-of-domain. Several corpora, never one: the model must not learn one corpus's statistics.
//
//   npx tsx scripts/fit-match-model.ts [--dry-run]
import { readFile, writeFile } from 'node:fs/promises'
import { loadCorpusFile } from '../src/faq/load.js'
import { createMatcher, fitConfidenceModel, type FitSet } from '../src/match/index.js'
import type { FitCase } from '../src/match/fit.js'
import { dataPath } from '../src/paths.js'

async function lines (file: string, split?: string): Promise<FitCase[]> {
  const text = await readFile(dataPath('eval', file), 'utf8')
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as FitCase & { split?: string })
    .filter((c) => !split || !c.split || c.split === split)
    .map(({ utterance, expect }) => ({ utterance, expect }))
}

const synonymsFile = dataPath('synonyms.json')
const chitchat = await lines('chitchat-own.jsonl', 'fit')
const sets: FitSet[] = []
const add = async (name: string, corpusFile: string, cases: FitCase[]) => {
  const { corpus } = await loadCorpusFile(corpusFile)
  sets.push({ name, matcher: await createMatcher(corpus, { synonymsFile }), cases: [...cases, ...chitchat] })
}
await add('faq.json: holdout + kakao-own fit half', dataPath('faq.json'), [...(await lines('holdout.jsonl')), ...(await lines('kakao-own.jsonl', 'fit'))])
for (const c of ['shop', 'bank', 'delivery', 'insurer', 'seller', 'airline', 'edu', 'telecom', 'clinic', 'game']) await add(`${c}.json: fit half`, dataPath('eval', 'corpora', `${c}.json`), await lines(`${c}.jsonl`, 'fit'))

const model = fitConfidenceModel(sets)
const json = JSON.stringify({ ...model, fittedOn: `scripts/fit-match-model.ts, each set with chitchat-own.jsonl (fit half) as out-of-domain: ${model.fittedOn}` }, null, 2)
console.log(json)
if (!process.argv.includes('--dry-run')) await writeFile(dataPath('match-model.json'), json + '\n')
