import type { HookInspectorBridge } from '../../../shared/api'
import { checkHookUrl } from '../../../shared/wire-request'
import { errorText } from './error-text'
import type { CheckForm, CheckSlice, CheckState } from './check-types'
import type { Slice } from './types'

const NO_CHECK: CheckState = { running: false, report: null, error: null, fieldErrors: {} }

/** Validates the form the way the engine will, so mistakes show beside the field. */
export function checkFormErrors(form: CheckForm): CheckState['fieldErrors'] {
  const errors: CheckState['fieldErrors'] = {}
  const url = checkHookUrl(form.url)
  if (!url.ok) errors.url = url.message
  const t = Number(form.timeoutSeconds)
  if (!Number.isInteger(t) || t < 1 || t > 300) {
    errors.timeoutSeconds = 'A whole number of seconds, 1 to 300.'
  }
  if (form.email === '' && form.password !== '') {
    errors.email = 'TrialKit sends no credentials without an email.'
  }
  return errors
}

/** The endpoint readiness check: one at a time, its report kept until its view goes away. */
export function createCheckSlice(bridge: HookInspectorBridge): Slice<CheckSlice> {
  let busy = false
  /** Bumped when the view goes away: the answer of a check started before it is dropped. */
  let generation = 0

  return (set, get) => {
    const update = (change: (s: CheckState) => CheckState, gen: number): void => {
      if (gen === generation) set({ check: change(get().check) })
    }

    return {
      check: NO_CHECK,

      async runCheck(form) {
        if (busy) return
        const gen = generation
        const fieldErrors = checkFormErrors(form)
        if (Object.keys(fieldErrors).length > 0) {
          update((s) => ({ ...s, fieldErrors, error: null }), gen)
          return
        }
        busy = true
        update((s) => ({ ...s, running: true, error: null, fieldErrors: {} }), gen)
        try {
          const report = await bridge.runCheck({
            url: form.url.trim(),
            email: form.email,
            password: form.password,
            timeoutSeconds: Number(form.timeoutSeconds)
          })
          update(() => ({ running: false, report, error: null, fieldErrors: {} }), gen)
        } catch (e) {
          update((s) => ({ ...s, running: false, error: errorText(e) }), gen)
        } finally {
          busy = false
        }
      },

      discardCheck() {
        generation++
        busy = false
        set({ check: NO_CHECK })
      }
    }
  }
}
