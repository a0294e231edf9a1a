import type { HookInspectorBridge } from '@shared/api'
import { scenarioFromEntries } from '@shared/scenarios/from-history'
import type { Scenario } from '@shared/schemas'
import { rowTime, type TimelineRow } from '../lib/history-index'
import type { MarkSlice } from './mark-types'
import type { Slice } from './types'
import { errorMessage } from '@shared/error-message'

/** The marked rows a scenario can be made of (not capacity runs), oldest first. */
export function markedEntries(rows: readonly (TimelineRow | undefined)[]) {
  return rows
    .filter((r): r is TimelineRow => r !== undefined && (r.exchange ?? r.capture) !== null)
    .sort((a, b) => rowTime(a).localeCompare(rowTime(b)))
    .map((r) => (r.exchange ?? r.capture)!)
}

/** Multi-selection in the timeline and "Save as scenario" from it. */
export function createMarkSlice(bridge: HookInspectorBridge): Slice<MarkSlice> {
  return (set, get) => ({
    markedRowIds: [],
    markAnchor: null,

    markRows(id, how, visible) {
      const s = get()
      if (how === 'toggle') {
        // The row already selected is where a multi-selection starts.
        const base =
          s.markedRowIds.length === 0 && s.selectedRowId !== null && s.selectedRowId !== id
            ? [s.selectedRowId]
            : s.markedRowIds
        const marked = base.includes(id) ? base.filter((m) => m !== id) : [...base, id]
        set({ markedRowIds: marked, markAnchor: id })
        return
      }
      const anchor = s.markAnchor ?? s.selectedRowId ?? id
      const from = visible.indexOf(anchor)
      const to = visible.indexOf(id)
      if (to === -1) return
      const [lo, hi] = from === -1 ? [to, to] : [Math.min(from, to), Math.max(from, to)]
      const range = visible.slice(lo, hi + 1)
      set({ markedRowIds: [...new Set([...s.markedRowIds, ...range])], markAnchor: anchor })
    },

    clearMarks() {
      set({ markedRowIds: [], markAnchor: null })
    },

    async saveMarkedAsScenario(name) {
      const s = get()
      const entries = markedEntries(s.markedRowIds.map((id) => s.history.rows.get(id)))
      let saved: Scenario
      let skipped: string[]
      try {
        const made = scenarioFromEntries(name, entries)
        skipped = made.skipped
        saved = await bridge.saveScenario(made.draft)
      } catch (e) {
        get().toast('error', `Could not save the scenario: ${errorMessage(e)}`)
        return null
      }
      const left = skipped.length === 0 ? '' : ` (${skipped.length} aborted left out)`
      get().toast(
        'info',
        `Saved the scenario “${saved.name}” with ${saved.steps.length} ${saved.steps.length === 1 ? 'step' : 'steps'}${left}.`
      )
      set({ markedRowIds: [], markAnchor: null })
      return saved
    }
  })
}
