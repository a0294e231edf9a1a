import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { applyBehavior, closeDialog, createHook, pickPreset, receiverUrl } from './helpers'
import { shotsEverywhere } from './screens'
import { expect, test } from './serve-fixture'

/** Opens the Flow tab of the newest timeline row. */
async function openFlow(page: Page): Promise<void> {
  await page.getByTestId('timeline-row').first().click()
  await page.getByTestId('inspector-tab-flow').click()
  await expect(page.getByTestId('flow-svg')).toBeVisible()
}

/** A forwarding target on loopback that answers 201 after 150 ms. */
function startTarget(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(201, { 'content-type': 'application/json' })
        res.end('{"stored":true}')
      }, 150)
    )
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

test('the Flow tab draws a success, a timeout, a reset and a forwarded exchange', async ({
  app: page
}) => {
  const url = await receiverUrl(page)
  await createHook(page, {
    name: 'Flow demo',
    url,
    email: 'ann@site.org',
    password: 'p:w0rd',
    timeoutSeconds: 2
  })

  // Success: a 2xx arrow back, the record saved, far above the timeout line.
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await openFlow(page)
  const svg = page.getByTestId('flow-svg')
  await expect(svg).toHaveAttribute('data-outcome', 'saved')
  await expect(svg.locator('[data-step-id="answer"]')).toHaveAttribute('aria-label', /answers 200/)
  await shotsEverywhere(page, 'flow-success')

  // Timeout: the endpoint hangs, TrialKit gives up at the 2 s line.
  await pickPreset(page, 'Hang')
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error-kind')).toHaveText('timeout')
  await closeDialog(page)
  await openFlow(page)
  await expect(svg).toHaveAttribute('data-outcome', 'error')
  await expect(svg.locator('[data-step-id="gave-up"]')).toBeVisible()
  await shotsEverywhere(page, 'flow-timeout')

  // Reset: a zigzag RST back to TrialKit.
  await pickPreset(page, 'Reset')
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error-kind')).toHaveText('connection-reset')
  await closeDialog(page)
  await openFlow(page)
  await expect(svg.locator('[data-step-id="reset"] polyline')).toHaveCount(1)
  await shotsEverywhere(page, 'flow-reset')

  // Forwarded: the receiver sends the request on; the extra hop is a fifth lane.
  const target = await startTarget()
  try {
    await pickPreset(page, 'Healthy')
    await page.getByTestId('behavior-forward-group').locator('summary').click()
    await page
      .getByTestId('behavior-forward-to')
      .locator('input')
      .or(page.locator('input[data-testid="behavior-forward-to"]'))
      .first()
      .fill(`http://127.0.0.1:${(target.address() as AddressInfo).port}/next`)
    await applyBehavior(page)
    await page.getByTestId('fire').click()
    await expect(page.getByTestId('dispatch-saved')).toBeVisible()
    await page.getByTestId('inspector-tab-flow').click()
    await expect(svg.locator('[data-lane="target"]')).toHaveCount(1)
    await expect(svg.locator('[data-step-id="forward-answer"]')).toHaveAttribute(
      'aria-label',
      /answers 201/
    )
    await shotsEverywhere(page, 'flow-forwarded')

    // Saved as SVG: a standalone file with the colours inlined.
    const download = page.waitForEvent('download')
    await page.getByTestId('flow-save-svg').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^hook-flow-.*\.svg$/)
  } finally {
    target.close()
  }
})
