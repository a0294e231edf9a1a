import type { AppInfo, Notice, Preferences } from '@shared/schemas'

// The app-wide slice: info, preferences, notices, toasts and the first load.

export type ToastLevel = 'info' | 'success' | 'error'

export interface Toast {
  id: string
  level: ToastLevel
  message: string
}

/** What the centre pane shows: the composer, the readiness check, or the scenario runner. */
export type CenterView = 'compose' | 'check' | 'capacity' | 'scenarios'

export interface UiSlice {
  centerView: CenterView
  setCenterView(view: CenterView): void
  info: AppInfo | null
  booted: boolean
  bootError: string | null
  /** The history below the first page is still being loaded (the timeline is shown already). */
  historyLoading: boolean
  preferences: Preferences | null
  notices: Notice[]
  toasts: Toast[]
  helpOpen: boolean
  boot(): Promise<void>
  setTheme(theme: Preferences['theme']): Promise<void>
  toast(level: ToastLevel, message: string): void
  dismissToast(id: string): void
  dismissNotice(id: string): Promise<void>
  setHelpOpen(open: boolean): void
}
