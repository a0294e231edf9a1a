import type { DecodedBody } from '@shared/decoded-body'
import type { HistoryIndex } from '../lib/history-index'
import type { TimelineFilters } from '../lib/row-filter'

// The history slice: the timeline, its filters and the selected row.

/** A capture's coded body decoded on demand: loading (body and error null), decoded, or why not. */
export interface DecodedBodyState {
  captureId: string
  body: DecodedBody | null
  error: string | null
}

export interface HistorySlice {
  history: HistoryIndex
  filters: TimelineFilters
  selectedRowId: string | null
  /** The last capture body asked to be shown decoded (a decoded copy is never stored). */
  decodedBody: DecodedBodyState | null
  setFilters(patch: Partial<TimelineFilters>): void
  selectRow(id: string | null): void
  clearHistory(): Promise<void>
  loadDecodedBody(captureId: string): Promise<void>
}
