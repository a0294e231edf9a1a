import type { Page } from '@playwright/test'
import { receiverUrl } from './helpers'
import { expect, snapshot, test } from './serve-fixture'

/**
 * Keyboard only: no click, no mouse at all. Each control is reached with Tab (as a user would),
 * and wherever the focus lands it must be visible.
 */

const MAX_TABS = 200

/** The focused element's test id, and whether a focus ring (outline or shadow) is drawn. */
const FOCUS_STATE = `(() => {
  const el = document.activeElement
  if (!el || el === document.body) return { id: null, ring: false }
  const style = getComputedStyle(el)
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
    style.boxShadow !== 'none'
  return { id: el.getAttribute('data-testid'), ring }
})()`

async function focusState(page: Page): Promise<{ id: string | null; ring: boolean }> {
  return page.evaluate(FOCUS_STATE) as Promise<{ id: string | null; ring: boolean }>
}

/** Presses Tab until the control with this test id has the focus, and checks its focus ring. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    const state = await focusState(page)
    if (state.id === testId) {
      expect(state.ring, `focus ring on ${testId}`).toBe(true)
      return
    }
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${testId} in ${MAX_TABS} presses`)
}

test('a whole job without the mouse: create a hook, fire, open the capture, re-send', async ({
  app: page
}, testInfo) => {
  test.setTimeout(120_000)
  const url = await receiverUrl(page)

  await tabTo(page, 'hook-new')
  await page.keyboard.press('Enter')
  await tabTo(page, 'hook-name')
  await page.keyboard.type('Keyboard')
  await tabTo(page, 'hook-url')
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(url)
  await tabTo(page, 'hook-save')
  await page.keyboard.press('Enter')
  const hook = page.locator('[data-testid="hook-item"][data-hook-name="Keyboard"]')
  await expect(hook).toHaveAttribute('data-active', 'true')

  // Fire; the outcome is announced to screen readers as well as shown.
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await expect(page.getByTestId('dispatch-announcement')).toContainText('Record saved')

  // The timeline: Home selects the newest row; the inspector's tabs move with the arrows.
  await tabTo(page, 'timeline-scroll')
  await page.keyboard.press('Home')
  const rows = page.getByTestId('timeline-row')
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('timeline-scroll')).toHaveAttribute(
    'aria-activedescendant',
    /^tl-row-/
  )
  await tabTo(page, 'inspector-tab-request')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('inspector-tab-received')).toBeFocused()
  await expect(page.getByTestId('inspector-tab-received')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('inspector-capture-line')).toContainText('POST')

  // Re-send it.
  await tabTo(page, 'inspector-resend')
  await page.keyboard.press('Enter')
  await expect(rows).toHaveCount(2)
  await expect(page.locator('[data-testid="timeline-row"][data-origin="replay"]')).toHaveCount(1)
  await snapshot(page, testInfo, 'keyboard-job')
})

test('a dialog keeps the focus inside while open and gives it back when closed', async ({
  app: page
}) => {
  await tabTo(page, 'share-open')
  await page.keyboard.press('Enter')
  const dialog = page.getByTestId('share-dialog')
  await expect(dialog).toBeVisible()
  // Twice round the dialog's controls: the focus never reaches the page behind it.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press(i % 4 === 3 ? 'Shift+Tab' : 'Tab')
    const inside = await dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement))
    expect(inside, `focus inside the dialog after ${i + 1} presses`).toBe(true)
    expect((await focusState(page)).ring, 'focus ring inside the dialog').toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('share-open')).toBeFocused()

  // The shortcuts help: focus moves in, and back to where it was when Esc closes it.
  await page.keyboard.press('?')
  await expect(page.getByTestId('help')).toBeVisible()
  await expect(page.getByTestId('help').getByRole('button', { name: 'Close' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('share-open')).toBeFocused()
})
