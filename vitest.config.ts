import { defineConfig } from 'vitest/config'
import pkg from './package.json' with { type: 'json' }
import { API_METHODS } from './src/shared/api-table'

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    // As in electron.vite.config.ts: the preload's method names, from the API table.
    __API_METHOD_NAMES__: JSON.stringify(API_METHODS)
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    environment: 'node'
  }
})
