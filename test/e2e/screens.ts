import { expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

/** Where the screenshots a person looks at are kept (test-results/ is not committed). */
export const SCREEN_DIR = join(process.cwd(), 'test-results', 'screenshots')

export const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 }
] as const

export const THEMES = ['light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

/** Sets the size and the system colour scheme (the app follows it with the theme on System). */
export async function look(
  page: Page,
  viewport: { width: number; height: number },
  theme: Theme
): Promise<void> {
  await page.setViewportSize(viewport)
  await page.emulateMedia({ colorScheme: theme })
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

/** Saves one screenshot as test-results/screenshots/<name>-<w>x<h>-<theme>.png. */
export async function shot(
  page: Page,
  name: string,
  viewport: { width: number; height: number },
  theme: Theme
): Promise<string> {
  mkdirSync(SCREEN_DIR, { recursive: true })
  const path = join(SCREEN_DIR, `${name}-${viewport.width}x${viewport.height}-${theme}.png`)
  await page.screenshot({ path })
  return path
}

/** One screenshot per viewport and theme, after `ready` says the page shows what it should. */
export async function shotsEverywhere(
  page: Page,
  name: string,
  ready: () => Promise<void> = async () => undefined
): Promise<void> {
  for (const viewport of VIEWPORTS) {
    for (const theme of THEMES) {
      await look(page, viewport, theme)
      await ready()
      await shot(page, name, viewport, theme)
    }
  }
}
