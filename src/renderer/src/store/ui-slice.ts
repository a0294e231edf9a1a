import type { HookInspectorBridge } from '@shared/api'
import type { HistoryEntry } from '@shared/schemas'
import {
  appendOlderEntries,
  applyEntries,
  emptyHistory,
  MAX_TIMELINE_ROWS,
  sameHistory
} from '../lib/history-index'
import { settingsState } from './settings-state'
import type { Slice } from './types'
import type { UiSlice } from './ui-types'
import { errorMessage } from '@shared/error-message'

const MAX_TOASTS = 5
/** History is fetched in pages, so the engine never builds one huge answer. */
export const HISTORY_PAGE = 2_500
let toastSeq = 0

type StoreAccess = [set: Parameters<Slice<UiSlice>>[0], get: Parameters<Slice<UiSlice>>[1]]

/**
 * Loads the history below the first page, a page at a time, up to MAX_TIMELINE_ROWS entries, while
 * the timeline is already shown. A clear meanwhile ends it: what was older is gone.
 */
async function loadOlderHistory(
  bridge: HookInspectorBridge,
  [set, get]: StoreAccess,
  loaded: number
): Promise<void> {
  const start = get().history
  try {
    while (loaded < MAX_TIMELINE_ROWS) {
      const limit = Math.min(HISTORY_PAGE, MAX_TIMELINE_ROWS - loaded)
      // A page may hold fewer than `limit` entries (large ones are paged by size): `more` decides.
      const page = await bridge.historyPage({ limit, offset: loaded })
      if (!sameHistory(start, get().history)) return
      set({ history: appendOlderEntries(get().history, page.entries) })
      loaded += page.entries.length
      if (!page.more || page.entries.length === 0) return
    }
  } catch (e) {
    get().toast('error', `Could not load the older history: ${errorMessage(e)}`)
  } finally {
    set({ historyLoading: false })
  }
}

/** App-wide state: info, preferences, notices, toasts, and the first load. */
export function createUiSlice(bridge: HookInspectorBridge): Slice<UiSlice> {
  return (set, get) => ({
    centerView: 'compose',
    info: null,
    booted: false,
    bootError: null,
    historyLoading: false,
    preferences: null,
    notices: [],
    toasts: [],
    helpOpen: false,

    async boot() {
      try {
        const [info, settings, firstPage] = await Promise.all([
          bridge.getInfo(),
          bridge.getSettings(),
          bridge.historyPage({ limit: HISTORY_PAGE, offset: 0 })
        ])
        const first = firstPage.entries
        // Live events that arrived while loading are re-applied on top of the loaded history.
        const live: HistoryEntry[] = []
        for (const id of [...get().history.order].reverse()) {
          const row = get().history.rows.get(id)
          if (row?.exchange) live.push(row.exchange)
          if (row?.capture) live.push(row.capture)
          if (row?.capacity) live.push(row.capacity)
        }
        const history = applyEntries(applyEntries(emptyHistory(), [...first].reverse()), live)
        const more = firstPage.more && first.length > 0
        set({
          ...settingsState(settings, get()),
          info,
          receiver: info.receiver,
          notices: info.notices,
          history,
          booted: true,
          bootError: null,
          historyLoading: more
        })
        void get().loadPublicStatus()
        if (more) await loadOlderHistory(bridge, [set, get], first.length)
      } catch (e) {
        set({ bootError: errorMessage(e) })
      }
    },

    async setTheme(theme) {
      const prefs = get().preferences
      if (prefs) set({ preferences: { ...prefs, theme } })
      try {
        const saved = await bridge.setPreferences({ theme })
        set({ preferences: saved })
      } catch (e) {
        get().toast('error', `Could not save the theme: ${errorMessage(e)}`)
      }
    },

    toast(level, message) {
      const toast = { id: `t${++toastSeq}`, level, message }
      set({ toasts: [...get().toasts, toast].slice(-MAX_TOASTS) })
    },

    dismissToast(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) })
    },

    async dismissNotice(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) })
      try {
        await bridge.dismissNotice(id)
      } catch (e) {
        get().toast('error', `Could not dismiss the notice: ${errorMessage(e)}`)
      }
    },

    setHelpOpen(open) {
      set({ helpOpen: open })
    },

    setCenterView(view) {
      set({ centerView: view })
    }
  })
}
