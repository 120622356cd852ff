#!/usr/bin/env node
// faq-skill: the operator's and developer's command line. Each command lives in its own module
// and is loaded only when used, so `faq-skill import` does not pay for the matcher or the server.
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }> = {
  import: { summary: 'import <files...> --out <file>   build a corpus from help-centre pages, CSV, JSON/JSONL (--suggestions CSV)', load: () => import('./import.js') },
  build: { summary: 'build [<corpus.json>]             save the matcher index beside the corpus (fast start)', load: () => import('./build.js') },
  ask: { summary: 'ask "<utterance>"                 show candidates, scores and the outcome', load: () => import('./ask.js') },
  eval: { summary: 'eval [<file.jsonl>] [--set C:F]   answer quality beside the baseline; threshold sweep', load: () => import('./eval.js') },
  replay: { summary: 'replay <fixture.json...>         send fixtures and draw the replies', load: () => import('./replay.js') },
  report: { summary: 'report <log files...>            misses, feedback, outcomes; --suggest CSV, --html page', load: () => import('./report.js') },
}

function usage (): string {
  return ['usage: faq-skill <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  faq-skill ${c.summary}`)].join('\n')
}

const [name, ...argv] = process.argv.slice(2)
if (!name || name === '-h' || name === '--help' || name === 'help') {
  console.log(usage())
  process.exit(name ? 0 : 2)
}
const command = COMMANDS[name]
if (!command) {
  console.error(`faq-skill: unknown command "${name}"\n\n${usage()}`)
  process.exit(2)
}
try {
  process.exitCode = await (await command.load()).run(argv)
} catch (err) {
  console.error(`faq-skill ${name}: ${(err as Error).message}`)
  process.exitCode = 1
}
