import type { HookInspectorBridge } from '../../../shared/api'
import type { PaneSizes } from '../../../shared/schemas'
import { clampPane, DEFAULT_PANE_SIZES } from '../lib/pane-sizes'
import { errorText } from './error-text'
import type { AllState, Slice } from './types'

export interface LayoutSlice {
  /** Whether the left column, folded into a drawer in a narrow window, is open. */
  drawerOpen: boolean
  setDrawerOpen(open: boolean): void
  /**
   * Sizes set with the splitters in this window; they win over the stored preference, which
   * catches up when they are saved.
   */
  paneSizes: PaneSizes | null
  /** Changes one pane size at once (in the window) without saving it. */
  resizePane(key: keyof PaneSizes, value: number): void
  /** Saves the current pane sizes in the preferences, so the next launch has them. */
  savePaneSizes(): Promise<void>
}

/** The pane sizes in effect: this window's, the stored ones, or the defaults. */
export function currentPaneSizes(s: AllState): PaneSizes {
  return s.paneSizes ?? s.preferences?.panes ?? DEFAULT_PANE_SIZES
}

/** Pane sizes and the left drawer; sizes are kept in the preferences the engine persists. */
export function createLayoutSlice(bridge: HookInspectorBridge): Slice<LayoutSlice> {
  return (set, get) => ({
    drawerOpen: false,
    paneSizes: null,

    setDrawerOpen(open) {
      set({ drawerOpen: open })
    },

    resizePane(key, value) {
      const next = { ...currentPaneSizes(get()), [key]: clampPane(key, value) }
      set({ paneSizes: next })
    },

    async savePaneSizes() {
      const panes = get().paneSizes
      if (!panes) return
      try {
        set({ preferences: await bridge.setPreferences({ panes }) })
      } catch (e) {
        get().toast('error', `Could not save the pane sizes: ${errorText(e)}`)
      }
    }
  })
}
