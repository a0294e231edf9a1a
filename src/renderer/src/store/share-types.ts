import type { ImportSummary } from '@shared/sharing'

// The export and import slice.

export interface ShareState {
  busy: boolean
  error: string | null
  summary: ImportSummary | null
}

export interface ShareSlice {
  share: ShareState
  /** Saves the history (or the entries with these ids) as a HAR file. */
  exportHar(includeSecrets: boolean, ids?: string[]): Promise<void>
  /** Saves a support bundle. */
  exportBundle(includeSecrets: boolean): Promise<void>
  /** Imports a HAR file or support bundle the user picked. */
  importPicked(file: File): Promise<void>
  resetShare(): void
}
