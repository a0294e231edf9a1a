import { chromium, type Browser, type Page } from 'playwright-core'
import {
  FIRST_ROW_AT,
  OBSERVE_SCRIPT,
  ROW_SELECTOR,
  rowCountIs,
  scrollScript,
  type ScrollRun
} from './page-scripts'
import { onCleanup } from './cleanup'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run'
]

/** Debian's Chromium, headless, as the e2e tests run it (never downloaded). */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
  const off = onCleanup(() => browser.close())
  browser.once('disconnected', off)
  return browser
}

export interface TimelineLoad {
  /** From navigation start to the first timeline row in the DOM. */
  firstRowMs: number
}

export interface TimelineRun extends TimelineLoad {
  scroll: ScrollRun | null
}

/**
 * Polls a page expression until it is true. Evaluated from here rather than with
 * waitForFunction, whose in-page polling evaluates text, which the app's CSP (no unsafe-eval)
 * refuses.
 */
async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while ((await page.evaluate(expression)) !== true) {
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * Opens the UI at `url` in a fresh page, waits for the first timeline row and for all `rows` to
 * be loaded, then (when `scrollSteps` is given) scrolls the timeline to the end. `lastRowId` is
 * the oldest entry, the one the bottom of the timeline must show.
 */
export async function measureTimeline(
  browser: Browser,
  url: string,
  rows: number,
  scroll: { steps: number; lastRowId: string } | null
): Promise<TimelineRun> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    const page = await context.newPage()
    await page.addInitScript({ content: OBSERVE_SCRIPT })
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 })
    await page.waitForSelector(ROW_SELECTOR, { timeout: 60_000 })
    await waitInPage(page, rowCountIs(rows), 60_000)
    const firstRowMs = (await page.evaluate(FIRST_ROW_AT)) as number | null
    if (firstRowMs === null) throw new Error('the first timeline row was not observed')
    const run =
      scroll === null
        ? null
        : ((await page.evaluate(scrollScript(scroll.steps, scroll.lastRowId))) as ScrollRun)
    return { firstRowMs, scroll: run }
  } finally {
    await context.close()
  }
}
