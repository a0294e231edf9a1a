import {
  DEFAULT_CAPACITY_LEVELS,
  MAX_CAPACITY_CONCURRENCY,
  MAX_CAPACITY_LEVELS,
  MAX_CAPACITY_REQUESTS,
  plannedRequests,
  type CapacityRequest
} from '../../../../shared/capacity'
import type { HookEvent } from '../../../../shared/trialkit'
import { checkHookUrl } from '../../../../shared/wire-request'

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

function wholeNumber(text: string, min: number, max: number): number | null {
  const t = text.trim()
  const n = /^\d+$/.test(t) ? Number(t) : NaN
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null
}

/**
 * The form as the engine's request, or the errors beside each field (the same rules the engine
 * and the CLI apply, so nothing is sent that would be refused).
 */
export function parseCapacityForm(
  form: CapacityForm
):
  | { ok: true; request: CapacityRequest; total: number }
  | { ok: false; errors: CapacityFormErrors } {
  const errors: CapacityFormErrors = {}
  const url = checkHookUrl(form.url)
  if (!url.ok) errors.url = url.message
  if (form.email === '' && form.password !== '') {
    errors.email = 'TrialKit sends no credentials without an email.'
  }
  const timeout = wholeNumber(form.timeoutSeconds, 1, 300)
  if (timeout === null) errors.timeoutSeconds = 'A whole number of seconds, 1 to 300.'
  const parts = form.levels.split(',').map((p) => p.trim())
  const levels = parts.map((p) => wholeNumber(p, 1, MAX_CAPACITY_CONCURRENCY))
  const unique = [...new Set(levels)].sort((a, b) => (a ?? 0) - (b ?? 0))
  if (levels.some((l) => l === null)) {
    errors.levels = `Whole numbers from 1 to ${MAX_CAPACITY_CONCURRENCY}, separated by commas.`
  } else if (unique.length > MAX_CAPACITY_LEVELS) {
    errors.levels = `At most ${MAX_CAPACITY_LEVELS} levels.`
  }
  let requests: number | undefined
  if (form.requests.trim() !== '') {
    const n = wholeNumber(form.requests, 1, MAX_CAPACITY_REQUESTS)
    if (n === null) errors.requests = `A whole number from 1 to ${MAX_CAPACITY_REQUESTS}, or empty.`
    else requests = n
  }
  const chosen = unique.filter((l): l is number => l !== null)
  const total = plannedRequests(chosen, requests)
  if (!errors.levels && !errors.requests && total > MAX_CAPACITY_REQUESTS) {
    errors.requests = `That is ${total} requests; at most ${MAX_CAPACITY_REQUESTS} per run.`
  }
  if (Object.keys(errors).length > 0 || timeout === null) return { ok: false, errors }
  return {
    ok: true,
    total,
    request: {
      url: form.url.trim(),
      email: form.email,
      password: form.password,
      event: form.event,
      levels: chosen,
      ...(requests === undefined ? {} : { requests }),
      timeoutSeconds: timeout
    }
  }
}
