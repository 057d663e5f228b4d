/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/core', '<rootDir>/test', '<rootDir>/cli'],
  testMatch: ['**/*.test.ts'],
  // Type-checking is done once by `npm run typecheck` (tsc); ts-jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testTimeout: 60000,
};
