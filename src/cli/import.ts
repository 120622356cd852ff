// faq-skill import <files...> --out <file>: build one corpus from help-centre pages, CSV and
// JSON/JSONL. Prints what it merged and why to stderr; exits 1 on errors, writing nothing.
import { writeFile, rename, stat } from 'node:fs/promises'
import { commandArgs } from './args.js'
import { describeIssues, describeMerges, ImportError, importFiles, serializeCorpus } from '../faq/import/index.js'

const USAGE = `usage: faq-skill import <files...> --out <file> [--quiet]

  Reads Kakao help-centre pages (.txt), CSV (.csv/.tsv, header row in English or Korean)
  and JSON/JSONL in the corpus format; merges duplicates; writes one corpus.
  --out -    writes to stdout.`

export async function run(argv: string[]): Promise<number> {
  const parsed = commandArgs('import', argv, { out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' } }, USAGE, 'no input files')
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  if (!values.out) {
    console.error(`faq-skill import: --out is required\n\n${USAGE}`)
    return 2
  }
  const say = (line: string) => console.error(line)
  let result
  try {
    result = await importFiles(positionals)
  } catch (err) {
    if (err instanceof ImportError) {
      say(`faq-skill import: ${err.message}`)
      return 1
    }
    throw err
  }
  if (!values.quiet) for (const line of describeMerges(result.merges)) say(line)
  for (const line of describeIssues(result.issues)) say(line)
  const { entries } = result.corpus
  if (result.errors) {
    say(`faq-skill import: ${result.errors} error(s); nothing written`)
    return 1
  }
  const text = serializeCorpus(result.corpus)
  if (values.out === '-') process.stdout.write(text)
  else if (await isSpecial(values.out)) await writeFile(values.out, text)
  else {
    // Write then rename, so a server reloading on SIGHUP never reads half a file.
    const tmp = `${values.out}.${process.pid}.tmp`
    await writeFile(tmp, text)
    await rename(tmp, values.out)
  }
  say(`imported ${result.records} record(s) from ${positionals.length} file(s) into ${entries.length} entries (${result.merges.length} merge(s)) → ${values.out}`)
  return 0
}

/** A device or pipe (/dev/null, /dev/stdout): write to it, never rename over it. */
async function isSpecial(path: string): Promise<boolean> {
  try {
    return !(await stat(path)).isFile()
  } catch {
    return false
  }
}
