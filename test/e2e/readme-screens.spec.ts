import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { closeDialog, createHook, pickPreset, receiverUrl } from './helpers'
import { look, shot, type Theme } from './screens'
import { expect, test } from './serve-fixture'

/**
 * The README's screenshots, taken from the running app so they show what it is today: running
 * this spec rewrites docs/images/*.png (1440×900, light theme). The dark theme of the same views
 * goes to test-results/screenshots/ only, to be looked at.
 */
const README_IMAGES = join(process.cwd(), 'docs', 'images')
const README_VIEWPORT = { width: 1440, height: 900 } as const

/**
 * Waits out passing toasts and dismisses engine notices, so a picture meant to last shows the
 * product rather than this run's news (e.g. the data dir's lock refreshed late on a loaded test
 * machine). A dismissed notice is kept in the test report; an error toast (which stays) fails.
 */
async function clearView(page: Page): Promise<void> {
  await expect(page.getByTestId('toast')).toHaveCount(0, { timeout: 15_000 })
  const notices = page.getByTestId('notice')
  for (const text of await notices.allTextContents()) {
    test.info().annotations.push({ type: 'notice dismissed', description: text })
  }
  while ((await notices.count()) > 0) await notices.first().getByTestId('notice-dismiss').click()
}

/** Writes the light screenshot to docs/images/<name>.png and the dark one to test-results/. */
async function readmeShot(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  const started = Date.now()
  for (const theme of ['dark', 'light'] as Theme[]) {
    await look(page, README_VIEWPORT, theme)
    await ready()
    await clearView(page)
    await shot(page, `readme-${name}`, README_VIEWPORT, theme)
  }
  const path = join(README_IMAGES, `${name}.png`)
  await clearView(page)
  await page.screenshot({ path })
  // The committed image is the one just taken, not a leftover from an earlier run.
  expect(statSync(path).mtimeMs).toBeGreaterThanOrEqual(started - 1000)
  expect(statSync(path).size).toBeGreaterThan(20_000)
}

/** A hook at the built-in receiver, with credentials and a 2 s timeout. */
async function demoHook(page: Page): Promise<void> {
  await createHook(page, {
    name: 'Site A: adverse events',
    url: await receiverUrl(page),
    email: 'ann@site.org',
    password: 'p:w0rd',
    timeoutSeconds: 2
  })
}

test('README screenshot: a save that timed out, drawn as a flow beside the timeline', async ({
  app: page
}) => {
  await demoHook(page)
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await pickPreset(page, 'Hang')
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error-kind')).toHaveText('timeout')
  await closeDialog(page)
  await expect(page.getByTestId('timeline-row')).toHaveCount(2)
  await page.getByTestId('timeline-row').first().click()
  await page.getByTestId('inspector-tab-flow').click()
  const svg = page.getByTestId('flow-svg')
  await expect(svg).toHaveAttribute('data-outcome', 'error')
  await expect(svg.locator('[data-step-id="gave-up"]')).toBeVisible()
  await readmeShot(page, 'timeline-flow', () => svg.scrollIntoViewIfNeeded())
})

test('README screenshot: the readiness check of an endpoint, verdict first', async ({
  app: page
}) => {
  await demoHook(page)
  await page.getByTestId('center-view-check').click()
  await page.getByTestId('check-use-hook').click()
  await page.getByTestId('check-run').click()
  const report = page.getByTestId('check-report')
  // The receiver accepts any credentials, so the credentials item warns and the verdict is a warning.
  await expect(report).toHaveAttribute('data-verdict', 'warn', { timeout: 30_000 })
  await expect(page.getByTestId('check-item-insert')).toHaveAttribute('data-status', 'pass')
  await expect(page.getByTestId('check-item-credentials')).toHaveAttribute('data-status', 'warn')
  // Each evidence line opens its exchange in the inspector.
  await page.getByTestId('check-item-insert').getByRole('button').first().click()
  await expect(page.getByTestId('inspector-outcome')).toHaveText('ok')
  await readmeShot(page, 'readiness-check', async () => {
    await expect(report).toBeVisible()
  })
})
