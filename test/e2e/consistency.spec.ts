import { createHook, pickPreset, receiverUrl } from './helpers'
import { look, shot, THEMES } from './screens'
import { expect, test } from './serve-fixture'

const SIZE = { width: 1280, height: 800 }

test('nothing on screen contradicts itself: presets say what they do, a 401 to everyone is said as such, Re-send says which body it sends, a disabled button looks disabled', async ({
  app: page
}) => {
  await page.setViewportSize(SIZE)
  await createHook(page, {
    name: 'Study',
    url: await receiverUrl(page),
    email: 'ann@site.org',
    password: 'pw'
  })

  // Every preset has a one-line description made from the preset itself.
  const said: Record<string, string> = {}
  for (const name of ['Healthy', 'Slow', 'Server error', 'Drop', 'Reset', 'Hang', 'Flaky']) {
    await pickPreset(page, name)
    said[name] = (await page.getByTestId('behavior-preset-note').textContent())!.trim()
  }
  expect(said).toEqual({
    Healthy: 'Answers 200 at once.',
    Slow: 'Answers 200 after 2–4 s.',
    'Server error': 'Answers 500 at once.',
    Drop: 'Closes the connection without an answer.',
    Reset: 'Resets the connection (TCP RST) without an answer.',
    Hang: 'Holds the connection open and never answers.',
    Flaky: 'Answers 200 at once; 50% of requests, chosen at random, get 503 instead.'
  })

  // The Unauthorized preset answers 401 to everyone: neither the capture nor the ProtocolError
  // blames the hook's password.
  await pickPreset(page, 'Unauthorized')
  await expect(page.getByTestId('behavior-preset-note')).toHaveText(
    'Answers 401 to every request at once, whatever credentials it carries.'
  )
  await page.getByTestId('fire').click()
  await expect(page.getByTestId('protocol-error-auth-advice')).toContainText(
    'Unauthorized preset: 401 to every request.'
  )
  for (const theme of THEMES) {
    await look(page, SIZE, theme)
    await shot(page, 'consistency-unauthorized', SIZE, theme)
  }
  await page.keyboard.press('Escape')
  await page.getByTestId('timeline-row').first().click()
  await expect(page.getByTestId('inspector-request-auth-refuses-all')).toContainText(
    'the behaviour answers 401 to every request'
  )
  await page.getByTestId('inspector-tab-received').click()
  await expect(page.getByTestId('inspector-capture-auth-refuses-all')).toContainText(
    'the behaviour answers 401 to every request'
  )

  // While "Edit and re-send" is open, the inspector's Re-send says it sends the original.
  await expect(page.getByTestId('inspector-resend')).toHaveText('Re-send')
  await page.getByTestId('inspector-edit-resend').click()
  await expect(page.getByTestId('inspector-resend')).toHaveText('Re-send original')

  // A disabled primary button does not look like the enabled one, in either theme.
  await pickPreset(page, 'Healthy')
  const apply = page.getByTestId('behavior-apply')
  await expect(apply).toBeDisabled()
  for (const theme of THEMES) {
    await look(page, SIZE, theme)
    const colours = await page.evaluate(`(() => {
      const bg = (id) => getComputedStyle(document.querySelector('[data-testid="' + id + '"]')).backgroundColor
      return [bg('behavior-apply'), bg('replay-send')]
    })()`)
    const [disabled, enabled] = colours as [string, string]
    expect(disabled, `disabled vs enabled primary in ${theme}`).not.toBe(enabled)
    await shot(page, 'consistency-edit-resend', SIZE, theme)
  }
})
