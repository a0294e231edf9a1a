import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { expectNoViolationsInBothThemes as audit } from './a11y'
import { applyBehavior, createHook, pickPreset, receiverUrl } from './helpers'
import { expect, test } from './serve-fixture'

/**
 * Every view the app has, audited in both themes against the WCAG 2.0/2.1 A and AA rules. Two
 * pages build up their state as they go; a dialog or an inspector tab is audited on its own once
 * the page around it has been audited whole.
 */

const INSPECTOR = '[data-testid="inspector"]'

/**
 * Selects the newest timeline row matching `selector` and audits the inspector on the given
 * tabs (the row's first tab when none are named): a tab's content is the same whatever made the
 * row, so each kind is audited where it differs.
 */
async function auditRow(page: Page, kind: string, selector: string, tabs: string[] = []) {
  const row = page.locator(`[data-testid="timeline-row"]${selector}`).first()
  // The timeline renders only the rows in view: walk down it until the row is there.
  if ((await row.count()) === 0) {
    await page.getByTestId('timeline-scroll').focus()
    await page.keyboard.press('Home')
    for (let i = 0; i < 200 && (await row.count()) === 0; i++) {
      await page.keyboard.press('PageDown')
    }
  }
  // The timeline is live: a row arriving meanwhile can move the one aimed at, so aim again.
  await expect(async () => {
    await row.click()
    await expect(row).toHaveAttribute('aria-selected', 'true', { timeout: 1000 })
  }).toPass({ timeout: 15_000 })
  const names = tabs.length > 0 ? tabs : [null]
  for (const name of names) {
    const tab =
      name === null
        ? page.getByTestId('inspector-tab').getByRole('tab').first()
        : page.getByTestId(`inspector-tab-${name}`)
    await tab.click()
    await expect(tab).toHaveAttribute('aria-selected', 'true')
    const label = (await tab.textContent())!.trim()
    await audit(page, `${kind} row, ${label} tab`, { include: INSPECTOR })
  }
}

test('first run, shortcuts help, composer and the dispatch dialogs', async ({ app: page }) => {
  test.setTimeout(480_000)
  const url = await receiverUrl(page)

  await expect(page.getByTestId('first-run')).toBeVisible()
  await audit(page, 'first run')
  await page.keyboard.press('?')
  await expect(page.getByTestId('help')).toBeVisible()
  await audit(page, 'shortcuts help', { include: '[data-testid="help"]' })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('help')).toHaveCount(0)

  // A long timeout, so the delayed answer below keeps the waiting dialog up.
  await createHook(page, {
    name: 'Receiver',
    url,
    email: 'ann@site.org',
    password: 'secret',
    timeoutSeconds: 120
  })
  await audit(page, 'composer with a hook')

  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()

  await page.getByTestId('behavior-status').fill('500')
  await applyBehavior(page)
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error')).toBeVisible()
  await audit(page, 'ProtocolError dialog', { include: '[data-testid="protocol-error"]' })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('protocol-error')).toHaveCount(0)

  await pickPreset(page, 'Healthy')
  await page.getByTestId('behavior-delay-min').fill('100000')
  await applyBehavior(page)
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-waiting')).toBeVisible()
  await audit(page, 'waiting dialog', { include: '[data-testid="dispatch-waiting"]' })
  await page.getByTestId('dispatch-abort').click()
  await expect(page.getByTestId('dispatch-waiting')).toHaveCount(0)
})

