import { applyBehavior, createHook, fireExpectingError, receiverUrl } from './helpers'
import { expect, snapshot, test } from './serve-fixture'

test('after a reload, hooks, behavior, history and theme are still there', async ({
  app: page
}, testInfo) => {
  await createHook(page, {
    name: 'Kept across reloads',
    url: await receiverUrl(page),
    email: 'keep@site.org',
    password: 'secret'
  })
  await page.getByTestId('behavior-status').fill('503')
  await page.getByTestId('behavior-delay-min').fill('120')
  await applyBehavior(page)
  expect(await fireExpectingError(page)).toBe('http-status')
  await page.keyboard.press('Escape')
  await page.getByTestId('theme-toggle').click()
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme-choice', 'light')
  await page.getByTestId('theme-toggle').click()
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme-choice', 'dark')

  await page.reload()
  await expect(page.getByTestId('app')).toBeVisible()

  const hook = page.locator('[data-testid="hook-item"][data-hook-name="Kept across reloads"]')
  await expect(hook).toHaveAttribute('data-active', 'true')
  await expect(page.getByTestId('behavior-status')).toHaveValue('503')
  await expect(page.getByTestId('behavior-delay-min')).toHaveValue('120')
  await expect(page.getByTestId('behavior-editor')).toHaveAttribute('data-dirty', 'false')
  const row = page.getByTestId('timeline-row').first()
  await expect(row).toHaveAttribute('data-linked', 'true')
  await expect(row.getByTestId('timeline-status')).toHaveText('503 http-status')
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme-choice', 'dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')

  // The password survived too: the preview still decodes it.
  await expect(page.getByTestId('preview-auth-email')).toHaveText('keep@site.org')
  await page.getByTestId('preview-auth-password-reveal').click()
  await expect(page.getByTestId('preview-auth-password')).toHaveText('secret')
  await snapshot(page, testInfo, 'after-reload-dark')
})
