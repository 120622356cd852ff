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
      // Sanitizing text means naming control characters in regular expressions on purpose.
      'no-control-regex': 'off',
      // `void x` deliberately discards a value (a promise not awaited, an arrow that returns nothing).
      'no-void': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // TypeBox's idiom gives a schema and its type one name: `const FaqEntry = Type.Object(...)`
      // and `type FaqEntry = Static<typeof FaqEntry>`.
      '@typescript-eslint/no-redeclare': 'off',
      // A leading underscore marks a binding that is there for its position only.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
]
