import type { App, BrowserWindow } from 'electron'

/** Brings the window to the front, restoring it when minimized. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/**
 * One running app per data directory: two would fight over the receiver port, the settings file
 * and the history journal. A second launch quits at once and focuses the first one's window.
 * Returns false in the second instance.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  getWindow: () => BrowserWindow | null
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => focusWindow(getWindow()))
  return true
}
