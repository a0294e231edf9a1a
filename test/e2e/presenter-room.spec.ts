import type { Page } from '@playwright/test'
import { look, shot, THEMES, VIEWPORTS } from './screens'
import { expect, test } from './serve-fixture'

/** The diagram's share of the stage, and every label that is cut ("…") or runs out of it. */
async function diagramCheck(page: Page): Promise<{ share: number; problems: string[] }> {
  return page.getByTestId('presenter').evaluate((root) => {
    const stage = root.querySelector('.presenter-main')!.getBoundingClientRect()
    const flow = root.querySelector('.pr-flow')!.getBoundingClientRect()
    const svg = root.querySelector('[data-testid="presenter-flow-svg"]')!
    const box = svg.getBoundingClientRect()
    const problems: string[] = []
    for (const text of svg.querySelectorAll('text')) {
      const t = text.getBoundingClientRect()
      const words = (text.textContent ?? '').trim()
      if (words.includes('…') && !words.startsWith('Saving record')) problems.push(`cut: ${words}`)
      if (t.width > 0 && (t.left < box.left - 1 || t.right > box.right + 1)) {
        problems.push(`outside: ${words}`)
      }
    }
    return {
      share: (flow.width * flow.height) / (stage.width * stage.height),
      problems
    }
  })
}

test('presenter mode for a room: the diagram has half the stage, no label is cut, notes start hidden and agree with the step', async ({
  app: page
}) => {
  await page.getByTestId('center-view-scenarios').click()
  await page.getByTestId('scenario-select').selectOption('builtin-when-things-go-wrong')
  await page.getByTestId('scenario-present').click()
  await expect(page.getByTestId('presenter')).toBeVisible()
  // Notes start hidden; shown, they say what the step's behaviour and expectation say.
  await expect(page.getByTestId('presenter-notes')).toHaveCount(0)
  await page.keyboard.press('n')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-title')).toHaveText('Slower than the timeout')
  await expect(page.getByTestId('presenter-facts')).toHaveText(
    'The built-in receiver answers 200 after 7 s. TrialKit waits up to 2 s. Expected: a ProtocolError (timeout).'
  )
  await expect(page.getByTestId('presenter-notes')).not.toContainText('minute')

  for (const viewport of VIEWPORTS) {
    for (const theme of THEMES) {
      await look(page, viewport, theme)
      await page
        .getByTestId(
          viewport === VIEWPORTS[0] && theme === 'light' ? 'presenter-play' : 'presenter-replay'
        )
        .click()
      await expect(page.getByTestId('step-protocol-error')).toBeVisible({ timeout: 10_000 })
      await expect(page.getByTestId('presenter-flow-svg')).toHaveAttribute('data-outcome', 'error')
      const { share, problems } = await diagramCheck(page)
      expect(problems, `labels at ${viewport.width}×${viewport.height}`).toEqual([])
      expect(share, `diagram share at ${viewport.width}×${viewport.height}`).toBeGreaterThanOrEqual(
        0.5
      )
      if (viewport.height === 1080) {
        const size = await page.evaluate<number>(
          `parseFloat(getComputedStyle(document.querySelector('[data-testid="presenter-notes"]')).fontSize)`
        )
        expect(size).toBeGreaterThanOrEqual(24)
      }
      await shot(page, 'presenter-room', viewport, theme)
    }
  }

  // The choice of notes is remembered when presenter mode opens again.
  await page.keyboard.press('Escape')
  await page.getByTestId('scenario-present').click()
  await expect(page.getByTestId('presenter-notes')).toBeVisible()
})

test('the last step of "Record lifecycle" marks only what changed since the last review, in view', async ({
  app: page
}) => {
  await page.getByTestId('center-view-scenarios').click()
  await page.getByTestId('scenario-select').selectOption('builtin-record-lifecycle')
  await page.getByTestId('scenario-present').click()
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-title')).toHaveText('The lock is broken')
  for (const viewport of VIEWPORTS) {
    for (const theme of THEMES) {
      await look(page, viewport, theme)
      const changed = page.locator('[data-testid="presenter-payload-json"] [data-changed="true"]')
      await expect(changed).toHaveCount(1)
      await expect(changed).toContainText('"LockBroken": true')
      await expect(page.getByTestId('presenter-payload-note')).toHaveText(
        '▸ 1 line changed since step 4 (the last review).'
      )
      // In view inside its scrolling box, without anyone scrolling.
      const inView = await changed.evaluate((line) => {
        const box = line.closest('pre')!.getBoundingClientRect()
        const r = line.getBoundingClientRect()
        return (
          r.top >= box.top - 1 &&
          r.bottom <= box.bottom + 1 &&
          r.bottom <= line.ownerDocument.documentElement.clientHeight
        )
      })
      expect(inView, `changed line in view at ${viewport.width}×${viewport.height}`).toBe(true)
      await shot(page, 'presenter-lock-broken', viewport, theme)
    }
  }
})
