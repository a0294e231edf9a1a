import type { Page } from '@playwright/test'
import { expect, test } from './serve-fixture'

const SIZES = [
  { width: 900, height: 600 },
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
] as const

async function fireOnce(page: Page): Promise<void> {
  await page.getByTestId('first-run-fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await page.getByTestId('dispatch-saved').click()
  await page.getByTestId('timeline-row').first().click()
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth'
  )
}

async function expectInViewport(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox()
  const size = page.viewportSize()!
  expect(box, `${testId} is shown`).not.toBeNull()
  expect(box!.x, `${testId} left edge`).toBeGreaterThanOrEqual(0)
  expect(box!.y, `${testId} top edge`).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width, `${testId} right edge`).toBeLessThanOrEqual(size.width + 0.5)
  expect(box!.y + box!.height, `${testId} bottom edge`).toBeLessThanOrEqual(size.height + 0.5)
}

for (const theme of ['light', 'dark'] as const) {
  test(`fits every window size in the ${theme} theme`, async ({ app: page }) => {
    await page.emulateMedia({ colorScheme: theme })
    await fireOnce(page)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await expect(page.getByTestId('panes')).toHaveAttribute(
        'data-layout',
        size.width >= 1200 ? 'wide' : 'medium'
      )
      await page.screenshot({
        path: `test-results/screenshots/${size.width}x${size.height}-${theme}.png`
      })
      expect(await horizontalOverflow(page), `no sideways scroll at ${size.width}`).toBe(0)
      await expectInViewport(page, 'timeline')
      await expectInViewport(page, 'inspector')
      await expectInViewport(page, 'fire')
      if (size.width === 1280) {
        // The selected row's body is shown whole, without scrolling the inspector.
        const body = await page.getByTestId('inspector-request-body').boundingBox()
        const inspector = await page.getByTestId('inspector').boundingBox()
        expect(body!.y + body!.height).toBeLessThanOrEqual(inspector!.y + inspector!.height)
      }
    }
  })
}

test('in a browser 760 px wide the panes stack and every control is reachable', async ({
  app: page
}) => {
  await page.setViewportSize({ width: 760, height: 700 })
  await fireOnce(page)
  await expect(page.getByTestId('panes')).toHaveAttribute('data-layout', 'narrow')
  await page.screenshot({ path: 'test-results/screenshots/760x700-light.png' })
  expect(await horizontalOverflow(page)).toBe(0)
  // The inspector is under the timeline, the timeline under the centre pane.
  const fire = (await page.getByTestId('fire').boundingBox())!
  const timeline = (await page.getByTestId('timeline').boundingBox())!
  const inspector = (await page.getByTestId('inspector').boundingBox())!
  expect(timeline.y).toBeGreaterThan(fire.y)
  expect(inspector.y).toBeGreaterThan(timeline.y)
  expect(inspector.x + inspector.width).toBeLessThanOrEqual(760)

  // The left column is a drawer: it opens, its controls work, Esc closes it.
  await expect(page.getByTestId('hook-new')).toBeHidden()
  await page.getByTestId('drawer-toggle').click()
  await expect(page.getByTestId('drawer-toggle')).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByTestId('hook-new')).toBeVisible()
  await expect(page.getByTestId('receiver-url')).toBeVisible()
  await page.screenshot({ path: 'test-results/screenshots/760x700-drawer-light.png' })
  expect(await horizontalOverflow(page)).toBe(0)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('hook-new')).toBeHidden()
  await expect(page.getByTestId('drawer-toggle')).toBeFocused()
})

test('splitters move with the keyboard and the mouse, and the sizes survive a reload', async ({
  app: page
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const left = page.getByTestId('splitter-left')
  await expect(left).toHaveAttribute('role', 'separator')
  await expect(left).toHaveAttribute('aria-valuenow', '290')
  const aside = page.getByTestId('pane-left')
  const before = (await aside.boundingBox())!.width

  await left.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Shift+ArrowRight')
  await expect(left).toHaveAttribute('aria-valuenow', '350')
  expect((await aside.boundingBox())!.width).toBeCloseTo(before + 60, 0)

  // Drag the timeline/inspector splitter down.
  const split = page.getByTestId('splitter-timeline')
  const box = (await split.boundingBox())!
  const timelineBefore = (await page.getByTestId('timeline').boundingBox())!.height
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2, box.y + 150, { steps: 5 })
  await page.mouse.up()
  const timelineAfter = (await page.getByTestId('timeline').boundingBox())!.height
  expect(timelineAfter).toBeGreaterThan(timelineBefore + 100)
  const share = await split.getAttribute('aria-valuenow')

  // The centre splitter: End puts it at its limit.
  const center = page.getByTestId('splitter-center')
  await center.focus()
  await page.keyboard.press('End')
  await expect(center).toHaveAttribute('aria-valuenow', '75')

  const missing: string[] = []
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url())
  })
  await page.reload()
  await expect(page.getByTestId('app')).toBeVisible()
  // The favicon is served: the browser's request for it finds it.
  await expect
    .poll(() => page.evaluate<string>("document.querySelector('link[rel=icon]').href"))
    .toMatch(/\/assets\/icon-[\w-]+\.png$/)
  const icon = await page.evaluate<number>(
    "fetch(document.querySelector('link[rel=icon]').href).then((r) => r.status)"
  )
  expect(icon).toBe(200)
  expect(missing).toEqual([])
  await expect(page.getByTestId('splitter-left')).toHaveAttribute('aria-valuenow', '350')
  await expect(page.getByTestId('splitter-center')).toHaveAttribute('aria-valuenow', '75')
  await expect(page.getByTestId('splitter-timeline')).toHaveAttribute('aria-valuenow', share!)
})
