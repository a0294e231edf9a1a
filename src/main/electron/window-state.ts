import ElectronStore from 'electron-store'
import type { BrowserWindow, Rectangle } from 'electron'
import { z } from 'zod'

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 }
export const MIN_WINDOW_SIZE = { width: 900, height: 600 }

const BoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(MIN_WINDOW_SIZE.width).max(20_000),
  height: z.number().int().min(MIN_WINDOW_SIZE.height).max(20_000)
})
const WindowStateSchema = z.object({ bounds: BoundsSchema, maximized: z.boolean() })
export type WindowState = z.infer<typeof WindowStateSchema>

/** What the window is created with: a position only when it lands on a visible display. */
export interface InitialWindowState {
  bounds: { width: number; height: number; x?: number; y?: number }
  maximized: boolean
}

/** How much of the title bar must be on a display for the window to count as reachable. */
const GRAB_WIDTH = 100
const GRAB_HEIGHT = 24

/**
 * Whether the window's title bar would be on one of the displays, so the user can grab it. A
 * monitor unplugged since the last run must not leave the window off-screen.
 */
export function isOnVisibleDisplay(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  return workAreas.some((area) => {
    const left = Math.max(bounds.x, area.x)
    const right = Math.min(bounds.x + bounds.width, area.x + area.width)
    const top = Math.max(bounds.y, area.y)
    const bottom = Math.min(bounds.y + GRAB_HEIGHT, area.y + area.height)
    return right - left >= GRAB_WIDTH && bottom - top >= GRAB_HEIGHT
  })
}

/** The saved size and position when still valid and visible; otherwise a centred default. */
export function initialWindowState(
  saved: unknown,
  workAreas: readonly Rectangle[]
): InitialWindowState {
  const result = WindowStateSchema.safeParse(saved)
  if (!result.success) return { bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false }
  const { bounds, maximized } = result.data
  if (isOnVisibleDisplay(bounds, workAreas)) return { bounds: { ...bounds }, maximized }
  return { bounds: { width: bounds.width, height: bounds.height }, maximized }
}

/**
 * The window's size and position across runs, in userData/window-state.json (electron-store,
 * written atomically). An unreadable file just means the default size.
 */
export class WindowStateStore {
  private store: ElectronStore<Record<string, unknown>> | null = null

  constructor(private readonly cwd: string) {}

  /** Opened on first use; a folder that cannot be used just means nothing is remembered. */
  private openStore(): ElectronStore<Record<string, unknown>> | null {
    try {
      this.store ??= new ElectronStore<Record<string, unknown>>({
        name: 'window-state',
        cwd: this.cwd,
        clearInvalidConfig: true,
        accessPropertiesByDotNotation: false,
        // Owner-only, like every file in the data dir.
        configFileMode: 0o600
      })
    } catch {
      return null
    }
    return this.store
  }

  load(): unknown {
    try {
      return this.openStore()?.store ?? null
    } catch {
      return null
    }
  }

  save(state: WindowState): void {
    const store = this.openStore()
    if (!store) return
    try {
      store.store = state
    } catch {
      // Losing the window position is not worth bothering the user about.
    }
  }
}

/** Saves the window's normal (unmaximized) bounds and whether it is maximized. */
export function saveWindowState(window: BrowserWindow, store: WindowStateStore): void {
  if (window.isDestroyed()) return
  const { x, y, width, height } = window.getNormalBounds()
  const state = { bounds: { x, y, width, height }, maximized: window.isMaximized() }
  const result = WindowStateSchema.safeParse(state)
  if (result.success) store.save(result.data)
}

/** Remembers the window's size and position when it closes. */
export function trackWindowState(window: BrowserWindow, store: WindowStateStore): void {
  window.on('close', () => saveWindowState(window, store))
}
