// faq-skill import <files...> --out <file>: build one corpus from help-centre pages, CSV and
// JSON/JSONL. Prints what it merged and why, what it skipped, and a count of every record to
// stderr; exits 1 on errors (or, with --strict, warnings), writing nothing.
import { writeFile, rename, stat } from 'node:fs/promises'
import { commandArgs } from './args.js'
import { describeIssues, describeMerges, ImportError, importFiles, serializeCorpus, summarizeFates } from '../faq/import/index.js'
import type { ImportIssue } from '../faq/import/record.js'

const USAGE = `usage: faq-skill import <files...> --out <file> [--suggestions FILE] [--strict] [--fuzzy] [--quiet] [--verbose]

  Reads Kakao help-centre pages (.txt), CSV (.csv/.tsv, header row in English or Korean)
  and JSON/JSONL in the corpus format; merges records that say the same thing; writes one corpus.
  --out -      writes to stdout.
  --suggestions FILE  apply the accepted rows of a faq-skill report --suggest file (alternates,
               new FAQs with the answer filled in, rewrites); existing ids are kept.
  --strict     refuse on warnings too (a skipped row, the same question with two answers, ...).
  --fuzzy      merge typos and excerpts in every file, not only in help-centre pages.
  --verbose    list every note (long answers) instead of the first few.`

/** Notes are many on a large corpus (every long answer); a few show what they are. */
const NOTES_SHOWN = 5

export async function run (argv: string[]): Promise<number> {
  const parsed = commandArgs(
    'import',
    argv,
    {
      out: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q' },
      strict: { type: 'boolean' },
      fuzzy: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      suggestions: { type: 'string' },
    },
    USAGE,
    'no input files'
  )
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  if (!values.out) {
    console.error(`faq-skill import: --out is required\n\n${USAGE}`)
    return 2
  }
  const say = (line: string) => console.error(line)
  let result
  try {
    result = await importFiles(positionals, { strict: values.strict, fuzzy: values.fuzzy, suggestions: values.suggestions })
  } catch (err) {
    if (err instanceof ImportError) {
      say(`faq-skill import: ${err.message}`)
      return 1
    }
    throw err
  }
  if (!values.quiet) for (const line of describeMerges(result.merges)) say(line)
  for (const line of describeIssues(shownIssues(result.issues, values.verbose === true))) say(line)
  const notes = result.issues.filter((i) => i.level === 'note').length
  if (notes > NOTES_SHOWN && !values.verbose) say(`note: … ${notes - NOTES_SHOWN} more long answers (--verbose lists them)`)
  say(summarizeFates(result.fates))
  if (result.suggested) {
    const s = result.suggested
    for (const line of s.changes) say(line)
    say(`suggestions: ${s.changes.length} change(s), ${s.unchanged} accepted row(s) already in the corpus, ${s.ignored} row(s) not accepted`)
  }
  const { entries } = result.corpus
  if (result.errors) {
    say(`faq-skill import: ${result.errors} ${values.strict ? 'error(s) or warning(s) (--strict)' : 'error(s)'}; nothing written`)
    return 1
  }
  await writeCorpus(values.out, serializeCorpus(result.corpus))
  say(`imported ${result.records} record(s) from ${positionals.length} file(s) into ${entries.length} entries (${result.merges.length} merge(s)) → ${values.out}`)
  return 0
}

function shownIssues (issues: ImportIssue[], verbose: boolean): ImportIssue[] {
  let notes = 0
  return issues.filter((i) => i.level !== 'note' || verbose || ++notes <= NOTES_SHOWN)
}

export async function writeCorpus (out: string, text: string): Promise<void> {
  if (out === '-') process.stdout.write(text)
  else if (await isSpecial(out)) await writeFile(out, text)
  else {
    // Write then rename, so a server reloading on SIGHUP never reads half a file.
    const tmp = `${out}.${process.pid}.tmp`
    await writeFile(tmp, text)
    await rename(tmp, out)
  }
}

/** A device or pipe (/dev/null, /dev/stdout): write to it, never rename over it. */
async function isSpecial (path: string): Promise<boolean> {
  try {
    return !(await stat(path)).isFile()
  } catch {
    return false
  }
}
