// Prints the environment-variable table of docs/configuration.md from ConfigSchema (npx tsx scripts/config-table.ts).
// test/config.test.ts checks that every variable has a row with its description.
import { relative } from 'node:path'
import { ConfigSchema } from '../src/config.js'
import { projectRoot } from '../src/paths.js'

const show = (v: unknown): string => {
  if (v === undefined) return '(unset)'
  if (Array.isArray(v)) return v.length ? `\`${v.join(',')}\`` : '(empty)'
  if (typeof v === 'string' && v.startsWith(projectRoot)) return `\`${relative(projectRoot, v)}\``
  return `\`${String(v)}\``
}

console.log('| Variable | Default | Description |')
console.log('|---|---|---|')
for (const [key, schema] of Object.entries(ConfigSchema.properties)) {
  const s = schema as { default?: unknown; description?: string }
  console.log(`| \`${key}\` | ${show(s.default)} | ${s.description ?? ''} |`)
}
