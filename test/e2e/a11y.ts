import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import type { Result } from 'axe-core'

/** The WCAG 2.0 and 2.1 level A and AA rules; no rule is disabled. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export type Theme = 'light' | 'dark'

/** One line per violation and node, readable in a test failure. */
export function describeViolations(violations: Result[]): string[] {
  const lines: string[] = []
  for (const v of violations) {
    for (const node of v.nodes) {
      const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)
      lines.push(`${v.id} (${v.impact ?? '?'}) ${node.target.join(' ')}: ${summary}`)
    }
  }
  return lines
}

/**
 * Switches the app's theme through the colour scheme the browser reports: the app follows the
 * system's theme until one is chosen, so a dialog can stay open while both themes are audited.
 */
export async function showTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme })
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

export interface AuditScope {
  /** Audit only this part of the page (a dialog, the inspector) when the rest is unchanged. */
  include?: string
  /** Single nodes that cannot be fixed in the markup; each caller says why next to it. */
  exclude?: string[]
}

/**
 * Audits the page as it is now against the WCAG 2.x A/AA rules and fails (softly, so one run
 * lists every view's findings) on any violation.
 */
export async function expectNoViolations(
  page: Page,
  label: string,
  scope: AuditScope = {}
): Promise<void> {
  // Only violations are reported in full: the audit runs faster without the passes' details.
  // (options() replaces every option, so it comes before withTags().)
  let builder = new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(WCAG_TAGS)
  if (scope.include !== undefined) builder = builder.include(scope.include)
  for (const selector of scope.exclude ?? []) builder = builder.exclude(selector)
  const { violations } = await builder.analyze()
  expect.soft(describeViolations(violations), `axe violations in ${label}`).toEqual([])
}

/** Audits the current view in the light theme and then the dark one. */
export async function expectNoViolationsInBothThemes(
  page: Page,
  label: string,
  scope: AuditScope = {}
): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await showTheme(page, theme)
    await expectNoViolations(page, `${label} (${theme})`, scope)
  }
}
