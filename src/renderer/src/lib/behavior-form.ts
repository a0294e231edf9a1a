import {
  BehaviorSchema,
  type Behavior,
  type BehaviorOverride,
  type Fault
} from '../../../shared/schemas'
import { HOOK_EVENTS, type HookEvent } from '../../../shared/trialkit'
import type { FieldErrors } from './hook-form'

/** One per-event override as edited: empty text means "inherit from the main behavior". */
export interface OverrideForm {
  status: string
  replaceBody: boolean
  body: string
  delayMin: string
  delayMax: string
  fault: Fault | ''
}

/** The behavior editor's state, numbers kept as typed so bad input can be pointed at. */
export interface BehaviorForm {
  preset: string | null
  status: string
  headers: [string, string][]
  body: string
  delayMode: 'fixed' | 'range'
  delayMin: string
  delayMax: string
  fault: Fault
  expectAuth: boolean
  authEmail: string
  authPassword: string
  /** Percent, 0–100. */
  failureRate: string
  failureStatus: string
  failureFault: Fault
  overrides: Partial<Record<HookEvent, OverrideForm>>
  /** Empty: answer from this behaviour; a URL: forward every request there. */
  forwardTo: string
}

export function emptyOverride(): OverrideForm {
  return { status: '', replaceBody: false, body: '', delayMin: '', delayMax: '', fault: '' }
}

function overrideToForm(o: BehaviorOverride): OverrideForm {
  return {
    status: o.status === undefined ? '' : String(o.status),
    replaceBody: o.body !== undefined,
    body: o.body ?? '',
    delayMin: o.delay ? String(o.delay.minMs) : '',
    delayMax: o.delay && o.delay.maxMs !== o.delay.minMs ? String(o.delay.maxMs) : '',
    fault: o.fault ?? ''
  }
}

export function behaviorToForm(b: Behavior): BehaviorForm {
  const overrides: Partial<Record<HookEvent, OverrideForm>> = {}
  for (const event of HOOK_EVENTS) {
    const o = b.overrides[event]
    if (o) overrides[event] = overrideToForm(o)
  }
  return {
    preset: b.preset,
    status: String(b.status),
    headers: b.headers.map(([n, v]) => [n, v]),
    body: b.body,
    delayMode: b.delay.maxMs === b.delay.minMs ? 'fixed' : 'range',
    delayMin: String(b.delay.minMs),
    delayMax: String(b.delay.maxMs),
    fault: b.fault,
    expectAuth: b.expectedAuth !== null,
    authEmail: b.expectedAuth?.email ?? '',
    authPassword: b.expectedAuth?.password ?? '',
    failureRate: String(Math.round(b.failure.rate * 1000) / 10),
    failureStatus: String(b.failure.status),
    failureFault: b.failure.fault,
    overrides,
    forwardTo: b.forwardTo ?? ''
  }
}

const DELAY_MAX_MS = 600_000

function wholeNumber(
  text: string,
  key: string,
  label: string,
  min: number,
  max: number,
  errors: FieldErrors
): number {
  const t = text.trim()
  const n = /^-?\d+$/.test(t) ? Number(t) : NaN
  if (!Number.isInteger(n)) {
    errors[key] = `${label} must be a whole number.`
    return min
  }
  if (n < min || n > max) errors[key] = `${label} must be between ${min} and ${max}.`
  return n
}

function statusOf(text: string, key: string, errors: FieldErrors): number {
  return wholeNumber(text, key, 'Status', 100, 599, errors)
}

function overrideFromForm(
  event: HookEvent,
  o: OverrideForm,
  errors: FieldErrors
): BehaviorOverride {
  const out: BehaviorOverride = {}
  const k = `overrides.${event}`
  if (o.status.trim() !== '') out.status = statusOf(o.status, `${k}.status`, errors)
  if (o.replaceBody) out.body = o.body
  if (o.delayMin.trim() !== '' || o.delayMax.trim() !== '') {
    const min = wholeNumber(o.delayMin || '0', `${k}.delayMin`, 'Delay', 0, DELAY_MAX_MS, errors)
    const max =
      o.delayMax.trim() === ''
        ? min
        : wholeNumber(o.delayMax, `${k}.delayMax`, 'Delay', 0, DELAY_MAX_MS, errors)
    if (max < min && !errors[`${k}.delayMax`]) {
      errors[`${k}.delayMax`] = 'The longest delay must not be below the shortest.'
    }
    out.delay = { minMs: min, maxMs: max }
  }
  if (o.fault !== '') out.fault = o.fault
  return out
}

