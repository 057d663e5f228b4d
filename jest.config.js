const { jestModuleNameMapper } = require('./scripts/aliases');

/** @type {import('jest').Config} */
module.exports = {
  // @core/…, @panel/… (scripts/aliases.js).
  moduleNameMapper: jestModuleNameMapper(),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{core,test,cli,excel-addin,gsheets}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Type-checking is done once by `npm run typecheck` (tsc); ts-jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testTimeout: 60000,
  // A test that reads excel-addin/dist or gsheets/dist fails to run when it is older than its
  // sources (scripts/dist-stamp.ts): `npm run build` first.
  setupFilesAfterEnv: ['<rootDir>/test/dist-guard.ts'],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
