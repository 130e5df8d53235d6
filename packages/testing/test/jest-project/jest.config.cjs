/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.cjs'],
  // Seeds the template once per run, before any test file; the teardown drops it after the last one.
  globalSetup: '<rootDir>/global-setup.cjs',
  globalTeardown: '<rootDir>/global-teardown.cjs',
  // Hooks and tests share this limit, and a clone is made in a beforeEach/beforeAll: Jest's default 5 s leaves
  // little room for a CLONE of a large template on a busy server.
  testTimeout: 30_000,
};
