/**
 * Code that runs inside Chromium, not in Node, kept as source text: the benchmarks' TypeScript
 * is compiled for Node (no DOM types), and the page gets exactly this JavaScript.
 */

export const ROW_SELECTOR = '[data-testid="timeline-row"]'
export const SCROLL_SELECTOR = '[data-testid="timeline-scroll"]'

/**
 * Installed before the app's own scripts: records when the first timeline row is in the DOM
 * (ms since navigation start) and every long task (> 50 ms) of the page.
 */
export const OBSERVE_SCRIPT = `
window.__bench = { firstRowAt: null, longTasks: [] }
new MutationObserver((_, observer) => {
  if (document.querySelector('${ROW_SELECTOR}')) {
    window.__bench.firstRowAt = performance.now()
    observer.disconnect()
  }
}).observe(document, { childList: true, subtree: true })
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
} catch {}
`

export const FIRST_ROW_AT = 'window.__bench.firstRowAt'

/** True once the timeline holds `count` entry rows (its aria-rowcount counts the header row too). */
export function rowCountIs(count: number): string {
  return `document.querySelector('${SCROLL_SELECTOR}')?.getAttribute('aria-rowcount') === '${count + 1}'`
}

export interface ScrollRun {
  /** Time between consecutive animation frames while scrolling, ms. */
  deltas: number[]
  scrollMax: number
  scrollTop: number
  stepPx: number
  /** The most rows the DOM held at any step: small when the list is virtualized. */
  maxRowsInDom: number
  /** Long tasks (ms) that started during the scroll. */
  longTasks: number[]
  /** Whether the last (oldest) row was rendered at the end. */
  lastRowShown: boolean
}

/**
 * Scrolls the timeline from top to bottom in `steps` equal jumps, one per animation frame, and
 * returns the frame deltas. Each jump lands on rows that were not rendered before, the hardest
 * case for a virtualized list. A few frames after the last jump catch its render.
 */
export function scrollScript(steps: number, lastRowId: string): string {
  return `(async () => {
  const el = document.querySelector('${SCROLL_SELECTOR}')
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
  for (let i = 0; i < 10; i++) await frame()
  const scrollMax = el.scrollHeight - el.clientHeight
  const startedAt = performance.now()
  const deltas = []
  let maxRowsInDom = 0
  let last = await frame()
  for (let i = 1; i <= ${steps}; i++) {
    el.scrollTop = Math.round((scrollMax * i) / ${steps})
    const t = await frame()
    deltas.push(t - last)
    last = t
    maxRowsInDom = Math.max(maxRowsInDom, el.querySelectorAll('${ROW_SELECTOR}').length)
  }
  for (let i = 0; i < 5; i++) {
    const t = await frame()
    deltas.push(t - last)
    last = t
  }
  const longTasks = window.__bench.longTasks.filter((t) => t.start >= startedAt).map((t) => t.duration)
  const lastRowShown = el.querySelector('[data-row-id="${lastRowId}"]') !== null
  return { deltas, scrollMax, scrollTop: el.scrollTop, stepPx: scrollMax / ${steps}, maxRowsInDom, longTasks, lastRowShown }
})()`
}
