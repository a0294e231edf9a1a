import type { Scenario } from '@shared/schemas'

/** How a click or key marks rows: one more (Ctrl/Cmd), a range from the last one (Shift). */
export type MarkHow = 'toggle' | 'range'

/** Timeline rows marked together (beside the one selected row), to make a scenario of them. */
export interface MarkSlice {
  markedRowIds: readonly string[]
  /** Where a Shift range starts: the row last toggled, else the selected row. */
  markAnchor: string | null
  /** Marks or unmarks rows; `visible` is the timeline's order under its filters (for ranges). */
  markRows(id: string, how: MarkHow, visible: readonly string[]): void
  clearMarks(): void
  /**
   * Saves the marked rows as a scenario, oldest first, each step with its row's event, body and
   * outcome; the saved scenario, or null when it could not be made (a toast says why).
   */
  saveMarkedAsScenario(name: string): Promise<Scenario | null>
}
