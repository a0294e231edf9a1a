import type { Page } from '@playwright/test'
import { createHook, fireExpectingError, pickPreset, receiverUrl } from './helpers'
import { look, shot, THEMES } from './screens'
import { expect, test } from './serve-fixture'

const FIRST_RUN_SIZES = [
  { width: 900, height: 600 },
  { width: 1280, height: 720 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
] as const

/** Whether the element's box lies inside both the window and the box of `within`. */
async function fullyShown(page: Page, testId: string, within: string): Promise<string | null> {
  const box = await page.getByTestId(testId).boundingBox()
  const outer = await page.getByTestId(within).boundingBox()
  const size = page.viewportSize()!
  if (!box || !outer) return `${testId} or ${within} is not shown`
  const inside =
    box.y >= outer.y - 0.5 &&
    box.y + box.height <= outer.y + outer.height + 0.5 &&
    box.y + box.height <= size.height + 0.5 &&
    box.x >= 0 &&
    box.x + box.width <= size.width + 0.5
  return inside
    ? null
    : `${testId} ${JSON.stringify(box)} outside ${within} ${JSON.stringify(outer)}`
}

test('the first-run call to action is fully visible at every size from 900×600, in both themes', async ({
  app: page
}) => {
  for (const size of FIRST_RUN_SIZES) {
    for (const theme of THEMES) {
      await look(page, size, theme)
      await expect(page.getByTestId('first-run-fire')).toBeVisible()
      expect(await fullyShown(page, 'first-run-fire', 'timeline-scroll')).toBeNull()
      await shot(page, 'first-run', size, theme)
    }
  }
})

test('at 1280×800 the timeline shows at least 8 rows, and the splitters show a grip', async ({
  app: page
}) => {
  const url = await receiverUrl(page)
  // Sent from the test (a page's fetch would be refused by the app's own CSP).
  for (let i = 0; i < 12; i++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trans_id: String(i), form_id: '319', OnInsert: true })
    })
    expect(res.status).toBe(200)
  }
  await expect(page.getByTestId('timeline-row')).toHaveCount(12)
  const size = { width: 1280, height: 800 }
  for (const theme of THEMES) {
    await look(page, size, theme)
    await shot(page, 'timeline-rows', size, theme)
  }
  const scroller = (await page.getByTestId('timeline-scroll').boundingBox())!
  const rows = await page.getByTestId('timeline-row').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect()
      return { top: r.top, bottom: r.bottom }
    })
  )
  const whole = rows.filter(
    (r) => r.top >= scroller.y - 0.5 && r.bottom <= scroller.y + scroller.height + 0.5
  )
  expect(whole.length).toBeGreaterThanOrEqual(8)

  for (const id of ['splitter-left', 'splitter-center', 'splitter-timeline']) {
    const grip = await page.getByTestId(id).evaluate((el) => {
      // The e2e tsconfig has no DOM lib: the page's getComputedStyle, typed for what is read.
      const page = globalThis as unknown as {
        getComputedStyle(
          e: unknown,
          pseudo: string
        ): Record<'content' | 'opacity' | 'width' | 'height', string>
      }
      const s = page.getComputedStyle(el, '::before')
      return { content: s.content, opacity: Number(s.opacity), w: s.width, h: s.height }
    })
    expect(grip.content, `${id} grip`).not.toBe('none')
    expect(grip.opacity, `${id} grip`).toBeGreaterThan(0.5)
  }
})

test('timeline columns give way in a set order: Status and Target stay readable, a cut value shows whole on hover', async ({
  app: page
}) => {
  await createHook(page, { name: 'Resets', url: await receiverUrl(page), timeoutSeconds: 5 })
  await pickPreset(page, 'Reset')
  expect(await fireExpectingError(page)).toBe('connection-reset')
  await page.keyboard.press('Escape')
  const row = page.getByTestId('timeline-row').first()
  const status = row.getByTestId('timeline-status')
  await expect(status).toHaveText('connection-reset')
  for (const size of [
    { width: 900, height: 600 },
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 }
  ]) {
    for (const theme of THEMES) {
      await look(page, size, theme)
      await shot(page, 'timeline-columns', size, theme)
    }
    const cells = await row.locator('[role="gridcell"]').evaluateAll((els) =>
      els.map((el) => ({
        text: el.textContent ?? '',
        shown:
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }
          ).getComputedStyle(el).display !== 'none',
        cut: el.scrollWidth > el.clientWidth + 1,
        width: el.clientWidth,
        title: el.getAttribute('title')
      }))
    )
    const [, , , targetCell, statusCell, durationCell, authCell] = cells
    expect(statusCell!.cut, `status cut at ${size.width}`).toBe(false)
    expect(statusCell!.title).toBe('connection-reset')
    expect(targetCell!.width, `target width at ${size.width}`).toBeGreaterThanOrEqual(80)
    expect(targetCell!.title).toContain('127.0.0.1')
    // Auth gives way first, then Duration; when shown, each has room.
    if (authCell!.shown) expect(authCell!.width).toBeGreaterThanOrEqual(60)
    if (!durationCell!.shown) expect(authCell!.shown).toBe(false)
    if (size.width === 1920) expect(authCell!.shown).toBe(true)
  }
})
