import { mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Browser } from 'playwright-core'
import { ensureBuilt } from './build-check'
import { int, mb, ms } from './format'
import { fillHistory } from './history-fill'
import { timeReload } from './journal-reload'
import type { ScrollRun } from './page-scripts'
import { progress } from './progress'
import { getUiPage, rssOf, startServe, type Rss } from './serve-process'
import { max, percentile, round } from './stats'
import { launchChromium, measureTimeline } from './timeline-browser'
import type { Section, SectionContext, SectionOutput } from './types'

const RSS_LIMIT = 300 * 1024 * 1024
const FRAME_LIMIT_MS = 50
/** More rows than this in the DOM at once means the list is not virtualized. */
const VIRTUAL_ROWS_LIMIT = 500
const BASELINE_ENTRIES = 100

function plan(quick: boolean): { entries: number; steps: number; reloads: number } {
  return quick
    ? { entries: 5000, steps: 60, reloads: 1 }
    : { entries: 50_000, steps: 300, reloads: 3 }
}

interface ServedRun {
  readyMs: number
  rssAfterStart: Rss
  rssAfterUi: Rss
  firstRowMs: number
  scroll: ScrollRun | null
}

/** `serve` on a data dir, the UI opened in Chromium (and scrolled), memory read along the way. */
async function served(
  ctx: SectionContext,
  browser: Browser,
  dataDir: string,
  entries: number,
  scroll: { steps: number; lastRowId: string } | null
): Promise<ServedRun> {
  const serve = await startServe(ctx.root, dataDir, 60_000)
  try {
    await getUiPage(serve.url)
    const rssAfterStart = rssOf(serve.pid)
    const run = await measureTimeline(browser, serve.url, entries, scroll)
    return {
      readyMs: serve.readyMs,
      rssAfterStart,
      rssAfterUi: rssOf(serve.pid),
      firstRowMs: run.firstRowMs,
      scroll: run.scroll
    }
  } finally {
    await serve.stop()
  }
}

/**
 * History at scale: 50,000 small exchanges in the journal; how long the journal takes to reload,
 * how much memory `serve` needs holding them, and how the UI's timeline renders and scrolls them.
 */
async function run(ctx: SectionContext): Promise<SectionOutput> {
  const p = plan(ctx.quick)
  const warnings = ensureBuilt(ctx.root)
  for (const w of warnings) progress(`history: warning: ${w}`)

  const bigDir = await mkdtemp(join(ctx.tmp, 'history-big-'))
  const smallDir = await mkdtemp(join(ctx.tmp, 'history-small-'))
  const t0 = performance.now()
  const big = await fillHistory(bigDir, p.entries)
  await fillHistory(smallDir, BASELINE_ENTRIES)
  progress(`history: wrote ${int(p.entries)} entries in ${ms(performance.now() - t0)}`)

  const reload = await timeReload(big.file, p.entries, p.reloads)
  progress(`history: journal reload ${ms(reload.journalMs)} (raw parse ${ms(reload.rawMs)})`)

  const browser = await launchChromium()
  let small: ServedRun
  let large: ServedRun
  try {
    small = await served(ctx, browser, smallDir, BASELINE_ENTRIES, null)
    progress(`history: ${BASELINE_ENTRIES} entries: first row ${ms(small.firstRowMs)}`)
    large = await served(ctx, browser, bigDir, p.entries, {
      steps: p.steps,
      lastRowId: big.oldestId
    })
    progress(`history: ${int(p.entries)} entries: first row ${ms(large.firstRowMs)}`)
  } finally {
    await browser.close()
  }

  const scroll = large.scroll!
  const worst = max(scroll.deltas)
  const p95 = percentile(scroll.deltas, 95)
  const virtualized = scroll.maxRowsInDom <= VIRTUAL_ROWS_LIMIT
  const n = int(p.entries)
  return {
    rows: [
      {
        section: 'history',
        figure: `Journal reload, ${n} entries (openJournal, in-process, median of ${p.reloads})`,
        value: ms(reload.journalMs),
        baseline: `read + JSON.parse per line ${ms(reload.rawMs)}`,
        ratio: reload.journalMs / reload.rawMs,
        target: '—',
        met: null
      },
      {
        section: 'history',
        figure: `serve ready (address printed) with ${n} entries`,
        value: ms(large.readyMs),
        baseline: `${BASELINE_ENTRIES} entries ${ms(small.readyMs)}`,
        ratio: large.readyMs / small.readyMs,
        target: '—',
        met: null
      },
      {
        section: 'history',
        figure: `Engine (serve) RSS holding ${n} entries, after start`,
        value: mb(large.rssAfterStart.rss),
        baseline: `${BASELINE_ENTRIES} entries ${mb(small.rssAfterStart.rss)}`,
        ratio: large.rssAfterStart.rss / small.rssAfterStart.rss,
        target: '< 300 MB',
        met: large.rssAfterStart.rss < RSS_LIMIT
      },
      {
        section: 'history',
        figure: `Engine (serve) RSS after the UI loaded all ${n} entries: now / peak`,
        value: `${mb(large.rssAfterUi.rss)} / ${mb(large.rssAfterUi.peak)}`,
        baseline: `${BASELINE_ENTRIES} entries ${mb(small.rssAfterUi.rss)} / ${mb(small.rssAfterUi.peak)}`,
        ratio: large.rssAfterUi.peak / small.rssAfterUi.peak,
        target: '< 300 MB, peak included',
        met: large.rssAfterUi.peak < RSS_LIMIT
      },
      {
        section: 'history',
        figure: `Timeline first render, ${n} entries (navigation → first row)`,
        value: ms(large.firstRowMs),
        baseline: `${BASELINE_ENTRIES} entries ${ms(small.firstRowMs)}`,
        ratio: large.firstRowMs / small.firstRowMs,
        target: '—',
        met: null
      },
      {
        section: 'history',
        figure: `Timeline scroll to the end, ${scroll.deltas.length} frames of ${int(scroll.stepPx)} px (worst / p95 frame)`,
        value: `${ms(worst)} / ${ms(p95)}; ≤ ${scroll.maxRowsInDom} rows in the DOM`,
        baseline: '—',
        ratio: null,
        target: `no frame over ${FRAME_LIMIT_MS} ms, virtualized`,
        met: worst <= FRAME_LIMIT_MS && virtualized && scroll.lastRowShown
      }
    ],
    details: {
      plan: p,
      warnings,
      reload: { journalMs: round(reload.journalMs, 1), rawMs: round(reload.rawMs, 1) },
      large: { ...large, scroll: undefined },
      small: { ...small, scroll: undefined },
      scroll: {
        ...scroll,
        deltas: scroll.deltas.map((d) => round(d, 1)),
        worstMs: round(worst, 1),
        p95Ms: round(p95, 1),
        virtualized
      }
    }
  }
}

export const historyScale: Section = {
  name: 'history',
  title: 'History scale',
  budgetMs: (quick) => (quick ? 240_000 : 480_000),
  run
}
