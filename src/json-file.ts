// Reading an operator's JSON settings file (messages, intents): one error format that names the
// variable, the file and the first bad field, so a typo in a file is found at start, not in chat.
import { readFileSync } from 'node:fs'
import type { Static, TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

export function readSettingsFile<T extends TSchema> (variable: string, file: string, schema: T): Static<T> {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`${variable} ${file}: ${(err as Error).message}`)
  }
  const error = Value.Errors(schema, raw).First()
  if (error) throw new Error(`${variable} ${file}: ${error.path || '(root)'} ${error.message}`)
  return raw as Static<T>
}
