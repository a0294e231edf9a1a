import {
  applyBehavior,
  closeDialog,
  createHook,
  fireExpectingError,
  pickPreset,
  receiverUrl
} from './helpers'
import { expect, snapshot, test } from './serve-fixture'

/**
 * Runs in the page: clicks Fire and resolves with the milliseconds until the ProtocolError
 * dialog is in the DOM, so the measurement excludes the test runner's polling. (A string, as
 * the Node-side tsconfig has no DOM types.)
 */
const TIME_UNTIL_PROTOCOL_ERROR = `new Promise((resolve, reject) => {
  const fire = document.querySelector('[data-testid="fire"]')
  if (!fire) return reject(new Error('no Fire button'))
  const start = performance.now()
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="protocol-error"]')) {
      observer.disconnect()
      resolve(performance.now() - start)
    }
  })
  observer.observe(document.body, { childList: true, subtree: true })
  setTimeout(() => reject(new Error('no ProtocolError within 10 s')), 10000)
  fire.click()
})`

test('an insert with credentials lands on the built-in receiver, decoded and linked', async ({
  app: page
}, testInfo) => {
  const url = await receiverUrl(page)
  await createHook(page, {
    name: 'Receiver with auth',
    url,
    email: 'ann@site.org',
    password: 'p:w0rd'
  })
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toContainText('Record saved')

  const row = page.getByTestId('timeline-row').first()
  await expect(row).toHaveAttribute('data-linked', 'true')
  await expect(row).toHaveAttribute('data-outcome', 'ok')
  await expect(row.getByTestId('timeline-status')).toHaveText('200')

  // Firing selects the exchange; the receiver's side shows the decoded credentials.
  await expect(page.getByTestId('inspector-outcome')).toHaveText('ok')
  await page.getByTestId('inspector-tab-received').click()
  await expect(page.getByTestId('inspector-capture-auth-email')).toHaveText('ann@site.org')
  await expect(page.getByTestId('inspector-answer-outcome')).toHaveText(/^Answered 200 after /)
  await snapshot(page, testInfo, 'insert-linked-capture')
})

test('"Slower than timeout" with a 2 s hook timeout: waiting, then ProtocolError timeout in 2–3 s', async ({
  app: page
}, testInfo) => {
  await createHook(page, { name: 'Two seconds', url: await receiverUrl(page), timeoutSeconds: 2 })
  await pickPreset(page, 'Slower than timeout')

  const elapsed = page.evaluate<number>(TIME_UNTIL_PROTOCOL_ERROR)
  await expect(page.getByTestId('dispatch-waiting')).toContainText(
    'Saving record… waiting for hook'
  )
  await expect(page.getByTestId('dispatch-countdown')).toContainText('left of 2 s')
  await snapshot(page, testInfo, 'waiting-for-hook')
  const ms = await elapsed
  expect(ms).toBeGreaterThanOrEqual(2000)
  expect(ms).toBeLessThan(3000)
  await expect(page.getByTestId('protocol-error-kind')).toHaveText('timeout')
  await expect(page.getByTestId('protocol-error-approximation')).toBeVisible()
  await snapshot(page, testInfo, 'protocol-error-timeout')
})

test('status 500 ends in http-status; fault reset ends in connection-reset', async ({
  app: page
}, testInfo) => {
  await createHook(page, { name: 'Failing receiver', url: await receiverUrl(page) })

  await page.getByTestId('behavior-status').fill('500')
  await expect(page.getByTestId('behavior-state')).toHaveText('Unsaved changes')
  await applyBehavior(page)
  expect(await fireExpectingError(page)).toBe('http-status')
  await expect(page.getByTestId('protocol-error-status')).toContainText('500')
  await snapshot(page, testInfo, 'protocol-error-http-status')
  await closeDialog(page)

  await page.getByTestId('behavior-fault').selectOption('reset')
  await applyBehavior(page)
  expect(await fireExpectingError(page)).toBe('connection-reset')
  await snapshot(page, testInfo, 'protocol-error-connection-reset')
  await closeDialog(page)

  await page.getByTestId('filter-kind').selectOption('http-status')
  await expect(page.getByTestId('timeline-row')).toHaveCount(1)
  await expect(page.getByTestId('timeline-row').first().getByTestId('timeline-status')).toHaveText(
    '500 http-status'
  )
})
