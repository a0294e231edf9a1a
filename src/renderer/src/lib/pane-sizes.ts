import type { PaneSizes } from '@shared/schemas'

/**
 * Sizes of a first start: a 290 px left column, 40 % of the rest for the centre, and 42 % of the
 * right column for the timeline, where the work is (at least 8 rows at 1280×800).
 */
export const DEFAULT_PANE_SIZES: PaneSizes = { left: 290, center: 40, timeline: 42 }

/** The limits the splitters keep to (the same as the preference's schema). */
export const PANE_LIMITS: Record<keyof PaneSizes, { min: number; max: number }> = {
  left: { min: 220, max: 520 },
  center: { min: 25, max: 75 },
  timeline: { min: 15, max: 85 }
}

export function clampPane(key: keyof PaneSizes, value: number): number {
  const { min, max } = PANE_LIMITS[key]
  return Math.min(max, Math.max(min, Math.round(value)))
}

/**
 * How the panes are arranged for a window width: three columns; the left column as a drawer
 * beside two; or (below 900 px, browser only) the centre above the timeline and inspector.
 */
export type PaneLayout = 'wide' | 'medium' | 'narrow'

export function paneLayoutFor(width: number): PaneLayout {
  if (width >= 1200) return 'wide'
  if (width >= 900) return 'medium'
  return 'narrow'
}
