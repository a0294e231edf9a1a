import type { Page } from '@playwright/test'
import { createHook, receiverUrl } from './helpers'
import { expect, snapshot, test } from './serve-fixture'

/**
 * Browser zoom at 200% on a 1280 × 800 window leaves a 640 × 400 CSS-pixel viewport, which is
 * what this test gives the page: the same layout the zoomed browser gets. Nothing may be lost:
 * no sideways scrolling of the page, and every part of the app can be scrolled into view.
 */
test.use({ viewport: { width: 640, height: 400 } })

/** In a window this narrow the hooks and receiver column is a drawer, opened from its rail. */
const DRAWER_PARTS = ['hook-new', 'receiver-url', 'behavior-editor']

const PARTS = [
  'topbar',
  'theme-toggle',
  'help-toggle',
  'share-open',
  'center-view-compose',
  'fire',
  'preview',
  'timeline',
  'timeline-search',
  'inspector'
]

/** The part can be scrolled into view and lies inside the window's width. */
async function expectWithinReach(page: Page, id: string): Promise<void> {
  const part = page.getByTestId(id).first()
  await part.scrollIntoViewIfNeeded()
  await expect(part, `${id} can be brought into view`).toBeInViewport()
  const box = (await part.boundingBox())!
  expect(box.x, `${id} starts inside the window`).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width, `${id} ends inside the window`).toBeLessThanOrEqual(641)
}

test('at 200% zoom of a 1280 px window every part of the app stays within reach', async ({
  app: page
}, testInfo) => {
  test.setTimeout(120_000)
  const drawer = page.getByTestId('drawer-toggle')
  await drawer.click()
  await expect(drawer).toHaveAttribute('aria-expanded', 'true')
  await createHook(page, { name: 'Zoomed', url: await receiverUrl(page) })
  for (const id of DRAWER_PARTS) await expectWithinReach(page, id)
  await page.keyboard.press('Escape')
  await expect(drawer).toHaveAttribute('aria-expanded', 'false')
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()

  // (A string: the Node-side tsconfig has no DOM types.)
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth'
  )
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0)

  for (const id of PARTS) await expectWithinReach(page, id)
  await page.getByTestId('timeline').scrollIntoViewIfNeeded()
  await snapshot(page, testInfo, 'zoom-200-timeline')
  await page.getByTestId('fire').scrollIntoViewIfNeeded()
  await snapshot(page, testInfo, 'zoom-200-composer')
})
