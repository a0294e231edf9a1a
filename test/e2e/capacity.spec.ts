import { expectNoViolationsInBothThemes } from './a11y'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { applyBehavior, createHook, receiverUrl } from './helpers'
import { expect, snapshot, test } from './serve-fixture'

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots')

test('capacity: the built-in receiver with a delay, charted live, one timeline row, HAR from the report', async ({
  app: page
}, testInfo) => {
  test.setTimeout(120_000)
  await createHook(page, { name: 'Receiver', url: await receiverUrl(page), timeoutSeconds: 2 })
  // Answers between 0.1 and 2.4 s: about one save in six passes the 2 s timeout.
  await page.getByTestId('behavior-delay-mode-range').click()
  await page.getByTestId('behavior-delay-min').fill('100')
  await page.getByTestId('behavior-delay-max').fill('2400')
  await applyBehavior(page)

  await page.getByTestId('center-view-capacity').click()
  await expect(page.getByTestId('capacity-url')).toHaveValue(await receiverUrl(page))
  await page.getByTestId('capacity-levels').fill('1, 4, 16, 64')
  await page.getByTestId('capacity-run').click()

  // While it runs: the chart fills in and Stop is offered.
  await expect(page.getByTestId('capacity-stop')).toBeVisible()
  await expect(
    page.getByTestId('capacity-live').getByTestId('capacity-chart').locator('canvas')
  ).toBeVisible({ timeout: 10_000 })
  await expect(page.getByTestId('capacity-live').getByTestId('capacity-step').first()).toBeVisible({
    timeout: 10_000
  })

  const summary = page.getByTestId('capacity-view').getByTestId('capacity-summary')
  await expect(summary).toBeVisible({ timeout: 90_000 })
  await expect(page.getByTestId('capacity-stop')).toHaveCount(0)
  await expect(summary).toContainText('ProtocolError (timeout)')
  const steps = page.getByTestId('capacity-view').getByTestId('capacity-step')
  await expect(steps).toHaveCount(4)
  await expect(steps.last()).toHaveAttribute('data-concurrency', '64')
  const chart = page.getByTestId('capacity-view').getByTestId('capacity-chart')
  await expect(chart.locator('canvas')).toBeVisible()
  await expect(chart).toContainText('failed: timeout')
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page
    .getByTestId('capacity-view')
    .screenshot({ path: join(SCREENSHOTS, 'capacity-chart.png') })
  await snapshot(page, testInfo, 'capacity-view')
  await expectNoViolationsInBothThemes(page, 'capacity view with a report', {
    include: '[data-testid="capacity-view"]'
  })

  // One timeline row for the whole run (the 340 captures are rows of their own).
  const run = page.locator('[data-testid="timeline-row"][data-origin="capacity"]')
  await expect(run).toHaveCount(1)
  await run.click()
  const report = page.getByTestId('inspector-capacity')
  await expect(report.getByTestId('capacity-summary')).toHaveText((await summary.textContent())!)
  const download = page.waitForEvent('download')
  await report.getByTestId('capacity-export-har').click()
  const har = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
    log: { entries: { response: { status: number } }[] }
  }
  expect(har.log.entries.length).toBeGreaterThan(10)
  expect(har.log.entries.length).toBeLessThanOrEqual(340)
  await snapshot(page, testInfo, 'capacity-inspector')
})

test('capacity: a URL that is not on this machine is confirmed first, showing the URL and the count', async ({
  app: page
}) => {
  await page.getByTestId('center-view-capacity').click()
  await page.getByTestId('capacity-url').fill('http://192.0.2.10/hook')
  await page.getByTestId('capacity-levels').fill('1,4')
  await page.getByTestId('capacity-run').click()
  const dialog = page.getByTestId('capacity-confirm')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('capacity-confirm-url')).toHaveText('http://192.0.2.10/hook')
  await expect(dialog.getByTestId('capacity-confirm-total')).toHaveText('20 requests')
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('capacity-stop')).toHaveCount(0)
})