/** Where a schema issue path lands in the editor. */
function formKeyOf(path: readonly PropertyKey[]): string {
  const p = path.map(String)
  if (p[0] === 'delay') return p[1] === 'maxMs' ? 'delayMax' : 'delayMin'
  if (p[0] === 'failure') return p[1] === 'rate' ? 'failureRate' : 'failureStatus'
  if (p[0] === 'expectedAuth') return p[1] === 'password' ? 'authPassword' : 'authEmail'
  if (p[0] === 'headers') return `headers.${p[1] ?? 0}.${p[2] === '1' ? 'value' : 'name'}`
  if (p[0] === 'overrides') {
    const field = p[2] === 'delay' ? (p[3] === 'maxMs' ? 'delayMax' : 'delayMin') : p[2]
    return `overrides.${p[1]}.${field ?? 'status'}`
  }
  return p[0] ?? 'form'
}

/**
 * Turns the editor's state into a Behavior the engine accepts, or names every bad field.
 * The schema the engine validates with has the last word, so nothing the UI accepts is refused.
 */
export function formToBehavior(
  form: BehaviorForm
): { ok: true; behavior: Behavior } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const status = statusOf(form.status, 'status', errors)
  const minMs = wholeNumber(form.delayMin, 'delayMin', 'Delay', 0, DELAY_MAX_MS, errors)
  const maxMs =
    form.delayMode === 'fixed'
      ? minMs
      : wholeNumber(form.delayMax, 'delayMax', 'Delay', 0, DELAY_MAX_MS, errors)
  if (maxMs < minMs && !errors.delayMax) {
    errors.delayMax = 'The longest delay must not be below the shortest.'
  }
  const rateText = form.failureRate.trim()
  const rate = rateText === '' ? 0 : Number(rateText)
  if (!Number.isFinite(rate) || rate < 0 || rate > 100) {
    errors.failureRate = 'Failure rate must be a percentage from 0 to 100.'
  }
  const failureStatus = statusOf(form.failureStatus, 'failureStatus', errors)
  form.headers.forEach(([name], i) => {
    if (name.trim() === '') errors[`headers.${i}.name`] = 'Header name must not be empty.'
  })
  if (form.expectAuth && form.authEmail === '') {
    errors.authEmail = 'Give the email the receiver should expect.'
  }
  const overrides: Behavior['overrides'] = {}
  for (const event of HOOK_EVENTS) {
    const o = form.overrides[event]
    if (o) overrides[event] = overrideFromForm(event, o, errors)
  }
  const candidate: Behavior = {
    forwardTo: form.forwardTo.trim() === '' ? null : form.forwardTo.trim(),
    status,
    headers: form.headers.map(([n, v]) => [n.trim(), v]),
    body: form.body,
    delay: { minMs, maxMs },
    fault: form.fault,
    expectedAuth: form.expectAuth ? { email: form.authEmail, password: form.authPassword } : null,
    failure: {
      rate: Number.isFinite(rate) ? Math.min(Math.max(rate, 0), 100) / 100 : 0,
      status: failureStatus,
      fault: form.failureFault
    },
    overrides,
    preset: form.preset
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const parsed = BehaviorSchema.safeParse(candidate)
  if (!parsed.success) {
    const schemaErrors: FieldErrors = {}
    for (const issue of parsed.error.issues) {
      const key = formKeyOf(issue.path)
      if (!schemaErrors[key]) schemaErrors[key] = issue.message
    }
    return { ok: false, errors: schemaErrors }
  }
  return { ok: true, behavior: parsed.data }
}

/** Whether the editor differs from the saved behavior (the "unsaved changes" mark). */
export function isFormDirty(form: BehaviorForm, saved: Behavior): boolean {
  return canonical(form) !== canonical(behaviorToForm(saved))
}

function canonical(form: BehaviorForm): string {
  const overrides = HOOK_EVENTS.map((e) => form.overrides[e] ?? null)
  const { preset: _preset, ...rest } = form
  return JSON.stringify({ ...rest, overrides })
}
