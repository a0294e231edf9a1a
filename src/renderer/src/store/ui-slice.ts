import type { HookInspectorBridge } from '../../../shared/api'
import type { HistoryEntry } from '../../../shared/schemas'
import { applyEntries, emptyHistory, MAX_TIMELINE_ROWS } from '../lib/history-index'
import { errorText } from './error-text'
import { settingsState } from './settings-state'
import type { Slice, UiSlice } from './types'

const MAX_TOASTS = 5
/** History is fetched in pages, so the engine never builds one huge answer. */
export const HISTORY_PAGE = 2_500
let toastSeq = 0

/** The newest MAX_TIMELINE_ROWS entries, newest first, a page at a time. */
async function loadHistory(bridge: HookInspectorBridge): Promise<HistoryEntry[]> {
  const all: HistoryEntry[] = []
  while (all.length < MAX_TIMELINE_ROWS) {
    const limit = Math.min(HISTORY_PAGE, MAX_TIMELINE_ROWS - all.length)
    const page = await bridge.listHistory({ limit, offset: all.length })
    for (const entry of page) all.push(entry)
    if (page.length < limit) break
  }
  return all
}

/** App-wide state: info, preferences, notices, toasts, and the first load. */
export function createUiSlice(bridge: HookInspectorBridge): Slice<UiSlice> {
  return (set, get) => ({
    centerView: 'compose',
    scenarios: [],
    info: null,
    booted: false,
    bootError: null,
    preferences: null,
    notices: [],
    toasts: [],
    helpOpen: false,

    async boot() {
      try {
        const [info, settings, entries] = await Promise.all([
          bridge.getInfo(),
          bridge.getSettings(),
          loadHistory(bridge)
        ])
        // Live events that arrived while loading are re-applied on top of the loaded history.
        const live: HistoryEntry[] = []
        for (const id of [...get().history.order].reverse()) {
          const row = get().history.rows.get(id)
          if (row?.exchange) live.push(row.exchange)
          if (row?.capture) live.push(row.capture)
        }
        const history = applyEntries(applyEntries(emptyHistory(), [...entries].reverse()), live)
        set({
          ...settingsState(settings, get()),
          info,
          receiver: info.receiver,
          notices: info.notices,
          history,
          booted: true,
          bootError: null
        })
      } catch (e) {
        set({ bootError: errorText(e) })
      }
    },

    async setTheme(theme) {
      const prefs = get().preferences
      if (prefs) set({ preferences: { ...prefs, theme } })
      try {
        const saved = await bridge.setPreferences({ theme })
        set({ preferences: saved })
      } catch (e) {
        get().toast('error', `Could not save the theme: ${errorText(e)}`)
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
        get().toast('error', `Could not dismiss the notice: ${errorText(e)}`)
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
