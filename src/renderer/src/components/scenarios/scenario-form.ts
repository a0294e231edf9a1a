import { z } from 'zod'
import { NO_FAULT } from '@shared/faults'
import type { BehaviorPresetName } from '@shared/presets'
import { scenarioError, serializeScenario } from '@shared/scenarios/scenario-file'
import {
  HOOK_TIMEOUT_DEFAULT_S,
  ScenarioDraftSchema,
  ScenarioSchema,
  ScenarioStepSchema,
  type ProtocolErrorKind,
  type Scenario,
  type ScenarioDraft,
  type ScenarioExpect
} from '@shared/schemas'
import type { BodyOverrides, WorkflowLevel } from '@shared/trialkit'

/** A step as files and the app hold it (defaults may be missing, as in a hand-written file). */
export type StepValue = ScenarioDraft['steps'][number]
type BehaviorValue = NonNullable<StepValue['behavior']>
/** A whole behaviour object, as opposed to a preset by name. */
export type CustomBehavior = Extract<BehaviorValue, { status: number }>

/**
 * One step in the form. `step` keeps every key the step had, so what the form does not edit
 * (rawBody, credentials, a custom behaviour, top-level wf_id…) is saved exactly as it was; the
 * two numbers are kept as typed until the form is checked.
 */
export interface StepForm {
  /** Stable identity for React while steps move; never saved. */
  key: number
  step: StepValue
  pauseText: string
  /** Empty: the scenario's timeout. */
  timeoutText: string
  /** The HTTP status an http-status expectation pins, as typed; empty: any status. */
  statusText: string
  /** The custom behaviour the step held when the form opened, to go back to after a preset. */
  customBehavior: CustomBehavior | null
}

export interface ScenarioForm {
  /** Name, description and any key the form does not edit (scenario-wide credentials). */
  head: Omit<ScenarioDraft, 'id' | 'steps' | 'timeoutSeconds'>
  timeoutText: string
  steps: StepForm[]
}

export type BehaviorChoice = '' | BehaviorPresetName | 'custom'

function isCustom(behavior: BehaviorValue | undefined): behavior is CustomBehavior {
  return behavior !== undefined && 'status' in behavior
}

/** Whether an expectation is a ProtocolError of the kind http-status (it may pin a status). */
export function expectsHttpStatus(
  e: ScenarioExpect
): e is Extract<ScenarioExpect, { outcome: 'protocol-error' }> {
  return e.outcome === 'protocol-error' && e.kind === 'http-status'
}

function pinnedStatus(e: ScenarioExpect): number | undefined {
  return expectsHttpStatus(e) ? e.status : undefined
}

function stepToForm(step: StepValue, key: number): StepForm {
  const status = pinnedStatus(step.expect)
  return {
    key,
    step,
    pauseText: String(step.pauseMs ?? 0),
    timeoutText: step.timeoutSeconds === undefined ? '' : String(step.timeoutSeconds),
    statusText: status === undefined ? '' : String(status),
    customBehavior: isCustom(step.behavior) ? step.behavior : null
  }
}

/** The form for a scenario, read from the app's scenario or a parsed file. */
export function scenarioToForm(scenario: ScenarioDraft): ScenarioForm {
  const { id: _id, steps, timeoutSeconds, ...head } = scenario
  void _id
  return {
    head: { ...head, description: head.description ?? '' },
    timeoutText: String(timeoutSeconds ?? HOOK_TIMEOUT_DEFAULT_S),
    steps: steps.map((s, i) => stepToForm(s, i))
  }
}

/** Typed text as a number; text that is no number stays text, for the check to point at. */
function numberOrText(text: string): number | string {
  const t = text.trim()
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text
}

interface FormValue {
  value: Omit<Scenario, 'id'>
  /** Paths ("steps.2.pauseMs") whose text is not a number. */
  notNumbers: Set<string>
}

/**
 * The scenario the form holds. A number typed as something else stays as its text, so the JSON
 * view shows what was typed and the check names it; the value is then not a valid Scenario.
 */
