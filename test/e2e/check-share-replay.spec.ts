import { readFileSync } from 'node:fs'
import { applyBehavior, createHook, receiverUrl } from './helpers'
import { expect, snapshot, test } from './serve-fixture'

test('check endpoint: the built-in receiver answering 500 to everything is not ready', async ({
  app: page
}, testInfo) => {
  await createHook(page, { name: 'Receiver', url: await receiverUrl(page), timeoutSeconds: 2 })
  await page.getByTestId('behavior-status').fill('500')
  await applyBehavior(page)
  await page.getByTestId('center-view-check').click()
  await page.getByTestId('check-use-hook').click()
  await page.getByTestId('check-run').click()
  await expect(page.getByTestId('check-report')).toHaveAttribute('data-verdict', 'fail', {
    timeout: 20_000
  })
  await expect(page.getByTestId('check-item-insert')).toHaveAttribute('data-status', 'fail')
  // One cause, said once and first; nothing is judged on the strength of the refusals.
  await expect(page.getByTestId('check-root-cause')).toContainText(
    'Root cause: Every event (insert, update, review) got HTTP 500 Internal Server Error'
  )
  await expect(page.getByTestId('check-item-bad-input')).toHaveAttribute('data-status', 'not-run')
  await expect(page.getByTestId('check-item-bad-input')).toContainText('every event got HTTP 500')
  await expect(page.getByTestId('check-item-tls')).toHaveAttribute('data-status', 'skip')
  // The evidence links to the exchange in the timeline.
  await page.getByTestId('check-item-insert').getByRole('button').first().click()
  await expect(page.getByTestId('inspector-outcome')).toHaveText('error')
  await snapshot(page, testInfo, 'check-endpoint')
})

test('re-send from the inspector, then export the history as HAR and import it back', async ({
  app: page
}, testInfo) => {
  await createHook(page, { name: 'Receiver', url: await receiverUrl(page) })
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await page.getByTestId('inspector-resend').click()
  await expect(page.getByTestId('timeline-row')).toHaveCount(2)
  await page.getByTestId('dispatch-saved').click()

  // Edit and re-send opens the request in the composer.
  await page.getByTestId('inspector-edit-resend').click()
  await expect(page.getByTestId('replay-editor')).toBeVisible()
  await page.getByTestId('replay-body').fill('{"trans_id":"999","OnUpdate":true}')
  await snapshot(page, testInfo, 'edit-and-resend')
  await page.getByTestId('replay-send').click()
  await expect(page.getByTestId('timeline-row')).toHaveCount(3)
  await expect(page.getByTestId('composer')).toBeVisible()
  await page.getByTestId('inspector-tab-received').click()
  await expect(page.getByTestId('inspector-capture-body-content')).toContainText('"999"')

  await page.getByTestId('share-open').click()
  const download = page.waitForEvent('download')
  await page.getByTestId('share-export-har').click()
  const file = await (await download).path()
  const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: unknown[] } }
  // One entry per timeline row: each dispatch and the capture it made are one entry.
  expect(har.log.entries).toHaveLength(3)
  await snapshot(page, testInfo, 'share-dialog')

  // Into the same history it adds nothing: every entry is already there.
  await page.getByTestId('share-import-file').setInputFiles(file)
  await expect(page.getByTestId('share-summary')).toContainText(
    'Imported 0 history entries. 6 already present.'
  )
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('timeline-row')).toHaveCount(3)

  // After a clear it brings the three rows back, marked imported.
  await page.getByTestId('timeline-clear').click()
  await page.getByTestId('timeline-clear-confirm-ok').click()
  await expect(page.getByTestId('timeline-row')).toHaveCount(0)
  await page.getByTestId('share-open').click()
  await page.getByTestId('share-import-file').setInputFiles(file)
  await expect(page.getByTestId('share-summary')).toContainText('Imported 6 history entries.')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('timeline-row')).toHaveCount(3)
  await expect(page.locator('[data-testid="timeline-row"][data-imported="true"]')).toHaveCount(3)
})
