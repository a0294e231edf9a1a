import { expectNoViolationsInBothThemes } from './a11y'
import { createHook, pickPreset, receiverUrl } from './helpers'
import { look, shot, THEMES } from './screens'
import { expect, test } from './serve-fixture'

const SIZE = { width: 1280, height: 800 }

test('a fire that waits never locks the app: its row is selected, its Flow runs live, Esc leaves a bar with the countdown and Abort', async ({
  app: page
}) => {
  await page.setViewportSize(SIZE)
  await createHook(page, { name: 'Hangs', url: await receiverUrl(page), timeoutSeconds: 60 })
  await pickPreset(page, 'Hang')

  await page.getByTestId('fire').click()
  const waiting = page.getByTestId('dispatch-waiting')
  await expect(waiting).toContainText('Saving record… waiting for hook')
  // Focus is in the waiting view, and nothing covers the rest of the app.
  await expect(page.getByTestId('dispatch-abort')).toBeFocused()
  await expect(page.locator('.modal-backdrop')).toHaveCount(0)
  const row = page.getByTestId('timeline-row').first()
  await expect(row).toHaveAttribute('aria-selected', 'true')
  for (const theme of THEMES) {
    await look(page, SIZE, theme)
    await shot(page, 'waiting-open', SIZE, theme)
  }
  await expectNoViolationsInBothThemes(page, 'waiting view', {
    include: '[data-testid="dispatch-waiting"]'
  })

  // A click elsewhere (the inspector's Flow tab) reduces the view and does what it was for.
  await page.getByTestId('inspector-tab-flow').click()
  await expect(waiting).toHaveCount(0)
  const bar = page.getByTestId('dispatch-waiting-bar')
  await expect(bar).toContainText('left of 60 s')
  await expect(page.getByTestId('flow-svg')).toBeVisible()
  // Live: the countdown and the diagram move while the hook still holds the request.
  const first = await bar.getByTestId('dispatch-countdown').textContent()
  await expect(bar.getByTestId('dispatch-countdown')).not.toHaveText(first!)
  for (const theme of THEMES) {
    await look(page, SIZE, theme)
    await shot(page, 'waiting-bar-flow', SIZE, theme)
  }

  // The bar opens the view again; Esc reduces it.
  await page.getByTestId('dispatch-expand').click()
  await expect(waiting).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(waiting).toHaveCount(0)
  await expect(bar).toBeVisible()

  await bar.getByTestId('dispatch-abort').click()
  await expect(bar).toHaveCount(0)
  await expect(row.getByTestId('timeline-status')).toContainText('aborted')
})
