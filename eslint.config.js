// Lint: neostandard (standard-js: no semicolons, single quotes, 2 spaces) with TypeScript, as the
// Fastify projects use it. `npx eslint --fix .` fixes nearly everything it reports.
import neostandard from 'neostandard'
import globals from 'globals'

export default [
  ...neostandard({ ts: true, ignores: neostandard.resolveIgnoresFromGitignore() }),
  // The playground's script runs in the browser, without a build step.
  { files: ['public/**/*.js'], languageOptions: { globals: globals.browser } },
  {
    rules: {
      // TypeBox's idiom gives a schema and its type one name: `const FaqEntry = Type.Object(...)`
      // and `type FaqEntry = Static<typeof FaqEntry>`.
      '@typescript-eslint/no-redeclare': 'off',
    },
  },
]
