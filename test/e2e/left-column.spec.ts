import type { Page } from '@playwright/test'
import { look, shot, THEMES } from './screens'
import { expect, test } from './serve-fixture'

/** Elements of the left column whose box runs past the column, or whose own text is cut. */
async function overflowing(page: Page): Promise<string[]> {
  return page.getByTestId('pane-left').evaluate((pane) => {
    const edge = pane.getBoundingClientRect().right
    const found: string[] = []
    for (const el of pane.querySelectorAll('button, input, select, label, p, code, a')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0) continue
      const name =
        el.getAttribute('data-testid') ??
        `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`
      if (box.right > edge + 0.5)
        found.push(`${name} runs ${Math.round(box.right - edge)} px past the column`)
      else if (
        el.scrollWidth > el.clientWidth + 1 &&
        el.tagName !== 'INPUT' &&
        el.tagName !== 'SELECT'
      ) {
        found.push(`${name} is cut (${el.scrollWidth} > ${el.clientWidth})`)
      }
    }
    return found
  })
}

test('at 1280 px the left column fits: the hook form and the Make public panel are not cut', async ({
  app: page
}) => {
  const size = { width: 1280, height: 800 }
  await page.setViewportSize(size)
  await page.getByTestId('hook-new').click()
  await expect(page.getByTestId('hook-url-use-receiver')).toBeVisible()
  for (const theme of THEMES) {
    await look(page, size, theme)
    await shot(page, 'left-hook-form', size, theme)
  }
  expect(await overflowing(page)).toEqual([])
  await page.keyboard.press('Escape')
  await page.getByTestId('public-open').click()
  await expect(page.getByTestId('public-form')).toBeVisible()
  for (const theme of THEMES) {
    await look(page, size, theme)
    await shot(page, 'left-make-public', size, theme)
  }
  expect(await overflowing(page)).toEqual([])
})
