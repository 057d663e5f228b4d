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
              group: [
                '**/cli/**',
                '**/scripts/**',
                '**/excel-addin/**',
                '**/gsheets/**',
                '**/test/**',
                'rdtax',
                '@panel/*',
                '../**/core/src/**',
              ],
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
    // The hosts and the CLI are leaves: each imports core (and the hosts the panel) through the
    // @core/… and @panel/… aliases, never another host, the CLI or a deep relative path.
    files: ['excel-addin/src/**/*.ts', 'gsheets/src/**/*.ts', 'cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/src/**', '**/panel/src/**'],
              message: 'import the engine and the panel as @core/… and @panel/… (scripts/aliases.js).',
            },
            {
              group: ['**/cli/**', '**/excel-addin/**', '**/gsheets/**', '**/scripts/**', '**/test/**'],
              message:
                'a host or the CLI imports no other host, CLI, script or test: dependencies point hosts → panel → core.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI is not a UI: no panel.
    files: ['cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@panel/*', '**/core/src/**', '**/panel/**'],
              message: 'the CLI imports core only (as @core/…).',
            },
            {
              group: ['**/excel-addin/**', '**/gsheets/**', '**/scripts/**', '**/test/**'],
              message: 'the CLI imports no host, script or test.',
            },
          ],
        },
      ],
    },
  },
  {
    // The panel's controller holds state and actions only; the views own the DOM.
    files: ['panel/src/controller.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'the controller has no DOM: render in panel/src/views/.' },
        { name: 'window', message: 'the controller has no DOM: render in panel/src/views/.' },
        { name: 'HTMLElement', message: 'the controller has no DOM: render in panel/src/views/.' },
      ],
    },
  },
  {
    // Tests, benches and scripts reach the engine and the panel through the aliases too.
    files: [
      'test/**/*.ts',
      'cli/test/**/*.ts',
      'scripts/**/*.ts',
      'excel-addin/scripts/**/*.ts',
      'gsheets/scripts/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/src/**', '**/panel/src/**'],
              message: 'import the engine and the panel as @core/… and @panel/… (scripts/aliases.js).',
            },
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