test('check, scenarios, export/import, and a timeline with every kind of row', async ({
  app: page
}) => {
  test.setTimeout(900_000)
  const url = await receiverUrl(page)
  await createHook(page, { name: 'Receiver', url, email: 'ann@site.org', password: 'secret' })

  // Linked; a capture on its own (a request straight to the receiver); failed; a replay.
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  const direct = await page.request.post(`${url}direct`, { data: { hello: 'world' } })
  expect(direct.status()).toBe(200)
  await page.getByTestId('behavior-status').fill('500')
  await applyBehavior(page)
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error')).toBeVisible()
  await page.keyboard.press('Escape')
  await pickPreset(page, 'Healthy')
  // An exchange with no capture: nothing listens there.
  await createHook(page, { name: 'Nowhere', url: 'http://127.0.0.1:9/hook', timeoutSeconds: 2 })
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error')).toBeVisible()
  await page.keyboard.press('Escape')
  await page.locator('[data-testid="hook-item"][data-hook-name="Receiver"]').click()
  await page.locator('[data-testid="timeline-row"][data-outcome="ok"]').last().click()
  await page.getByTestId('inspector-resend').click()
  await expect(page.locator('[data-testid="timeline-row"][data-origin="replay"]')).toHaveCount(1)

  // The endpoint check, before and after a run.
  await page.getByTestId('center-view-check').click()
  await audit(page, 'check endpoint before a run', { include: '[data-testid="check-view"]' })
  await page.getByTestId('check-use-hook').click()
  await page.getByTestId('check-run').click()
  await expect(page.getByTestId('check-report')).toHaveAttribute('data-verdict', /.+/, {
    timeout: 60_000
  })
  await audit(page, 'check endpoint with a result')

  // Scenarios: the list after a run, the editor in both modes, presenter mode.
  await page.getByTestId('center-view-scenarios').click()
  await page.getByTestId('scenario-select').selectOption('builtin-record-lifecycle')
  await page.getByTestId('scenario-run-all').click()
  await expect(page.getByTestId('scenario-summary')).toHaveText('6 of 6 steps as expected.', {
    timeout: 60_000
  })
  await audit(page, 'scenarios list after a run', { include: '[data-testid="scenarios-view"]' })
  await page.getByTestId('scenario-new').click()
  const editor = '[data-testid="scenario-editor"]'
  await expect(page.locator(editor)).toBeVisible()
  await audit(page, 'scenario editor, form', { include: editor })
  await page.getByTestId('scenario-editor-mode-json').click()
  await audit(page, 'scenario editor, JSON', { include: editor })
  await page.keyboard.press('Escape')
  await expect(page.locator(editor)).toHaveCount(0)

  await page.getByTestId('scenario-select').selectOption('builtin-when-things-go-wrong')
  await page.getByTestId('scenario-present').click()
  const presenter = '[data-testid="presenter"]'
  await expect(page.locator(presenter)).toBeVisible()
  await audit(page, 'presenter mode, a step before it plays', { include: presenter })
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('presenter-title')).toHaveText('Server error')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('step-protocol-error')).toBeVisible()
  await audit(page, 'presenter mode, a ProtocolError step', { include: presenter })
  await page.keyboard.press('Escape')
  await expect(page.locator(presenter)).toHaveCount(0)

  // Export and import: the dialog, and imported rows.
  await page.getByTestId('share-open').click()
  const share = '[data-testid="share-dialog"]'
  await expect(page.locator(share)).toBeVisible()
  await audit(page, 'export/import dialog', { include: share })
  const download = page.waitForEvent('download')
  await page.getByTestId('share-export-har').click()
  const file = await (await download).path()
  const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: unknown[] } }
  expect(har.log.entries.length).toBeGreaterThan(0)
  await page.getByTestId('share-import-file').setInputFiles(file)
  await expect(page.getByTestId('share-summary')).toContainText('Imported')
  await audit(page, 'export/import dialog after an import', { include: share })
  await page.keyboard.press('Escape')
  await expect(page.locator(share)).toHaveCount(0)

  // The whole page with every kind of row, then each kind in the inspector.
  await page.getByTestId('center-view-compose').click()
  const rows = page.getByTestId('timeline-row')
  for (const kind of ['check', 'scenario', 'replay']) {
    await expect(rows.and(page.locator(`[data-origin="${kind}"]`)).first()).toBeVisible()
  }
  await audit(page, 'timeline with every kind of row')
  const linked = '[data-linked="true"]:not([data-origin]):not([data-imported])'
  await auditRow(page, 'linked', linked, ['request', 'response', 'received', 'flow', 'curl'])
  await auditRow(page, 'capture-only', '[data-row-id^="cap_"]:not([data-imported])')
  await auditRow(page, 'exchange-only', '[data-row-id^="exc_"][data-linked="false"]', ['response'])
  await auditRow(page, 'failed', '[data-outcome="error"]:not([data-imported])', ['response'])
  await auditRow(page, 'imported', '[data-imported="true"]:not([data-origin])')
  await auditRow(page, 'check', '[data-origin="check"]')
  await auditRow(page, 'scenario', '[data-origin="scenario"]')
  await auditRow(page, 'replay', '[data-origin="replay"]')
})
