import type { HookInspectorBridge } from '../../../shared/api'
import type { HookConfig } from '../../../shared/schemas'
import { errorText } from './error-text'
import type { GateSlice, Slice } from './types'

/** Whether a hook has an email but its password was left out (an imported hook, say). */
export function needsPassword(hook: Pick<HookConfig, 'email' | 'password'>): boolean {
  return hook.email !== '' && hook.password === ''
}

/**
 * Questions before sending: a missing password, a re-send to someone else's server, or the
 * credentials of a re-send whose Authorization was redacted on export.
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

    askCredentials(sourceId, proceed) {
      const s = get()
      const row = s.history.rowOf.get(sourceId) ?? s.selectedRowId
      set({ gate: { kind: 'credentials', sourceId, proceed }, selectedRowId: row })
    },

    async answerCredentials(credentials) {
      const gate = get().gate
      if (gate?.kind !== 'credentials') return
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
        get().toast('error', `Could not save the password: ${errorText(e)}`)
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
