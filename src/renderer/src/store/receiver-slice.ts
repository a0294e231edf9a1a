import type { HookInspectorBridge } from '../../../shared/api'
import { behaviorPreset, HEALTHY_BEHAVIOR } from '../../../shared/presets'
import { behaviorToForm, formToBehavior } from '../lib/behavior-form'
import { errorText } from './error-text'
import type { ReceiverSlice, Slice } from './types'

/** The embedded receiver: its status, and the behavior being edited versus the one saved. */
export function createReceiverSlice(bridge: HookInspectorBridge): Slice<ReceiverSlice> {
  return (set, get) => ({
    receiver: null,
    receiverConfig: null,
    behavior: structuredClone(HEALTHY_BEHAVIOR),
    behaviorForm: behaviorToForm(HEALTHY_BEHAVIOR),
    behaviorErrors: {},
    behaviorSaving: false,

    updateBehaviorForm(patch) {
      const errors = { ...get().behaviorErrors }
      for (const key of Object.keys(errors)) {
        const head = key.split('.')[0] ?? key
        if (head in patch) delete errors[key]
      }
      // An edited behavior is no longer the preset it started from.
      set({
        behaviorForm: { ...get().behaviorForm, ...patch, preset: null },
        behaviorErrors: errors
      })
    },

    async pickPreset(name) {
      // A preset changes how the receiver answers; forwarding, when on, stays on.
      const forwardTo = get().behaviorForm.forwardTo
      set({
        behaviorForm: { ...behaviorToForm(behaviorPreset(name)), forwardTo },
        behaviorErrors: {}
      })
      await get().applyBehavior()
    },

    async applyBehavior() {
      const result = formToBehavior(get().behaviorForm)
      if (!result.ok) {
        set({ behaviorErrors: result.errors })
        get().toast('error', 'The behavior has errors; they are marked in the editor.')
        return false
      }
      set({ behaviorSaving: true, behaviorErrors: {} })
      try {
        const saved = await bridge.setBehavior(result.behavior)
        set({ behavior: saved, behaviorForm: behaviorToForm(saved), behaviorSaving: false })
        return true
      } catch (e) {
        set({ behaviorSaving: false })
        get().toast('error', `Could not apply the behavior: ${errorText(e)}`)
        return false
      }
    },

    revertBehavior() {
      set({ behaviorForm: behaviorToForm(get().behavior), behaviorErrors: {} })
    },

    async startReceiver(patch) {
      try {
        const status = await bridge.startReceiver(patch)
        const config = get().receiverConfig
        set({
          receiver: status,
          receiverConfig: config ? { ...config, ...patch } : config
        })
        if (status.error) get().toast('error', `The receiver did not start: ${status.error}`)
      } catch (e) {
        get().toast('error', `Could not start the receiver: ${errorText(e)}`)
      }
    },

    async stopReceiver() {
      try {
        set({ receiver: await bridge.stopReceiver() })
      } catch (e) {
        get().toast('error', `Could not stop the receiver: ${errorText(e)}`)
      }
    }
  })
}
