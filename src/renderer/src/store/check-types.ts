import type { CheckReport } from '@shared/check'

// The readiness check slice.

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

export interface CheckSlice {
  check: CheckState
  /** Runs the readiness check, one at a time; form mistakes show beside their field. */
  runCheck(form: CheckForm): Promise<void>
  /** Forgets the report when its view goes away; a check still running is no longer shown. */
  discardCheck(): void
}
