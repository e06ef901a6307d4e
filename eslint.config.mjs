// The linter `npm test` runs (`npm run lint`): ESLint's and typescript-eslint's recommended rules
// on the sources, the tests and the scripts; formatting is Prettier's (`npm run format`).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'corpus/**', 'bench/.corpus/**', 'scripts/.build/**', 'test/fixtures*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        structuredClone: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        Intl: 'readonly',
        globalThis: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly'
      }
    },
    rules: {
      // Quire handles control characters on purpose (decoding, XML, URLs): its patterns name them.
      'no-control-regex': 'off',
      // `_name` marks a value left out on purpose (a destructured field, an unused parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }
      ]
    }
  },
  // epub.js runs in the browser page and has no types: its objects are `any` there.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } }
)
