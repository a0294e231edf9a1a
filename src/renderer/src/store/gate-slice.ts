import type { HookInspectorBridge } from '@shared/api'
import type { HookConfig } from '@shared/schemas'
import { sentEmailOf } from '@shared/sent-email'
import type { GateSlice } from './gate-types'
import type { Slice } from './types'
import { errorMessage } from '@shared/error-message'

/** Whether a hook has an email but its password was left out (an imported hook, say). */
export function needsPassword(hook: Pick<HookConfig, 'email' | 'password'>): boolean {
  return hook.email !== '' && hook.password === ''
}

/**
 * Questions before sending: a missing password (for a fire), a re-send to someone else's server,
 * or the credentials of a re-send that lacks them (redacted on export, or its hook has no
 * password): one prompt for every kind of re-send.
 */
export function createGateSlice(bridge: HookInspectorBridge): Slice<GateSlice> {
  return (set, get) => ({
    gate: null,

    askPassword(hook, proceed) {
      set({ gate: { kind: 'password', hook, proceed } })
    },

    askToSendTo(url, proceed) {
      set({ gate: { kind: 'confirm-url', url, proceed } })
    },

    askCredentials(sourceId, proceed, hook = null) {
      const s = get()
      const rowId = s.history.rowOf.get(sourceId)
      const row = rowId === undefined ? undefined : s.history.rows.get(rowId)
      const source = row?.exchange?.id === sourceId ? row.exchange : row?.capture
      const email = (hook?.email || (source && sentEmailOf(source))) ?? ''
      const why = hook ? 'no-password' : 'redacted'
      set({
        gate: { kind: 'credentials', sourceId, why, email, hook, proceed },
        selectedRowId: rowId ?? s.selectedRowId
      })
    },

    async answerCredentials(credentials, save = false) {
      const gate = get().gate
      if (gate?.kind !== 'credentials') return
      if (save && gate.hook) {
        // Saved only when asked to: otherwise the password is used for this send and forgotten.
        let saved: HookConfig
        try {
          saved = await bridge.saveHook({ ...gate.hook, ...credentials })
        } catch (e) {
          get().toast('error', `Could not save the credentials with the hook: ${errorMessage(e)}`)
          return
        }
        set({ hooks: get().hooks.map((h) => (h.id === saved.id ? saved : h)) })
      }
      set({ gate: null })
      await gate.proceed(credentials)
    },

    async answerPassword(password) {
      const gate = get().gate
      if (gate?.kind !== 'password' || password === '') return
      let saved: HookConfig
      try {
        saved = await bridge.saveHook({ ...gate.hook, password })
      } catch (e) {
        get().toast('error', `Could not save the password: ${errorMessage(e)}`)
        return
      }
      set({ gate: null, hooks: get().hooks.map((h) => (h.id === saved.id ? saved : h)) })
      await gate.proceed(saved)
    },

    async confirmGate() {
      const gate = get().gate
      if (gate?.kind !== 'confirm-url') return
      set({ gate: null })
      await gate.proceed()
    },

    cancelGate() {
      set({ gate: null })
    }
  })
}
