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

/** Screenshots of the Flow tab, then of the same flow enlarged, at every size and theme. */
async function flowShots(page: Page, name: string): Promise<void> {
  const svg = page.getByTestId('flow-svg')
  await shotsEverywhere(page, name, () => svg.scrollIntoViewIfNeeded())
  await page.getByTestId('flow-enlarge').click()
  await expect(page.getByTestId('flow-large-svg')).toBeVisible()
  await shotsEverywhere(page, `${name}-enlarged`)
  await page.getByTestId('flow-large-close').click()
  await expect(page.getByTestId('flow-large-dialog')).toHaveCount(0)
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

/** A hook at the built-in receiver with credentials and a 2 s timeout. */
async function demoHook(page: Page): Promise<void> {
  await createHook(page, {
    name: 'Flow demo',
    url: await receiverUrl(page),
    email: 'ann@site.org',
    password: 'p:w0rd',
    timeoutSeconds: 2
  })
}

test('Flow tab: a success is a 2xx arrow back, far above the timeout line', async ({
  app: page
}) => {
  await demoHook(page)
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('dispatch-saved')).toBeVisible()
  await openFlow(page)
  const svg = page.getByTestId('flow-svg')
  await expect(svg).toHaveAttribute('data-outcome', 'saved')
  await expect(svg.locator('[data-step-id="answer"]')).toHaveAttribute('aria-label', /answers 200/)
  await flowShots(page, 'flow-success')

  // Saved as SVG: a standalone file.
  const download = page.waitForEvent('download')
  await page.getByTestId('flow-save-svg').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^hook-flow-.*\.svg$/)
})

test('Flow tab: a hang times out at the timeout line', async ({ app: page }) => {
  await demoHook(page)
  await pickPreset(page, 'Hang')
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error-kind')).toHaveText('timeout')
  await closeDialog(page)
  await openFlow(page)
  const svg = page.getByTestId('flow-svg')
  await expect(svg).toHaveAttribute('data-outcome', 'error')
  await expect(svg.locator('[data-step-id="gave-up"]')).toBeVisible()
  await flowShots(page, 'flow-timeout')
})

test('Flow tab: a reset is a zigzag RST back to TrialKit', async ({ app: page }) => {
  await demoHook(page)
  await pickPreset(page, 'Reset')
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error-kind')).toHaveText('connection-reset')
  await closeDialog(page)
  await openFlow(page)
  await expect(page.getByTestId('flow-svg').locator('[data-step-id="reset"] polyline')).toHaveCount(
    1
  )
  await flowShots(page, 'flow-reset')
})

test('Flow tab: forwarding draws the extra hop as a fifth lane', async ({ app: page }) => {
  await demoHook(page)
  const target = await startTarget()
  try {
    await page.getByTestId('behavior-forward-group').locator('summary').click()
    await page
      .locator('input[data-testid="behavior-forward-to"]')
      .fill(`http://127.0.0.1:${(target.address() as AddressInfo).port}/next`)
    await applyBehavior(page)
    await page.getByTestId('fire').click()
    await expect(page.getByTestId('dispatch-saved')).toBeVisible()
    await page.getByTestId('inspector-tab-flow').click()
    const svg = page.getByTestId('flow-svg')
    await expect(svg.locator('[data-lane="target"]')).toHaveCount(1)
    await expect(svg.locator('[data-step-id="forward-answer"]')).toHaveAttribute(
      'aria-label',
      /answers 201/
    )
    await flowShots(page, 'flow-forwarded')
  } finally {
    target.close()
  }
})
