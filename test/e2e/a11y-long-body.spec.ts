import { expectNoViolationsInBothThemes } from './a11y'
import { receiverUrl } from './helpers'
import { expect, test } from './serve-fixture'

test('a body longer than its box is a focusable region that scrolls from the keyboard, in both themes', async ({
  app: page
}) => {
  const url = await receiverUrl(page)
  const fields = Object.fromEntries(
    Array.from({ length: 80 }, (_, i) => [`field_${i}`, `value ${i}`])
  )
  const res = await page.request.post(`${url}long`, { data: { trans_id: '436', ...fields } })
  expect(res.status()).toBe(200)
  await page.getByTestId('timeline-row').first().click()
  const body = page.getByTestId('inspector-capture-body-content')
  await expect(body).toBeVisible()
  // Longer than its box: it scrolls, and the keyboard can reach it to scroll.
  expect(await body.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true)
  await body.focus()
  await expect(body).toBeFocused()
  await page.keyboard.press('PageDown')
  await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
  await expectNoViolationsInBothThemes(page, 'inspector with a long body', {
    include: '[data-testid="inspector"]'
  })
})