function formValue(form: ScenarioForm): FormValue {
  const notNumbers = new Set<string>()
  const number = (text: string, path: string): number | string => {
    const n = numberOrText(text)
    if (typeof n === 'string') notNumbers.add(path)
    return n
  }
  const steps = form.steps.map((s, i) => {
    const { timeoutSeconds: _t, ...rest } = s.step
    void _t
    // The status as typed, and only while the kind is http-status.
    const { status: _s, ...expect } = s.step.expect as ScenarioExpect & { status?: number }
    void _s
    const status =
      expectsHttpStatus(s.step.expect) && s.statusText.trim() !== ''
        ? { status: number(s.statusText, `steps.${i}.expect.status`) }
        : {}
    return inSchemaOrder(
      {
        ...rest,
        expect: { ...expect, ...status },
        ...(s.timeoutText.trim() === ''
          ? {}
          : { timeoutSeconds: number(s.timeoutText, `steps.${i}.timeoutSeconds`) }),
        pauseMs: s.pauseText.trim() === '' ? 0 : number(s.pauseText, `steps.${i}.pauseMs`)
      },
      STEP_KEYS
    )
  })
  const value = inSchemaOrder(
    { ...form.head, timeoutSeconds: number(form.timeoutText, 'timeoutSeconds'), steps },
    SCENARIO_KEYS
  ) as Omit<Scenario, 'id'>
  return { value, notNumbers }
}

const STEP_KEYS = Object.keys(ScenarioStepSchema.shape)
const SCENARIO_KEYS = Object.keys(ScenarioSchema.shape)

/**
 * The object with its keys in the schema's order, as a parsed file has them, so the JSON view
 * reads the same before and after a trip through the form.
 */
function inSchemaOrder<T extends object>(value: T, keys: readonly string[]): T {
  const entries = Object.entries(value)
  const rank = (k: string): number => {
    const i = keys.indexOf(k)
    return i === -1 ? keys.length : i
  }
  return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b))) as T
}

/** The form as scenario file text, for the JSON view. */
export function formToJson(form: ScenarioForm): string {
  return serializeScenario({ id: '', ...formValue(form).value })
}

export type FormCheck =
  | { ok: true; draft: ScenarioDraft }
  | {
      ok: false
      /** Every problem, each naming its step and field. */
      message: string
      /** Problems by path ("steps.0.title"), to show at the field. */
      fieldErrors: Map<string, string>
    }

/** Checks the form against the scenario schema, as a file would be checked on import. */
export function checkForm(form: ScenarioForm): FormCheck {
  const { value, notNumbers } = formValue(form)
  const result = ScenarioDraftSchema.safeParse(value)
  if (result.success) return { ok: true, draft: result.data }
  const issues = result.error.issues.map((issue) =>
    notNumbers.has(issue.path.join('.')) ? { ...issue, message: 'must be a number' } : issue
  )
  const fieldErrors = new Map<string, string>()
  for (const issue of issues) {
    const path = issue.path.join('.')
    if (!fieldErrors.has(path)) fieldErrors.set(path, issue.message)
  }
  const error = scenarioError(new z.ZodError(issues), value as unknown as Record<string, unknown>)
  return { ok: false, message: error.message, fieldErrors }
}

/** Changes one step, leaving the others as they are. */
export function updateStep(
  form: ScenarioForm,
  index: number,
  change: (s: StepForm) => StepForm
): ScenarioForm {
  return { ...form, steps: form.steps.map((s, i) => (i === index ? change(s) : s)) }
}

/** Sets keys of the step itself (title, narration, event, expect…). */
export function patchStep(s: StepForm, patch: Partial<StepValue>): StepForm {
  return { ...s, step: { ...s.step, ...patch } }
}

/**
 * A new last step: an insert that answers Healthy and expects success, about the same record as
 * the step before it (its trans_id, form_id and form_name), since scenarios follow one record.
 */
