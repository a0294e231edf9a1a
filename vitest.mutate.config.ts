import { defineConfig } from 'vitest/config'
import base from './vitest.config'

/**
 * The tests mutation testing runs (see docs/TESTING.md): the tiers that import the engine's source
 * in-process. The CLI and Electron tiers, and the reliability tests that start the built command,
 * run the build, which a mutant in the sandbox's source never reaches; the component tier renders
 * the UI. `MUTATE_TESTS=unit` keeps only the unit tier, for a fast first look at one file.
 */
const ALL = [
  'test/unit/**/*.test.ts',
  'test/contract/**/*.test.ts',
  'test/integration/**/*.test.ts',
  'test/reliability/decompression-bomb.test.ts',
  'test/reliability/receiver-bad-input.test.ts',
  'test/reliability/honest-outcomes.test.ts',
  'test/reliability/dispatcher-faulty-peers.test.ts',
  'test/reliability/unrouted-requests.test.ts'
]

export default defineConfig({
  define: base.define,
  resolve: base.resolve,
  test: {
    ...base.test,
    projects: undefined,
    include: process.env.MUTATE_TESTS === 'unit' ? ['test/unit/**/*.test.ts'] : ALL
  }
})
