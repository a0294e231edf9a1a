import { BehaviorSchema, type Behavior, type BehaviorOverride, type Fault } from '@shared/schemas'
import { HOOK_EVENTS, type HookEvent } from '@shared/trialkit'
import { fieldErrorsOf, typedWholeNumber } from './form-issues'
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

/** A status typed as text; a blank one stays NaN, which the schema refuses. */
function typedStatus(text: string): number {
  return typedWholeNumber(text)
}

/** A delay as typed: fixed (max = min) when the longest is left blank or the mode says so. */
function typedDelay(minText: string, maxText: string | null): { minMs: number; maxMs: number } {
  const minMs = typedWholeNumber(minText)
  return { minMs, maxMs: maxText === null ? minMs : typedWholeNumber(maxText) }
}

function overrideFromForm(o: OverrideForm): BehaviorOverride {
  const out: BehaviorOverride = {}
  if (o.status.trim() !== '') out.status = typedStatus(o.status)
  if (o.replaceBody) out.body = o.body
  if (o.delayMin.trim() !== '' || o.delayMax.trim() !== '') {
    out.delay = typedDelay(o.delayMin || '0', o.delayMax.trim() === '' ? null : o.delayMax)
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

/** The name put before the schema's "must …" for each kind of field. */
function labelOf(key: string): string | null {
  const field = key.split('.').pop() ?? key
  if (field === 'status' || field === 'failureStatus') return 'Status'
  if (field === 'delayMin' || field === 'delayMax') return 'Delay'
  if (key.startsWith('headers.')) return field === 'name' ? 'Header name' : 'Header value'
  return null
}

const LONGEST_BELOW_SHORTEST = 'The longest delay must not be below the shortest.'

/**
 * Turns the editor's state into a Behavior the engine accepts, or names every bad field. It is
 * checked with the schema the engine validates with, so nothing the UI accepts is refused and no
 * rule is written twice; the editor only chooses the words.
 */
export function formToBehavior(
  form: BehaviorForm
): { ok: true; behavior: Behavior } | { ok: false; errors: FieldErrors } {
  const rateText = form.failureRate.trim()
  const percent = rateText === '' ? 0 : Number(rateText)
  const overrides: Behavior['overrides'] = {}
  for (const event of HOOK_EVENTS) {
    const o = form.overrides[event]
    if (o) overrides[event] = overrideFromForm(o)
  }
  const candidate: Behavior = {
    forwardTo: form.forwardTo.trim() === '' ? null : form.forwardTo.trim(),
    status: typedStatus(form.status),
    headers: form.headers.map(([n, v]) => [n.trim(), v]),
    body: form.body,
    delay: typedDelay(form.delayMin, form.delayMode === 'fixed' ? null : form.delayMax),
    fault: form.fault,
    expectedAuth: form.expectAuth ? { email: form.authEmail, password: form.authPassword } : null,
    failure: {
      rate: percent / 100,
      status: typedStatus(form.failureStatus),
      fault: form.failureFault
    },
    overrides,
    preset: form.preset
  }
  const words: FieldErrors = {
    // The share is a percentage here and a fraction in the schema.
    failureRate: 'Failure rate must be a percentage from 0 to 100.',
    // Expected credentials need an email to mean anything, though the schema allows an empty one.
    authEmail:
      form.expectAuth && form.authEmail === ''
        ? 'Give the email the receiver should expect.'
        : undefined
  }
  const longest = (d: { minMs: number; maxMs: number } | undefined, key: string): void => {
    if (d && d.maxMs < d.minMs) words[key] = LONGEST_BELOW_SHORTEST
  }
  longest(candidate.delay, 'delayMax')
  for (const event of HOOK_EVENTS) longest(overrides[event]?.delay, `overrides.${event}.delayMax`)
  const parsed = BehaviorSchema.safeParse(candidate)
  const errors = parsed.success
    ? {}
    : fieldErrorsOf(parsed.error.issues, { words, keyOf: formKeyOf, labelOf })
  if (words.authEmail) errors.authEmail = words.authEmail
  // A fixed delay has one field: the longest is the shortest.
  if (form.delayMode === 'fixed') delete errors.delayMax
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
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
