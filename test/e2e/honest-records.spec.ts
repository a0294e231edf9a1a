import { connect } from 'node:net'
import { expectNoViolationsInBothThemes, showTheme } from './a11y'
import { applyBehavior, closeDialog, createHook, fireExpectingError, receiverUrl } from './helpers'
import { expect, snapshot, test } from './serve-fixture'

test('a hang TrialKit gave up on reads as no answer, held until the caller left', async ({
  app: page
}, testInfo) => {
  await createHook(page, { name: 'Two seconds', url: await receiverUrl(page), timeoutSeconds: 2 })
  await page.getByTestId('behavior-fault').selectOption('hang')
  await applyBehavior(page)
  expect(await fireExpectingError(page)).toBe('timeout')
  await closeDialog(page)

  const row = page.getByTestId('timeline-row').first()
  await row.click()
  await page.getByTestId('inspector-tab-received').click()
  // The capture is recorded before the hold and updated once the caller (the dispatcher, at its
  // timeout) has left.
  await expect(page.getByTestId('inspector-answer-outcome')).toHaveText(
    /^No answer: held until the caller left after [12]\.\d s$/
  )
  await snapshot(page, testInfo, 'hang-caller-left')
  await expectNoViolationsInBothThemes(page, 'unfinished capture', {
    include: '[data-testid="inspector-answer"]'
  })
})

test('a caller of its own that leaves a held request: the capture and its flow say when', async ({
  app: page
}, testInfo) => {
  await page.getByTestId('behavior-fault').selectOption('hang')
  await applyBehavior(page)
  const { port } = new URL(await receiverUrl(page))
  // A caller this app did not send, as TrialKit would be: it gives up after 1.5 s.
  const socket = connect(Number(port), '127.0.0.1')
  socket.on('error', () => undefined)
  socket.write(
    'POST /study-hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}'
  )
  await expect(page.getByTestId('timeline-row')).toHaveCount(1)
  await page.waitForTimeout(1500)
  socket.end()

  const row = page.getByTestId('timeline-row').first()
  await expect(row.getByTestId('timeline-status')).toHaveText('no answer')
  await row.click()
  await page.getByTestId('inspector-tab-received').click()
  await expect(page.getByTestId('inspector-answer-outcome')).toHaveText(
    /^No answer: held until the caller left after \d+\.\d s$/
  )
  await page.getByTestId('inspector-tab-flow').click()
  await expect(page.getByTestId('flow-svg')).toBeVisible()
  await expect(page.getByTestId('flow-caption')).toContainText('held until the caller left')
  await expect(page.getByTestId('flow-steps')).toContainText('the caller closes the connection')
  await snapshot(page, testInfo, 'flow-caller-left')
})

test('re-sending an entry imported without secrets asks for the credentials first', async ({
  app: page
}, testInfo) => {
  await createHook(page, {
    name: 'With credentials',
    url: await receiverUrl(page),
    email: 'ana@example.org',
    password: 'sécret:1'
  })
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()

  // Exported without secrets, then the hook and the history go: imported back, as support would
  // open a customer's file, the Authorization is "[redacted]" and no saved hook can stand in.
  await page.getByTestId('share-open').click()
  const download = page.waitForEvent('download')
  await page.getByTestId('share-export-har').click()
  const file = await (await download).path()
  await page.keyboard.press('Escape')
  await page.getByTestId('timeline-clear').click()
  await page.getByTestId('timeline-clear-confirm-ok').click()
  await expect(page.getByTestId('timeline-row')).toHaveCount(0)
  await page.getByTestId('hook-delete').click()
  await page.getByTestId('hook-delete-confirm-ok').click()
  await expect(page.getByTestId('hook-item')).toHaveCount(0)
  await page.getByTestId('share-open').click()
  await page.getByTestId('share-import-file').setInputFiles(file)
  await expect(page.getByTestId('share-summary')).toContainText('Imported 2 history entries.')
  await page.keyboard.press('Escape')

  await page.getByTestId('timeline-row').first().click()
  await page.getByTestId('inspector-resend').click()
  const prompt = page.getByTestId('replay-credentials')
  await expect(prompt).toBeVisible()
  await expect(page.getByTestId('replay-credentials-why')).toContainText('redacted')
  await expect(page.getByTestId('timeline-row')).toHaveCount(1)
  await snapshot(page, testInfo, 'replay-credentials')
  await expectNoViolationsInBothThemes(page, 'replay credentials prompt', {
    include: '[data-testid="replay-credentials"]'
  })
  await snapshot(page, testInfo, 'replay-credentials-dark')
  await showTheme(page, 'light')

  await page.getByTestId('replay-credentials-email').fill('ana@example.org')
  await page.getByTestId('replay-credentials-password').fill('sécret:1')
  await page.getByTestId('replay-credentials-send').click()
  await expect(page.getByTestId('timeline-row')).toHaveCount(2)
  await expect(prompt).toHaveCount(0)
  await page.getByTestId('timeline-row').first().click()
  await page.getByTestId('inspector-tab-received').click()
  await expect(page.getByTestId('inspector-capture-auth-email')).toHaveText('ana@example.org')
  await expect(page.getByTestId('inspector-answer-outcome')).toHaveText(/^Answered 200 after /)
})
