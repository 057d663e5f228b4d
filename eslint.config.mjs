// ESLint for the whole repository: `npm run lint`, run by `npm test` (an error fails the suite).
// typescript-eslint's recommended rules without type information, so the lint takes seconds.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  process: 'readonly',
  __dirname: 'readonly',
  __filename: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Dependencies point one way, hosts → panel → core (docs/design.md §1): the engine and the panel
    // import no host, CLI, script, test or Node API (the panel imports core; core imports no panel). core/test/boundaries.test.ts follows every import
    // to the end, and also keeps core's tests from loading the CLI.
    files: ['core/src/**/*.ts', 'panel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/scripts/**', '**/excel-addin/**', '**/gsheets/**', '**/test/**', 'rdtax'],
              message:
                'core and the panel import no host, CLI, script or test: dependencies point hosts → panel → core.',
            },
            { group: ['node:*', ...builtinModules], message: 'core and the panel are pure: no Node APIs.' },
          ],
        },
      ],
    },
  },
  {
    // Tests read the CLI's JSON output and hosts' fakes as loosely typed documents.
    files: ['**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Generated: each function is registered by the CustomFunctions.associate calls that
    // custom-functions-metadata-plugin appends from the JSDoc, so none is referenced here.
    files: ['excel-addin/src/functions.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
);
