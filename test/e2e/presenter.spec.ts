import { look, shot, VIEWPORTS, THEMES } from './screens'
import { expect, test } from './serve-fixture'

test('presenter mode: the flow live during the wait, the error after it, readable in a room', async ({
  app: page
}) => {
  await page.getByTestId('center-view-scenarios').click()
  await page.getByTestId('scenario-select').selectOption('builtin-when-things-go-wrong')
  await page.getByTestId('scenario-present').click()
  const presenter = page.getByTestId('presenter')
  await expect(presenter).toBeVisible()

  // Step 1 played, then step 3 ("Slower than the timeout", 2 s): the payload marks what changed.
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('presenter-saved')).toContainText('Record saved')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-title')).toHaveText('Slower than the timeout')
  await expect(page.getByTestId('presenter-payload-json')).toBeVisible()

  for (const viewport of VIEWPORTS) {
    for (const theme of THEMES) {
      await look(page, viewport, theme)
      // Body text is at least 24 px at 1080 lines.
      if (viewport.height === 1080) {
        // The type follows the window's resize event, so wait for it to apply.
        await expect
          .poll(() =>
            page.evaluate<number>(
              `parseFloat(getComputedStyle(document.querySelector('[data-testid="presenter-payload-json"]')).fontSize)`
            )
          )
          .toBeGreaterThanOrEqual(24)
      }
      await page
        .getByTestId(
          viewport === VIEWPORTS[0] && theme === 'light' ? 'presenter-play' : 'presenter-replay'
        )
        .click()
      await expect(page.getByTestId('presenter-waiting')).toBeVisible()
      await expect(page.getByTestId('presenter-countdown')).toContainText('left of 2 s')
      await expect(page.getByTestId('presenter-flow-svg')).toHaveAttribute(
        'data-outcome',
        'pending'
      )
      await page.waitForTimeout(700)
      await shot(page, 'presenter-mid-wait', viewport, theme)
      await expect(page.getByTestId('step-protocol-error')).toBeVisible({ timeout: 10_000 })
      await expect(page.getByTestId('presenter-flow-svg')).toHaveAttribute('data-outcome', 'error')
      await expect(page.getByTestId('presenter-error-kind')).toHaveText('timeout')
      await shot(page, 'presenter-error', viewport, theme)
    }
  }

  // Going back shows the played step's recorded result, not a blank stage.
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('presenter-saved')).toContainText('Record saved')
  await expect(page.getByTestId('presenter-flow-svg')).toHaveAttribute('data-outcome', 'saved')

  // High contrast and hidden notes for the audience view.
  await look(page, VIEWPORTS[0], 'dark')
  await page.keyboard.press('c')
  await expect(presenter).toHaveAttribute('data-contrast', 'true')
  await expect(page.getByTestId('presenter-notes')).toHaveCount(0)
  await shot(page, 'presenter-high-contrast', VIEWPORTS[0], 'dark')

  await page.keyboard.press('Escape')
  await expect(presenter).toHaveCount(0)
})
