import type { PaneSizes } from '@shared/schemas'

// The layout slice: the drawer and the pane sizes of this window.

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
  /** Remembers whether presenter mode shows the speaker notes. */
  savePresenterNotes(shown: boolean): Promise<void>
}
