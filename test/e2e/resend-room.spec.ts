import type { Page } from '@playwright/test'
import { createHook, pickPreset, receiverUrl } from './helpers'
import { look, shot, THEMES } from './screens'
import { expect, test } from './serve-fixture'

const VIEW = { width: 1280, height: 720 } as const
/** From the smallest window the app supports to a full-HD screen. */
const SIZES = [{ width: 900, height: 600 }, VIEW, { width: 1920, height: 1080 }] as const

async function dismissToasts(page: Page): Promise<void> {
  const toasts = page.getByTestId('toast')
  for (let i = await toasts.count(); i > 0; i--) {
    await toasts.first().getByRole('button', { name: 'Dismiss' }).click()
  }
  await expect(toasts).toHaveCount(0)
}

/** One screenshot per size and theme, after `ready` says the page shows what it should. */
async function shots(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    for (const theme of THEMES) {
      await look(page, size, theme)
      await ready()
      await shot(page, name, size, theme)
    }
  }
  await look(page, VIEW, 'light')
}

test('re-sends ask one credentials question, the re-sent row shows where it went under a filter, and rows become a scenario', async ({
  app: page
}) => {
  const url = await receiverUrl(page)
  // A hook with its password, and one whose password was left out (as after a bundle import).
  await createHook(page, { name: 'Staging', url, email: 'bob@site.org' })
  await createHook(page, { name: 'Study', url, email: 'ann@site.org', password: 'pw-1' })
  await page.getByTestId('fire').click()
  await page.getByTestId('dispatch-saved').click()
  await pickPreset(page, 'Server error')
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error')).toBeVisible()
  await page.keyboard.press('Escape')
  await pickPreset(page, 'Healthy')

  // Re-send to… the hook without a password: the inline prompt, its email already there.
  const rows = page.getByTestId('timeline-row')
  await expect(rows).toHaveCount(2)
  await page.getByTestId('filter-outcome').selectOption('error')
  await expect(rows).toHaveCount(1)
  await rows.first().click()
  await page.getByTestId('inspector-resend-to').click()
  await page.getByTestId('replay-target').selectOption({ label: 'Hook “Staging”' })
  await page.getByTestId('replay-send').click()
  const prompt = page.getByTestId('replay-credentials')
  await expect(prompt).toBeVisible()
  await expect(page.getByTestId('password-prompt')).toHaveCount(0)
  await expect(page.getByTestId('replay-credentials-email')).toHaveValue('bob@site.org')
  await expect(page.getByTestId('replay-credentials-password')).toBeFocused()
  await page.getByTestId('replay-credentials-password').fill('pw-2')
  // The hooks' "Saved" toasts (gone after a few seconds anyway) would cover the prompt's buttons.
  await dismissToasts(page)
  await shots(page, 'resend-credentials-prompt', async () => {
    await expect(prompt).toBeInViewport()
    await expect(page.getByTestId('replay-credentials-send')).toBeInViewport()
  })
  await page.getByTestId('replay-credentials-send').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await page.getByTestId('dispatch-saved').click()
  // Not saved with the hook: the next re-send to it asks again.
  await expect(
    page
      .locator('[data-testid="hook-item"][data-hook-name="Staging"]')
      .getByTestId('hook-password-needed')
  ).toHaveText('password needed')

  // The re-send succeeded, so "errors only" would hide it: the filter is cleared, and says so.
  await expect(page.getByTestId('filter-outcome')).toHaveValue('all')
  await expect(page.getByTestId('toast').last()).toHaveText(
    /The timeline filters were cleared to show the re-sent row, which they hid\./
  )
  await expect(rows).toHaveCount(3)

  // Re-send to another URL: the new row and the inspector name the URL, not the source's hook.
  const other = `${url.replace(/\/$/, '')}/elsewhere`
  await rows.nth(2).click()
  await page.getByTestId('inspector-resend-to').click()
  await page.getByTestId('replay-target').selectOption('url')
  await page.getByTestId('replay-url').fill(other)
  await page.getByTestId('replay-send').click()
  await page.getByTestId('dispatch-saved').click()
  await expect(rows).toHaveCount(4)
  const resent = rows.first()
  await expect(resent.getByTestId('timeline-origin')).toHaveAttribute(
    'title',
    `Re-sent to ${other}`
  )
  await expect(page.getByTestId('inspector').locator('.inspector-head strong')).toHaveText(other)
  await shots(page, 'resend-row-labelled', () => expect(resent).toBeVisible())

  // Save as scenario: mark three rows with Ctrl-click and Shift-click, look at the steps, save.
  await rows.nth(3).click()
  await rows.nth(1).click({ modifiers: ['Shift'] })
  await expect(page.getByTestId('timeline-marks-count')).toHaveText('3 rows selected')
  await page.getByTestId('timeline-save-scenario').click()
  const steps = page.getByTestId('save-scenario-steps').locator('li')
  await expect(steps).toHaveText([
    'insert · built body · expects success',
    'insert · built body · expects ProtocolError http-status 500',
    'insert · built body · expects success'
  ])
  await shots(page, 'save-as-scenario', () =>
    expect(page.getByTestId('save-scenario-save')).toBeInViewport()
  )
  await page.getByTestId('save-scenario-name').fill('Site 12 on Tuesday')
  await page.getByTestId('save-scenario-save').click()
  await expect(page.getByTestId('toast').last()).toHaveText(
    /Saved the scenario “Site 12 on Tuesday” with 3 steps\./
  )
  await expect(page.getByTestId('timeline-marks')).toHaveCount(0)
  await page.getByTestId('center-view-scenarios').click()
  await expect(
    page.getByTestId('scenario-select').locator('optgroup[label="Saved"] option')
  ).toHaveText(['Site 12 on Tuesday'])
})
