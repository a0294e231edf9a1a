import type { HookInspectorBridge } from '@shared/api'
import type { CapacitySlice } from './capacity-types'
import type { Slice } from './types'
import { errorMessage } from '@shared/error-message'

/** The capacity check: one run at a time, its result kept for the view. */
export function createCapacitySlice(bridge: HookInspectorBridge): Slice<CapacitySlice> {
  let busy = false
  return (set, get) => ({
    capacity: { running: false, run: null, error: null },
    capacityProgress: null,
    // Kept here, not in the view, so leaving the Capacity tab and coming back keeps the inputs
    // of the report shown under them.
    capacityForm: null,
    capacityFailures: null,

    setCapacityForm(form) {
      set({ capacityForm: form })
    },

    openCapacityFailures(failures) {
      const rowId = get().history.rowOf.get(failures.runId) ?? failures.runId
      set({ capacityFailures: failures })
      get().selectRow(rowId)
    },

    closeCapacityFailures() {
      set({ capacityFailures: null })
    },

    async runCapacity(request) {
      if (busy) return
      busy = true
      set({ capacity: { running: true, run: null, error: null } })
      try {
        const run = await bridge.runCapacity(request)
        set({ capacity: { running: false, run, error: null } })
      } catch (e) {
        set({ capacity: { running: false, run: null, error: errorMessage(e) } })
      } finally {
        busy = false
      }
    },

    async stopCapacity() {
      try {
        await bridge.stopCapacity()
      } catch (e) {
        set({ capacity: { ...get().capacity, error: errorMessage(e) } })
      }
    },

    capacityHar(runId) {
      return bridge.exportHar({ ids: [runId], includeSecrets: false })
    }
  })
}
