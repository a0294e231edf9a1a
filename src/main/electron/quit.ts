import type { App } from 'electron'

/** How long quitting waits for the engine before it exits anyway. */
export const CLOSE_TIMEOUT_MS = 10_000

/**
 * Quitting closes the engine first (the receiver stops, pending dispatches end, the journal is
 * flushed), then exits. `before-quit` is held once; a second quit request while closing changes
 * nothing, and an engine that does not finish in time does not keep the app alive.
 */
export function closeOnQuit(
  app: Pick<App, 'on' | 'exit' | 'quit'>,
  close: () => Promise<void>,
  timeoutMs = CLOSE_TIMEOUT_MS
): void {
  let state: 'running' | 'closing' | 'closed' = 'running'
  app.on('before-quit', (event) => {
    if (state === 'closed') return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
    })
    void Promise.race([close().catch(() => undefined), deadline]).then(() => {
      clearTimeout(timer)
      state = 'closed'
      app.exit(0)
    })
  })
}

/** SIGINT and SIGTERM (e.g. Ctrl+C on `npm start`) quit the same way as the menu does. */
export function quitOnSignals(app: Pick<App, 'quit'>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => app.quit())
  }
}
