import type { HookInspectorBridge } from '@shared/api'
import type { PaneSizes } from '@shared/schemas'
import { clampPane, DEFAULT_PANE_SIZES } from '../lib/pane-sizes'
import type { LayoutSlice } from './layout-types'
import type { AllState, Slice } from './types'
import { errorMessage } from '@shared/error-message'

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

    async savePresenterNotes(shown) {
      try {
        set({ preferences: await bridge.setPreferences({ presenterNotes: shown }) })
      } catch (e) {
        get().toast('error', `Could not remember the notes choice: ${errorMessage(e)}`)
      }
    },

    async savePaneSizes() {
      const panes = get().paneSizes
      if (!panes) return
      try {
        set({ preferences: await bridge.setPreferences({ panes }) })
      } catch (e) {
        get().toast('error', `Could not save the pane sizes: ${errorMessage(e)}`)
      }
    }
  })
}
