import { createHook, receiverUrl } from './helpers'
import { expect, snapshot, test } from './serve-fixture'

/**
 * Browser zoom at 200% on a 1280 × 800 window leaves a 640 × 400 CSS-pixel viewport, which is
 * what this test gives the page: the same layout the zoomed browser gets. Nothing may be lost:
 * no sideways scrolling of the page, and every part of the app can be scrolled into view.
 */
test.use({ viewport: { width: 640, height: 400 } })

const PARTS = [
  'topbar',
  'theme-toggle',
  'help-toggle',
  'share-open',
  'hook-new',
  'receiver-url',
  'behavior-editor',
  'center-view-compose',
  'fire',
  'preview',
  'timeline',
  'timeline-search',
  'inspector'
]

test('at 200% zoom of a 1280 px window every part of the app stays within reach', async ({
  app: page
}, testInfo) => {
  test.setTimeout(120_000)
  await createHook(page, { name: 'Zoomed', url: await receiverUrl(page) })
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()

  // (A string: the Node-side tsconfig has no DOM types.)
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth'
  )
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0)

  for (const id of PARTS) {
    const part = page.getByTestId(id).first()
    await part.scrollIntoViewIfNeeded()
    await expect(part, `${id} can be brought into view`).toBeInViewport()
    const box = (await part.boundingBox())!
    expect(box.x, `${id} starts inside the window`).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, `${id} ends inside the window`).toBeLessThanOrEqual(641)
  }
  await page.getByTestId('timeline').scrollIntoViewIfNeeded()
  await snapshot(page, testInfo, 'zoom-200-timeline')
  await page.getByTestId('fire').scrollIntoViewIfNeeded()
  await snapshot(page, testInfo, 'zoom-200-composer')
})
