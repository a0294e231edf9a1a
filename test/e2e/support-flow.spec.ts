import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { createHook, receiverUrl } from './helpers'
import { expect, test } from './serve-fixture'

/** A port something else listens on, for the length of a test. */
function takePort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as { port: number }).port, server })
    )
  })
}

test('receiver panel: a taken port keeps the receiver running; presets and passwords say what they do', async ({
  app: page
}) => {
  const before = await receiverUrl(page)
  const { port, server } = await takePort()
  try {
    await page.getByTestId('receiver-port').fill(String(port))
    await page.getByTestId('receiver-restart').click()
    const error = page.getByTestId('receiver-restart-error')
    await expect(error).toContainText(`Port ${port} on 127.0.0.1 is already in use`)
    await expect(error).toContainText('Choose another port (0 picks a free one)')
    await expect(error).not.toContainText('--port')
    await expect(page.getByTestId('receiver-port')).toHaveValue(String(port))
    await expect(page.getByTestId('receiver-state')).toHaveAttribute('data-running', 'true')
    expect(await receiverUrl(page)).toBe(before)
  } finally {
    server.close()
  }

  await page.getByTestId('behavior-preset').selectOption('Slower than timeout')
  await expect(page.getByTestId('behavior-preset-note')).toHaveText(
    'Answers after 35 s: the active hook’s timeout (30 s) + 5 s, so TrialKit gives up first.'
  )
  await expect(page.getByTestId('behavior-delay-min')).toHaveValue('35000')
  await expect(page.getByTestId('behavior-state')).toHaveText('Applied: Slower than timeout')

  await page.getByTestId('behavior-auth-group').locator('summary').click()
  await page.getByTestId('behavior-expect-auth').check()
  const label = page.getByTestId('behavior-auth-group').locator('label.check')
  const clipped = await label.evaluate((el) => el.scrollWidth > el.clientWidth + 1)
  expect(clipped, 'the checkbox label is shown whole').toBe(false)
  const password = page.getByTestId('behavior-auth-password')
  await password.fill('s3cret')
  await expect(password).toHaveAttribute('type', 'password')
  await page.getByTestId('behavior-auth-password-reveal').click()
  await expect(password).toHaveAttribute('type', 'text')
  await page.screenshot({ path: 'test-results/screenshots/receiver-panel-light.png' })
})

test('a revealed password in the inspector hides again when another row is selected', async ({
  app: page
}) => {
  const url = await receiverUrl(page)
  await createHook(page, { name: 'Auth', url, email: 'ann@site.org', password: 'pw-1' })
  for (let i = 0; i < 2; i++) {
    await page.getByTestId('fire').click()
    await expect(page.getByTestId('dispatch-saved')).toBeVisible()
    await page.getByTestId('dispatch-saved').click()
  }
  const rows = page.getByTestId('timeline-row')
  await expect(rows).toHaveCount(2)
  await rows.nth(1).click()
  const shown = page.getByTestId('inspector-request-auth-password')
  await page.getByTestId('inspector-request-auth-password-reveal').click()
  await expect(shown).toHaveText('pw-1')
  await rows.nth(0).click()
  await expect(shown).not.toHaveText('pw-1')
})

test('an imported bundle: password needed, asked before firing, and a confirmation before re-sending elsewhere', async ({
  app: page
}, testInfo) => {
  const url = await receiverUrl(page)
  await createHook(page, { name: 'Study', url, email: 'ann@site.org', password: 'pw-1' })
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await page.getByTestId('dispatch-saved').click()

  await page.getByTestId('share-open').click()
  const download = page.waitForEvent('download')
  await page.getByTestId('share-export-bundle').click()
  const bundle = JSON.parse(readFileSync((await (await download).path())!, 'utf8'))
  // The history came from another machine: its exchange went, with a hook not saved here, to a
  // server that is not this one. (Nothing is sent there: the test cancels.)
  const elsewhere = 'http://192.0.2.10:8080/hook'
  for (const entry of bundle.history) {
    if (entry.type === 'exchange') {
      entry.request.url = elsewhere
      entry.hookId = 'hook_customer'
    }
  }
  bundle.hooks = bundle.hooks.map((h: { name: string }) => ({ ...h, name: 'Imported study' }))
  const file = testInfo.outputPath('site.hookinspector.json')
  writeFileSync(file, JSON.stringify(bundle))
  await page.getByTestId('share-import-file').setInputFiles(file)
  await expect(page.getByTestId('share-summary')).toBeVisible()
  await expect(page.getByTestId('toast').last()).toContainText(
    'Enter the password again for the hook: Imported study.'
  )
  await page.keyboard.press('Escape')

  const imported = page.locator('[data-testid="hook-item"][data-hook-name="Imported study"]')
  await expect(imported.getByTestId('hook-password-needed')).toHaveText('password needed')
  const original = page.locator('[data-testid="hook-item"][data-hook-name="Study"]')
  await expect(original.getByTestId('hook-password-needed')).toHaveCount(0)

  // The imported row: marked, without moving the time, and the inspector says where it came from.
  const row = page.locator('[data-testid="timeline-row"][data-imported="true"]').first()
  await expect(row.getByTestId('timeline-imported')).toBeVisible()
  // The mark is inside its row and its scroller, not cut off at their left edge.
  const mark = (await row.getByTestId('timeline-imported').boundingBox())!
  const scroller = (await page.getByTestId('timeline-scroll').boundingBox())!
  expect(mark.x).toBeGreaterThanOrEqual(scroller.x)
  expect(mark.width).toBeGreaterThan(4)
  const own = page.locator('[data-testid="timeline-row"]:not([data-imported])').first()
  const width = (sel: typeof row) => sel.locator('.tl-time').evaluate((el) => el.scrollWidth)
  expect(await width(row)).toBe(await width(own))
  await row.click()
  await expect(page.getByTestId('inspector-imported')).toContainText(
    'Imported from site.hookinspector.json on'
  )
  await page.screenshot({ path: 'test-results/screenshots/imported-row-light.png' })

  // Re-send as it was: its Authorization was redacted in the bundle, so the credentials are asked
  // for; then, as it would go to the other machine, it asks first and shows the URL.
  const count = await page.getByTestId('timeline-row').count()
  await page.getByTestId('inspector-resend').click()
  await page.getByTestId('replay-credentials-email').fill('ann@site.org')
  await page.getByTestId('replay-credentials-password').fill('pw-1')
  await page.getByTestId('replay-credentials-send').click()
  await expect(page.getByTestId('confirm-resend-url')).toHaveText(elsewhere)
  await page.getByTestId('confirm-resend').getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('confirm-resend')).toHaveCount(0)
  await expect(page.getByTestId('timeline-row')).toHaveCount(count)

  // Fire with the imported hook: the password is asked for, not sent empty.
  await imported.locator('.hook-main, button').first().click()
  await expect(imported).toHaveAttribute('data-active', 'true')
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('password-prompt')).toBeVisible()
  await expect(page.getByTestId('timeline-row')).toHaveCount(count)
  await page.getByTestId('password-prompt-input').fill('pw-2')
  await page.getByTestId('password-prompt-send').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await page.getByTestId('dispatch-saved').click()
  await expect(imported.getByTestId('hook-password-needed')).toHaveCount(0)
  await page.getByTestId('timeline-row').first().click()
  await page.getByTestId('inspector-tab-received').click()
  await expect(page.getByTestId('inspector-capture-auth')).toContainText('ann@site.org')
})