export function addStep(form: ScenarioForm): ScenarioForm {
  const last = form.steps.at(-1)?.step.fields
  const record: BodyOverrides = {}
  if (last?.trans_id !== undefined) record.trans_id = last.trans_id
  if (last?.form_id !== undefined) record.form_id = last.form_id
  if (last?.form_name !== undefined) record.form_name = last.form_name
  const step: StepValue = {
    title: `Step ${form.steps.length + 1}`,
    narration: '',
    event: 'insert',
    ...(Object.keys(record).length > 0 ? { fields: record } : {}),
    behavior: { preset: 'Healthy' },
    pauseMs: 0,
    expect: { outcome: 'success' }
  }
  const key = Math.max(-1, ...form.steps.map((s) => s.key)) + 1
  return { ...form, steps: [...form.steps, stepToForm(step, key)] }
}

/** Removes a step; the last one stays, since a scenario has at least one. */
export function removeStep(form: ScenarioForm, index: number): ScenarioForm {
  if (form.steps.length <= 1) return form
  return { ...form, steps: form.steps.filter((_s, i) => i !== index) }
}

/** Moves a step one place up (-1) or down (+1); nothing happens at either end. */
export function moveStep(form: ScenarioForm, index: number, by: -1 | 1): ScenarioForm {
  const to = index + by
  if (index < 0 || index >= form.steps.length || to < 0 || to >= form.steps.length) return form
  const steps = [...form.steps]
  const [moved] = steps.splice(index, 1)
  steps.splice(to, 0, moved!)
  return { ...form, steps }
}

/** What the receiver select shows for a step. */
export function behaviorChoice(s: StepForm): BehaviorChoice {
  const b = s.step.behavior
  if (b === undefined) return ''
  return isCustom(b) ? 'custom' : b.preset
}

/**
 * Picks the step's receiver behaviour: none, a preset, or back to the custom behaviour it came
 * with. Only this replaces a custom behaviour.
 */
export function setBehaviorChoice(s: StepForm, choice: BehaviorChoice): StepForm {
  const { behavior: _b, ...rest } = s.step
  void _b
  if (choice === '') return { ...s, step: rest }
  if (choice === 'custom') {
    return s.customBehavior ? { ...s, step: { ...rest, behavior: s.customBehavior } } : s
  }
  return { ...s, step: { ...rest, behavior: { preset: choice } } }
}

const PRESET_OUTCOMES: Record<BehaviorPresetName, ScenarioExpect | null> = {
  Healthy: { outcome: 'success' },
  Slow: { outcome: 'success' },
  'Slower than timeout': { outcome: 'protocol-error', kind: 'timeout' },
  'Server error': { outcome: 'protocol-error', kind: 'http-status' },
  Unauthorized: { outcome: 'protocol-error', kind: 'http-status' },
  Drop: { outcome: 'protocol-error', kind: 'connection-reset' },
  Reset: { outcome: 'protocol-error', kind: 'connection-reset' },
  Hang: { outcome: 'protocol-error', kind: 'timeout' },
  Flaky: null
}

/**
 * What a TrialKit user usually sees with the step's behaviour on the built-in receiver (none
 * means Healthy), or null when it cannot be told (Flaky, a custom behaviour).
 */
export function likelyOutcome(s: StepForm): ScenarioExpect | null {
  const choice = behaviorChoice(s)
  if (choice === 'custom') return null
  return PRESET_OUTCOMES[choice === '' ? 'Healthy' : choice]
}

export function sameExpect(a: ScenarioExpect, b: ScenarioExpect): boolean {
  if (a.outcome === 'success' || b.outcome === 'success') return a.outcome === b.outcome
  return a.kind === b.kind
}

/**
 * Sets what the step expects. A pinned status is kept while the kind stays http-status (the one
 * `expect` gives, else the one typed) and dropped once it is not.
 */
