import { applyBehavior } from './helpers'
import { expect, snapshot, test } from './serve-fixture'

test('a new user fires at the built-in receiver, then a review event, and reads the ProtocolError', async ({
  app: page
}, testInfo) => {
  // First run: an empty timeline offers one button that sets everything up and fires.
  await expect(page.getByTestId('first-run')).toBeVisible()
  await snapshot(page, testInfo, 'first-run')
  await page.getByTestId('first-run-fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await expect(
    page.locator('[data-testid="hook-item"][data-hook-name="Built-in receiver"]')
  ).toHaveAttribute('data-active', 'true')
  await expect(page.getByTestId('timeline-row').first()).toHaveAttribute('data-outcome', 'ok')

  // Only review events fail: a per-event override on the receiver.
  await page.getByTestId('behavior-overrides-group').locator('summary').click()
  await page.getByTestId('override-review-enabled').check()
  await page.getByTestId('override-review-status').fill('500')
  await applyBehavior(page)

  // Keyboard: 3 picks review, Ctrl+Enter fires.
  await page.getByTestId('timeline-scroll').focus()
  await page.keyboard.press('3')
  await expect(page.getByTestId('event-type-review')).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByTestId('preview-body')).toContainText('"OnReview":true')
  await page.keyboard.press('Control+Enter')

  const dialog = page.getByTestId('protocol-error')
  await expect(dialog).toBeVisible()
  await expect(page.getByTestId('protocol-error-box')).toContainText('ProtocolError')
  await expect(page.getByTestId('protocol-error-user-message')).toHaveText(
    'The connected system reported an error.'
  )
  await expect(page.getByTestId('protocol-error-approximation')).toHaveText(
    'Approximation: TrialKit’s exact wording is not public.'
  )
  await expect(page.getByTestId('protocol-error-kind')).toHaveText('http-status')
  await expect(page.getByTestId('protocol-error-request')).toContainText('"OnReview":true')
  await snapshot(page, testInfo, 'review-protocol-error')
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)

  const rows = page.getByTestId('timeline-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.first()).toHaveAttribute('data-event', 'review')
  await expect(rows.first()).toHaveAttribute('data-outcome', 'error')
  await expect(rows.nth(1)).toHaveAttribute('data-outcome', 'ok')
})
