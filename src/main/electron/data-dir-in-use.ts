import type { App, Dialog } from 'electron'
import { DataDirInUseError } from '../engine'

/** What the desktop app calls itself to a second writer it refuses (see data-dir-lock.ts). */
export const APP_OWNER = 'Hook Inspector desktop app'

/**
 * A start refused because another process (`serve`, a CLI command with --data-dir) owns the data
 * folder: the app says so in the same sentence the CLI prints, naming the holder, and quits
 * without having touched the folder. Returns false for any other error (the caller reports it).
 */
export function quitIfDataDirInUse(
  error: unknown,
  electron: { app: Pick<App, 'exit'>; dialog: Pick<Dialog, 'showErrorBox'> }
): boolean {
  if (!(error instanceof DataDirInUseError)) return false
  electron.dialog.showErrorBox('Hook Inspector cannot use its data folder', error.message)
  electron.app.exit(2)
  return true
}
