import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import pkg from './package.json' with { type: 'json' }
import { API_METHODS } from './src/shared/api-table'

/** One project per test tier (a folder of test/): `npx vitest run --project unit` runs one. */
const TIERS = [
  'unit',
  'contract',
  'integration',
  'component',
  'reliability',
  'cli',
  'electron'
] as const

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    // As in electron.vite.config.ts: the preload's method names, from the API table.
    __API_METHOD_NAMES__: JSON.stringify(API_METHODS)
  },
  // The same aliases as tsconfig.base.json's paths (electron.vite.config.ts has @shared and @renderer).
  resolve: {
    alias: {
      '@shared': resolve(import.meta.dirname, 'src/shared'),
      '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
      '@main': resolve(import.meta.dirname, 'src/main')
    }
  },
  test: {
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    environment: 'node',
    projects: TIERS.map((tier) => ({
      extends: true,
      test: { name: tier, include: [`test/${tier}/**/*.test.{ts,tsx}`] }
    }))
  }
})
