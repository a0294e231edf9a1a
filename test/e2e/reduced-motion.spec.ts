import { applyBehavior, createHook, receiverUrl } from './helpers'
import { expect, test } from './serve-fixture'

/** The system asks for reduced motion: the waiting dialog stands still but still tells the time. */
test.use({ reducedMotion: 'reduce' })

/** The spinner's running animation, and the motion variables' value (strings: no DOM types here). */
const MOTION_STATE = `(() => {
  const spinner = document.querySelector('[data-testid="dispatch-waiting"] .spinner')
  return {
    spinner: spinner ? getComputedStyle(spinner).animationName : null,
    fast: getComputedStyle(document.documentElement).getPropertyValue('--motion-fast').trim()
  }
})()`

test('with reduced motion the spinner stops and the countdown steps in whole seconds', async ({
  app: page
}) => {
  test.setTimeout(120_000)
  await createHook(page, { name: 'Receiver', url: await receiverUrl(page), timeoutSeconds: 120 })
  await page.getByTestId('behavior-delay-min').fill('100000')
  await applyBehavior(page)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByTestId('dispatch-waiting')).toBeVisible()
  await expect(page.getByTestId('dispatch-countdown')).toHaveText(/^\d+ s left of 120 s$/)
  expect(await page.evaluate(MOTION_STATE)).toEqual({ spinner: 'none', fast: '0.01ms' })
  await expect(page.getByTestId('dispatch-announcement')).toHaveText(
    'Firing insert at Receiver, waiting for the hook.'
  )
  // The focus is in the dialog, on its one control.
  await expect(page.getByTestId('dispatch-abort')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('dispatch-waiting')).toHaveCount(0)
})
