import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectNoViolationsInBothThemes } from './a11y'
import { expect, snapshot, test } from './serve-fixture'
import { makeSshd, sshdUnavailable, type Sshd } from '../helpers/sshd'

const unavailable = sshdUnavailable()
let dir: string
let sshd: Sshd

test.describe('Make public through a real OpenSSH server on loopback', () => {
  test.skip(unavailable !== null, `cannot run here: ${unavailable ?? ''}`)

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hi-e2e-sshd-'))
    sshd = await makeSshd(dir)
    await sshd.start()
  })
  test.afterAll(() => {
    sshd?.kill()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  test('the receiver gets a public URL, a request to it lands in the timeline, Stop ends it', async ({
    app: page
  }, testInfo) => {
    await page.getByTestId('public-open').click()
    await expectNoViolationsInBothThemes(page, 'Make public form', {
      include: '[data-testid="make-public"]'
    })
    await page.getByTestId('public-target').fill(`${sshd.user}@127.0.0.1:${sshd.port}`)
    await page.getByTestId('public-identity').fill(sshd.clientKey)
    await page.getByTestId('public-start').click()
    // The behaviour expects no credentials: the app asks first.
    await page.getByTestId('public-anonymous-ok').click()
    const url = page.getByTestId('public-url')
    await expect(url).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/$/, { timeout: 30_000 })
    await expect(page.getByTestId('public-banner')).toContainText('The receiver is public at')
    await expect(page.getByTestId('use-in-trialkit')).toBeVisible()
    await expectNoViolationsInBothThemes(page, 'a public receiver and its banner', {
      include: '[data-testid="receiver-panel"], [data-testid="public-banner"]'
    })
    const publicUrl = (await url.textContent())!.trim()

    const res = await fetch(new URL('from-trialkit', publicUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"trans_id":"12","form_id":"319","form_name":"Sample Form","OnInsert":true,"site":"A"}'
    })
    expect(res.status).toBe(200)
    const row = page.getByTestId('timeline-row').first()
    await expect(row).toContainText('/from-trialkit')
    await row.click()
    await page.getByRole('tab', { name: /Received by receiver/ }).click()
    await expect(page.getByTestId('inspector-doc-diff')).toContainText(
      'site is not in the documented sample'
    )
    await snapshot(page, testInfo, 'public-url-up-system-theme')
    await page.getByTestId('theme-toggle').click()
    await page.getByTestId('theme-toggle').click()
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme-choice', 'dark')
    await snapshot(page, testInfo, 'public-url-up-dark')

    await page.getByTestId('public-banner-stop').click()
    await expect(page.getByTestId('public-banner')).toHaveCount(0)
    await expect(page.getByTestId('public-open')).toBeVisible()
  })
})
