import { join } from 'node:path'
import { expectNoViolationsInBothThemes } from './a11y'
import { applyBehavior, closeDialog, createHook, receiverUrl } from './helpers'
import { look, SCREEN_DIR, shot, THEMES } from './screens'
import { expect, test } from './serve-fixture'

/** The sizes a trainer projects at and a support engineer works at. */
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
] as const

test('capacity report: failures above the timeout are drawn and labelled, a level’s failures open in the inspector, the form keeps its inputs', async ({
  app: page
}) => {
  test.setTimeout(120_000)
  const url = await receiverUrl(page)
  await createHook(page, { name: 'Receiver', url, timeoutSeconds: 2 })
  // Answers between 0.1 and 2.4 s: about one save in six passes the 2 s timeout.
  await page.getByTestId('behavior-delay-mode-range').click()
  await page.getByTestId('behavior-delay-min').fill('100')
  await page.getByTestId('behavior-delay-max').fill('2400')
  await applyBehavior(page)

  await page.getByTestId('center-view-capacity').click()
  await page.getByTestId('capacity-levels').fill('1, 4, 16')
  await page.getByTestId('capacity-run').click()
  const view = page.getByTestId('capacity-view')
  await expect(view.getByTestId('capacity-summary')).toBeVisible({ timeout: 90_000 })

  // The slowest saves ended past the 2 s timeout: their points are labelled, in words too.
  await expect(view.getByTestId('capacity-above-timeout')).toContainText(
    /Above the timeout line: max \d{4} ms at \d+/
  )
  await expect(view.getByTestId('capacity-legend-item')).toHaveText([
    'p50 (half the saves were faster)',
    'p95 (all but the slowest 1 in 20)',
    'max (the slowest save)',
    /^failed: timeout \(\d+\)$/
  ])

  // The form keeps what the report was made from when another view is opened and left.
  await page.getByTestId('center-view-compose').click()
  await page.getByTestId('center-view-capacity').click()
  await expect(page.getByTestId('capacity-url')).toHaveValue(url)
  await expect(page.getByTestId('capacity-levels')).toHaveValue('1, 4, 16')
  await expect(page.getByTestId('capacity-timeout')).toHaveValue('2')
  await expect(view.getByTestId('capacity-summary')).toBeVisible()

  // The highest level's timeouts open: the inspector lists them with their ProtocolError.
  const top = view.locator('[data-testid="capacity-step"][data-concurrency="16"]')
  const open = top.locator('[data-testid="capacity-open-failures"][data-kind="timeout"]')
  const count = Number(/\d+$/.exec((await open.textContent())!)![0])
  await open.click()
  const failures = page.getByTestId('inspector-capacity').getByTestId('capacity-failures')
  await expect(failures.getByRole('heading')).toHaveText(`At 16: ${count} failed with timeout`)
  await expect(failures.getByTestId('capacity-failure')).toHaveCount(count)
  await expect(failures.getByTestId('capacity-failure-error')).toContainText(
    'timeout No complete response within'
  )
  await expect(failures.getByRole('heading')).toBeFocused()

  for (const size of SIZES) {
    for (const theme of THEMES) {
      await look(page, size, theme)
      await view.getByTestId('capacity-chart').scrollIntoViewIfNeeded()
      await shot(page, 'capacity-report-failures', size, theme)
      await view.getByTestId('capacity-chart').screenshot({
        path: join(SCREEN_DIR, `capacity-report-chart-${size.width}x${size.height}-${theme}.png`)
      })
    }
  }
  await expectNoViolationsInBothThemes(page, 'capacity failures in the inspector', {
    include: '[data-testid="capacity-failures"]'
  })

  // One of them as the TrialKit user saw it.
  await failures.getByTestId('capacity-failure-show').click()
  await expect(page.getByTestId('protocol-error-kind')).toHaveText('timeout')
  await closeDialog(page)
})
