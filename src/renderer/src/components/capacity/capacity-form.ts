import {
  CapacityRequestSchema,
  DEFAULT_CAPACITY_LEVELS,
  plannedRequests,
  type CapacityRequest
} from '@shared/capacity'
import type { HookEvent } from '@shared/trialkit'
import { checkHookUrl } from '@shared/wire-request'
import { fieldErrorsOf, typedWholeNumber } from '@renderer/lib/form-issues'

export interface CapacityForm {
  url: string
  email: string
  password: string
  event: HookEvent
  /** "1,4,16,64" */
  levels: string
  /** Requests per level; empty: 4 × the level. */
  requests: string
  timeoutSeconds: string
}

export type CapacityFormErrors = Partial<Record<keyof CapacityForm, string>>

export const DEFAULT_LEVELS_TEXT = DEFAULT_CAPACITY_LEVELS.join(', ')

/** The form as the engine's request: the levels once each, in increasing order. */
function capacityRequestOf(form: CapacityForm): CapacityRequest {
  const levels = [...new Set(form.levels.split(',').map(typedWholeNumber))].sort((a, b) => a - b)
  const requests = form.requests.trim() === '' ? undefined : typedWholeNumber(form.requests)
  return {
    url: form.url.trim(),
    email: form.email,
    password: form.password,
    event: form.event,
    levels,
    ...(requests === undefined ? {} : { requests }),
    timeoutSeconds: typedWholeNumber(form.timeoutSeconds)
  }
}

/**
 * The form as the engine's request, or the errors beside each field: checked with the schema the
 * engine and the CLI check with, plus the URL rules of a dispatch, so nothing is sent that would
 * be refused.
 */
export function parseCapacityForm(
  form: CapacityForm
):
  | { ok: true; request: CapacityRequest; total: number }
  | { ok: false; errors: CapacityFormErrors } {
  const request = capacityRequestOf(form)
  const parsed = CapacityRequestSchema.safeParse(request)
  const errors = parsed.success ? {} : fieldErrorsOf<keyof CapacityForm>(parsed.error.issues)
  const url = checkHookUrl(form.url)
  if (!url.ok) errors.url = url.message
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    total: plannedRequests(parsed.data.levels, parsed.data.requests),
    request
  }
}
