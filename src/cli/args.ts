// Argument handling shared by the faq-skill commands, so they all behave alike: a usage error or
// a missing input prints the usage and exits 2, --help prints it and exits 0.
import { parseArgs, type ParseArgsConfig } from 'node:util'

type Options = NonNullable<ParseArgsConfig['options']>
const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const

/** The parsed arguments, or the exit code when the command should stop here. */
export function commandArgs<O extends Options> (name: string, argv: string[], options: O, usage: string, missing = 'no input given') {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, ...HELP } })
  } catch (err) {
    console.error(`faq-skill ${name}: ${(err as Error).message}\n\n${usage}`)
    return 2
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage)
    return 0
  }
  if (!parsed.positionals.length) {
    console.error(`faq-skill ${name}: ${missing}\n\n${usage}`)
    return 2
  }
  return parsed
}