export function setExpect(s: StepForm, expect: ScenarioExpect): StepForm {
  const given = pinnedStatus(expect)
  const statusText = !expectsHttpStatus(expect)
    ? ''
    : given !== undefined
      ? String(given)
      : expectsHttpStatus(s.step.expect)
        ? s.statusText
        : ''
  return { ...patchStep(s, { expect }), statusText }
}

/** Sets the kind of ProtocolError the step expects. */
export function setExpectKind(s: StepForm, kind: ProtocolErrorKind): StepForm {
  return setExpect(s, { outcome: 'protocol-error', kind })
}

/** Switches between success and a ProtocolError, whose kind is the likely one or http-status. */
export function setOutcome(s: StepForm, outcome: ScenarioExpect['outcome']): StepForm {
  if (outcome === s.step.expect.outcome) return s
  if (outcome === 'success') return setExpect(s, { outcome })
  const likely = likelyOutcome(s)
  const kind: ProtocolErrorKind = likely?.outcome === 'protocol-error' ? likely.kind : 'http-status'
  return setExpect(s, { outcome, kind })
}

export type RecordField = 'trans_id' | 'form_id' | 'form_name'

function withFields(s: StepForm, fields: BodyOverrides): StepForm {
  const { fields: _f, ...rest } = s.step
  void _f
  return {
    ...s,
    step: Object.keys(fields).length > 0 ? { ...s.step, fields } : rest
  }
}

/** Sets a body field the step overrides; empty text sends TrialKit's sample value instead. */
export function setRecordField(s: StepForm, name: RecordField, value: string): StepForm {
  const fields: BodyOverrides = { ...s.step.fields }
  if (value === '') delete fields[name]
  else fields[name] = value
  return withFields(s, fields)
}

/** Changes the review level the step sends (only keys given are touched). */
export function setReviewLevel(s: StepForm, patch: Partial<WorkflowLevel>): StepForm {
  return withFields(s, { ...s.step.fields, wf: { ...s.step.fields?.wf, ...patch } })
}

export function setLockBroken(s: StepForm, value: boolean): StepForm {
  return withFields(s, { ...s.step.fields, LockBroken: value })
}

/** A custom behaviour in a few words: "503, hang, 2000 ms, expects credentials". */
function describeCustomBehavior(b: CustomBehavior): string {
  const parts = [String(b.status)]
  if (b.fault !== NO_FAULT) parts.push(b.fault)
  if (b.delay.maxMs > 0) {
    parts.push(
      b.delay.minMs === b.delay.maxMs
        ? `${b.delay.minMs} ms`
        : `${b.delay.minMs}–${b.delay.maxMs} ms`
    )
  }
  if (b.failure.rate > 0) parts.push(`${Math.round(b.failure.rate * 100)}% failures`)
  if (b.expectedAuth) parts.push('expects credentials')
  if (Object.keys(b.overrides).length > 0) parts.push('per-event changes')
  if (b.forwardTo) parts.push(`forwards to ${b.forwardTo}`)
  return parts.join(', ')
}

/** What the step carries that the form keeps but does not edit, in words for the step's notes. */
export function keptNotes(s: StepForm): string[] {
  const notes: string[] = []
  const step = s.step
  if (step.rawBody !== undefined) {
    notes.push(
      `sends a raw body (${step.rawBody.length} characters) instead of the fields below; edit it in JSON`
    )
  }
  if (step.credentials) {
    notes.push(
      step.credentials.email === ''
        ? 'own credentials: sends no Authorization header'
        : `own credentials (${step.credentials.email})`
    )
  }
  if (isCustom(step.behavior)) {
    notes.push(`custom receiver behaviour (${describeCustomBehavior(step.behavior)})`)
  }
  const fields = step.fields
  if (fields?.wf_id !== undefined || fields?.wf_status !== undefined) {
    notes.push('sets the top-level wf_id or wf_status of the review body')
  }
  if (step.event !== 'review' && (fields?.wf !== undefined || fields?.LockBroken !== undefined)) {
    notes.push('keeps review-level fields, sent only with a review event')
  }
  return notes
}
