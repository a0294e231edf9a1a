import { readFileSync } from 'node:fs'
import { createHook, receiverUrl } from './helpers'
import { shot, THEMES, look } from './screens'
import { expect, test } from './serve-fixture'

/**
 * Support works a customer's case from a HAR: a file exported (without secrets) from an app that
 * fired once and ran a capacity check reads back with every row's origin, the run as one row, and
 * the email each redacted Authorization was sent with.
 */
test('an imported HAR keeps each row’s origin, the capacity run as one row, and who sent it', async ({
  app: page
}) => {
  test.setTimeout(120_000)
  const url = await receiverUrl(page)
  await createHook(page, { name: 'Study', url, email: 'ann@site.org', password: 'pw-1' })
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await page.getByTestId('dispatch-saved').click()

  await page.getByTestId('center-view-capacity').click()
  await page.getByTestId('capacity-levels').fill('1, 4')
  await page.getByTestId('capacity-run').click()
  await expect(page.getByTestId('capacity-view').getByTestId('capacity-summary')).toBeVisible({
    timeout: 60_000
  })

  await page.getByTestId('share-open').click()
  const download = page.waitForEvent('download')
  await page.getByTestId('share-export-har').click()
  const file = (await (await download).path())!
  const har = JSON.parse(readFileSync(file, 'utf8')) as {
    log: { entries: { _hookInspector: { origin: string; authEmail?: string } }[] }
  }
  const origins = new Set(har.log.entries.map((e) => e._hookInspector.origin))
  expect([...origins].sort()).toEqual(['capacity', 'capture', 'fire'])
  expect(har.log.entries.find((e) => e._hookInspector.origin === 'fire')?._hookInspector).toEqual(
    expect.objectContaining({ authEmail: 'ann@site.org' })
  )
  await page.keyboard.press('Escape')

  await page.getByTestId('timeline-clear').click()
  await page.getByTestId('timeline-clear-confirm-ok').click()
  await expect(page.getByTestId('timeline-row')).toHaveCount(0)
  await page.getByTestId('share-open').click()
  await page.getByTestId('share-import-file').setInputFiles(file)
  await expect(page.getByTestId('share-summary')).toBeVisible()
  await page.keyboard.press('Escape')

  // The capacity run is one row again, with its exchanges inside.
  const count = page.getByTestId('timeline-count')
  await expect(count).not.toHaveText('0 entries')
  const total = (await count.textContent())!.replace(/ entries$/, '')
  await page.getByTestId('filter-origin').selectOption('capacity')
  await expect(count).toHaveText(`1 of ${total} entries`)
  const run = page.locator('[data-testid="timeline-row"][data-origin="capacity"]')
  await expect(run).toHaveCount(1)
  await expect(run).toHaveAttribute('data-imported', 'true')
  await page.getByTestId('filter-origin').selectOption('imported')
  await expect(count).toHaveText(`${total} entries`)

  // The fire: its Authorization was redacted, and who sent it is still shown.
  await page.getByTestId('filter-origin').selectOption('fire')
  await expect(count).toHaveText(`1 of ${total} entries`)
  const fire = page.getByTestId('timeline-row')
  // The Auth column (hidden when the timeline is narrow, as it is here).
  await expect(fire.locator('[role="gridcell"]').nth(6)).toHaveText('ann@site.org')
  await fire.click()
  await page.getByTestId('inspector-tab-request').click()
  await expect(page.getByTestId('inspector-request-headers-sent-email')).toHaveText(
    ' · sent as ann@site.org'
  )
  await expect(page.getByTestId('inspector-request-auth')).toHaveText(
    'redacted on export; sent as ann@site.org'
  )

  // The capacity run's row says where it came from, as every imported row does.
  await page.getByTestId('filter-origin').selectOption('capacity')
  await run.click()
  await expect(page.getByTestId('inspector-imported')).toContainText('Imported from')

  for (const theme of THEMES) {
    await page.getByTestId('filter-origin').selectOption('capacity')
    await look(page, { width: 1920, height: 1080 }, theme)
    await run.click()
    await expect(page.getByTestId('inspector-capacity')).toBeVisible()
    await shot(page, 'har-origin-capacity', { width: 1920, height: 1080 }, theme)
    await page.getByTestId('filter-origin').selectOption('fire')
    await page.getByTestId('timeline-row').click()
    await page.getByTestId('inspector-tab-request').click()
    await shot(page, 'har-origin-fire-email', { width: 1920, height: 1080 }, theme)
  }

  // With the hook it was sent with not saved here, a re-send asks for the credentials, the email
  // it was sent with already filled in.
  await page.getByTestId('hook-delete').click()
  await page.getByTestId('hook-delete-confirm-ok').click()
  await page.getByTestId('inspector-resend').click()
  await expect(page.getByTestId('replay-credentials-email')).toHaveValue('ann@site.org')
  await expect(page.getByTestId('replay-credentials-password')).toHaveValue('')
  for (const theme of THEMES) {
    await look(page, { width: 1920, height: 1080 }, theme)
    await shot(page, 'har-origin-resend-prompt', { width: 1920, height: 1080 }, theme)
  }
  await page.getByTestId('replay-credentials-cancel').click()
})
