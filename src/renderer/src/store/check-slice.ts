import type { HookInspectorBridge } from '@shared/api'
import { CheckRequestSchema, type CheckRequest } from '@shared/check'
import { checkHookUrl } from '@shared/wire-request'
import type { CheckForm, CheckSlice, CheckState } from './check-types'
import type { Slice } from './types'
import { fieldErrorsOf, typedWholeNumber } from '../lib/form-issues'
import { errorMessage } from '@shared/error-message'

const NO_CHECK: CheckState = { running: false, report: null, error: null, fieldErrors: {} }

/** The form as the engine's request (what runCheck is given). */
function checkRequestOf(form: CheckForm): CheckRequest {
  return {
    url: form.url.trim(),
    email: form.email,
    password: form.password,
    timeoutSeconds: typedWholeNumber(form.timeoutSeconds)
  }
}

/**
 * Validates the form with the schema the engine uses, plus the URL rules of a dispatch, so
 * mistakes show beside the field.
 */
export function checkFormErrors(form: CheckForm): CheckState['fieldErrors'] {
  const parsed = CheckRequestSchema.safeParse(checkRequestOf(form))
  const errors = parsed.success ? {} : fieldErrorsOf<keyof CheckForm>(parsed.error.issues)
  const url = checkHookUrl(form.url)
  if (!url.ok) errors.url = url.message
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
          const report = await bridge.runCheck(checkRequestOf(form))
          update(() => ({ running: false, report, error: null, fieldErrors: {} }), gen)
        } catch (e) {
          update((s) => ({ ...s, running: false, error: errorMessage(e) }), gen)
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
