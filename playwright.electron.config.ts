import { defineConfig } from '@playwright/test'

/**
 * The desktop app's smoke test (Playwright `_electron.launch`), kept apart from the browser suite.
 * It needs an installed Electron binary and a build (`npm run build`); without the binary the test
 * reports itself as skipped with the reason. Run: `npx playwright test -c playwright.electron.config.ts`.
 */
export default defineConfig({
  testDir: 'test/e2e-electron',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  outputDir: 'test-results/electron'
})
