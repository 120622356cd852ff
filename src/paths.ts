// Where the project lives, whether we run from src/ (tsx, tests) or dist/src/ (npm start).
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot (start: string): string {
  let dir = start
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir
    const up = dirname(dir)
    if (up === dir) return resolve(start, '..')
    dir = up
  }
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)))
export const dataPath = (...parts: string[]) => join(projectRoot, 'data', ...parts)
