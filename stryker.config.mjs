// @ts-check
/**
 * Mutation testing of the readiness check's and the capacity run's judges, and of the shared
 * modules they lean on (see docs/TESTING.md). `npm run mutate` runs it; `npm run mutate -- --mutate
 * src/shared/doc-diff.ts` mutates one file.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/main/engine/check/**/*.ts',
    'src/main/engine/capacity/**/*.ts',
    'src/shared/capture-outcome.ts',
    'src/shared/doc-diff.ts',
    'src/shared/basic-auth.ts',
    'src/main/engine/receiver/content-encoding.ts',
    'src/main/engine/dispatch/classify-error.ts'
  ],
  // The sandbox needs the sources, the tests and the configs; not the build, the reports or the
  // Playwright suites (Stryker never runs Playwright: only the vitest tiers above).
  ignorePatterns: [
    'out',
    'dist',
    'reports',
    'test-results',
    'playwright-report',
    'bench/results',
    'test/e2e',
    'test/e2e-electron'
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  // The integration tests start real servers and wait on real sockets: give a mutant room before
  // calling it a timeout (an infinite loop still ends as one).
  timeoutFactor: 3,
  timeoutMS: 15_000,
  concurrency: 1,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true
}

export default config
