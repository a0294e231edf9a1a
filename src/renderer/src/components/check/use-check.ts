import { useCallback, useRef, useState } from 'react'
import type { CheckReport } from '../../../../shared/check'
import { checkHookUrl } from '../../../../shared/wire-request'
import { errorText } from '../../store/error-text'
import { useBridge } from '../../store/store-context'

export interface CheckForm {
  url: string
  email: string
  password: string
  timeoutSeconds: string
}

export interface CheckState {
  running: boolean
  report: CheckReport | null
  error: string | null
  fieldErrors: Partial<Record<keyof CheckForm, string>>
}

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

/** Runs the readiness check through the bridge; one at a time. */
export function useCheck(): CheckState & { run(form: CheckForm): Promise<void> } {
  const bridge = useBridge()
  const [state, setState] = useState<CheckState>({
    running: false,
    report: null,
    error: null,
    fieldErrors: {}
  })
  const busy = useRef(false)
  const run = useCallback(
    async (form: CheckForm) => {
      if (busy.current) return
      const fieldErrors = checkFormErrors(form)
      if (Object.keys(fieldErrors).length > 0) {
        setState((s) => ({ ...s, fieldErrors, error: null }))
        return
      }
      busy.current = true
      setState((s) => ({ ...s, running: true, error: null, fieldErrors: {} }))
      try {
        const report = await bridge.runCheck({
          url: form.url.trim(),
          email: form.email,
          password: form.password,
          timeoutSeconds: Number(form.timeoutSeconds)
        })
        setState({ running: false, report, error: null, fieldErrors: {} })
      } catch (e) {
        setState((s) => ({ ...s, running: false, error: errorText(e) }))
      } finally {
        busy.current = false
      }
    },
    [bridge]
  )
  return { ...state, run }
}
