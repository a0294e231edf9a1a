import type { HookInspectorBridge } from '@shared/api'
import { behaviorPreset, HEALTHY_BEHAVIOR } from '@shared/presets'
import { HOOK_TIMEOUT_DEFAULT_S, type Behavior } from '@shared/schemas'
import { isLoopbackHost } from '@shared/loopback'
import { behaviorToForm, formToBehavior } from '../lib/behavior-form'
import type { ReceiverSlice } from './receiver-types'
import type { AllState, Slice } from './types'
import { errorMessage } from '@shared/error-message'

/** The active hook's timeout: "Slower than timeout" answers just past it. */
function activeTimeoutMs(s: AllState): number {
  const hook = s.hooks.find((h) => h.id === s.activeHookId)
  return (hook?.timeoutSeconds ?? HOOK_TIMEOUT_DEFAULT_S) * 1000
}

/** Real credentials: an email and a password, neither empty (see docs/SECURITY.md). */
function realCredentials(auth: Behavior['expectedAuth']): boolean {
  return auth !== null && auth.email.trim() !== '' && auth.password !== ''
}

/** Whether the receiver can be reached from other machines now (a LAN host or a tunnel). */
function exposedNow(s: AllState): boolean {
  return s.receiver?.exposed === true || (s.publicStatus?.state ?? 'off') !== 'off'
}

/** The embedded receiver: its status, and the behavior being edited versus the one saved. */
export function createReceiverSlice(bridge: HookInspectorBridge): Slice<ReceiverSlice> {
  return (set, get) => ({
    receiver: null,
    receiverConfig: null,
    behavior: structuredClone(HEALTHY_BEHAVIOR),
    behaviorForm: behaviorToForm(HEALTHY_BEHAVIOR),
    behaviorErrors: {},
    behaviorSaving: false,
    anonymousQuestion: null,

    async answerAnonymous(allow) {
      const question = get().anonymousQuestion
      set({ anonymousQuestion: null })
      if (!allow || question === null) return
      try {
        await bridge.allowAnonymous()
      } catch (e) {
        get().toast('error', `Anonymous access was not allowed: ${errorMessage(e)}`)
        return
      }
      await question.retry()
    },

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
      // A preset changes how the receiver answers; forwarding, when on, stays on. The expected
      // credentials stay too: a public or LAN receiver must never be opened by a click on a preset.
      const forwardTo = get().behaviorForm.forwardTo
      const expectedAuth = get().behavior.expectedAuth
      set({
        behaviorForm: {
          ...behaviorToForm({ ...behaviorPreset(name, activeTimeoutMs(get())), expectedAuth }),
          forwardTo
        },
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
        // Refused because the receiver is exposed without credentials: the user may choose
        // anonymous access, in so many words, and try again.
        if (exposedNow(get()) && !realCredentials(result.behavior.expectedAuth)) {
          set({
            anonymousQuestion: { message: errorMessage(e), retry: () => get().applyBehavior() }
          })
          return false
        }
        get().toast('error', `Could not apply the behavior: ${errorMessage(e)}`)
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
        const ok = status.error === null
        set({
          receiver: status,
          receiverConfig: config && ok ? { ...config, ...patch } : config
        })
        const beyondLoopback = patch.host !== undefined && !isLoopbackHost(patch.host)
        if (status.error && beyondLoopback && !realCredentials(get().behavior.expectedAuth)) {
          set({
            anonymousQuestion: { message: status.error, retry: () => get().startReceiver(patch) }
          })
          return false
        }
        // A running receiver with an error kept running: the panel shows it beside the port.
        if (status.error && !status.running) {
          get().toast('error', `The receiver did not start: ${status.error}`)
        }
        return ok
      } catch (e) {
        get().toast('error', `Could not start the receiver: ${errorMessage(e)}`)
        return false
      }
    },

    async stopReceiver() {
      try {
        set({ receiver: await bridge.stopReceiver() })
      } catch (e) {
        get().toast('error', `Could not stop the receiver: ${errorMessage(e)}`)
      }
    }
  })
}
