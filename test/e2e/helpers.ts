import { expect, type Page } from '@playwright/test'

export interface HookInput {
  name: string
  url: string
  email?: string
  password?: string
  timeoutSeconds?: number
}

/** The built-in receiver's URL as the receiver panel shows it. */
export async function receiverUrl(page: Page): Promise<string> {
  const el = page.getByTestId('receiver-url')
  await expect(el).toBeVisible()
  return (await el.textContent())!.trim()
}

/** Creates a hook through the editor and waits until it is the active one. */
export async function createHook(page: Page, hook: HookInput): Promise<void> {
  await page.getByTestId('hook-new').click()
  await page.getByTestId('hook-name').fill(hook.name)
  await page.getByTestId('hook-url').fill(hook.url)
  if (hook.email !== undefined) await page.getByTestId('hook-email').fill(hook.email)
  if (hook.password !== undefined) await page.getByTestId('hook-password').fill(hook.password)
  if (hook.timeoutSeconds !== undefined) {
    await page.getByTestId('hook-timeout').fill(String(hook.timeoutSeconds))
  }
  await page.getByTestId('hook-save').click()
  await expect(page.getByTestId('hook-editor')).toHaveCount(0)
  const item = page.locator(`[data-testid="hook-item"][data-hook-name="${hook.name}"]`)
  await expect(item).toHaveAttribute('data-active', 'true')
}

/** Picks a behavior preset (applied at once) and waits until the receiver has it. */
export async function pickPreset(page: Page, name: string): Promise<void> {
  await page.getByTestId('behavior-preset').selectOption(name)
  await expect(page.getByTestId('behavior-state')).toHaveText(`Applied: ${name}`)
}

/** Applies the behavior editor's changes and waits until they are saved. */
export async function applyBehavior(page: Page): Promise<void> {
  await page.getByTestId('behavior-apply').click()
  await expect(page.getByTestId('behavior-editor')).toHaveAttribute('data-dirty', 'false')
}

/** Fires and waits for the ProtocolError dialog; returns its kind. */
export async function fireExpectingError(page: Page): Promise<string> {
  await page.getByTestId('fire').click()
  const kind = page.getByTestId('protocol-error-kind')
  await expect(kind).toBeVisible()
  return (await kind.textContent())!.trim()
}

/** Closes the ProtocolError dialog with Esc. */
export async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('protocol-error')).toHaveCount(0)
}
