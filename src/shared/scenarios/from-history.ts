import { base64ToBytes, utf8Decode } from '../bytes'
import { FAULT_TABLE } from '../faults'
import type { Capture, Exchange } from '../history-schemas'
import {
  HOOK_TIMEOUT_DEFAULT_S,
  timeoutSecondsOf,
  type ScenarioDraft,
  type ScenarioExpect,
  type ScenarioStep
} from '../schemas'
import { buildEventBody, detectEvent, type BodyOverrides, type HookEvent } from '../trialkit'
import { ValidationError } from '../validation'

/** A step as a scenario draft takes it (defaults such as narration filled in by the schema). */
export type StepDraft = Omit<ScenarioStep, 'narration' | 'pauseMs'> &
  Partial<Pick<ScenarioStep, 'narration' | 'pauseMs'>>

/** What the TrialKit user saw for an exchange: saved, or the ProtocolError (with its status). */
function exchangeExpect(ex: Exchange): ScenarioExpect | null {
  if (ex.error === null) return { outcome: 'success' }
  if (ex.error.kind === 'aborted') return null
  if (ex.error.kind === 'http-status' && ex.response) {
    return { outcome: 'protocol-error', kind: 'http-status', status: ex.response.status }
  }
  return { outcome: 'protocol-error', kind: ex.error.kind }
}

/**
 * What a caller waiting as TrialKit does got from the receiver's answer to a capture: a whole
 * 2xx is success, another status an http-status error, a drop or reset a reset connection, and
 * no answer at all (a hang, a caller that left) a timeout.
 */
function captureExpect(c: Capture): ScenarioExpect {
  const { status, fault } = c.response
  const instead = FAULT_TABLE[fault].instead
  if (c.unfinished !== undefined || instead === 'hold') {
    return { outcome: 'protocol-error', kind: 'timeout' }
  }
  if (instead === 'close' || instead === 'reset') {
    return { outcome: 'protocol-error', kind: 'connection-reset' }
  }
  if (status >= 200 && status < 300) return { outcome: 'success' }
  return { outcome: 'protocol-error', kind: 'http-status', status }
}

function captureBody(c: Capture): string {
  const bytes = base64ToBytes(c.bodyBase64)
  if (c.truncated || !bytes) {
    throw new ValidationError(
      `The capture "${c.id}" kept only part of its body, so it cannot become a scenario step.`,
      'entries'
    )
  }
  try {
    return utf8Decode(bytes, true)
  } catch {
    throw new ValidationError(
      `The capture "${c.id}" has a body that is not UTF-8 text, so it cannot become a scenario step.`,
      'entries'
    )
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const int = (v: unknown): number | undefined => (Number.isInteger(v) ? (v as number) : undefined)

/**
 * The fields a body was built from, when building the event from them gives back these exact
 * bytes; null when it was not built that way (then the step sends it verbatim as rawBody).
 */
export function fieldsOfBody(event: HookEvent, body: string): BodyOverrides | null {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return null
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null
  const o = json as Record<string, unknown>
  const fields: BodyOverrides = {}
  const trans = str(o.trans_id)
  const form = str(o.form_id)
  const name = str(o.form_name)
  if (trans !== undefined) fields.trans_id = trans
  if (form !== undefined) fields.form_id = form
  if (name !== undefined) fields.form_name = name
  if (event === 'review') {
    const wf = o.wf_object
    if (wf !== null && typeof wf === 'object' && !Array.isArray(wf)) {
      const w = wf as Record<string, unknown>
      fields.wf = {
        wf_id: int(w.wf_id),
        wf_seq: int(w.wf_seq),
        wf_name: str(w.wf_name),
        wf_role1: int(w.wf_role1),
        wf_role2: int(w.wf_role2),
        wf_role3: int(w.wf_role3),
        wf_fl: typeof w.wf_fl === 'boolean' ? w.wf_fl : undefined,
        wf_lock: typeof w.wf_lock === 'boolean' ? w.wf_lock : undefined,
        wf_sign: typeof w.wf_sign === 'boolean' ? w.wf_sign : undefined,
        wf_soft: typeof w.wf_soft === 'boolean' ? w.wf_soft : undefined,
        wf_status: int(w.wf_status),
        wf_desc: str(w.wf_desc)
      }
      fields.wf = Object.fromEntries(
        Object.entries(fields.wf).filter(([, v]) => v !== undefined)
      ) as BodyOverrides['wf']
    }
    const wfId = int(o.wf_id)
    const wfStatus = int(o.wf_status)
    if (wfId !== undefined) fields.wf_id = wfId
    if (wfStatus !== undefined) fields.wf_status = wfStatus
    if (typeof o.LockBroken === 'boolean') fields.LockBroken = o.LockBroken
  }
  return buildEventBody(event, fields) === body ? fields : null
}

/**
 * One step that plays an entry again: its event, its body (as fields when it was built from
 * them, else verbatim) and, as its expectation, the outcome it had. Null for an aborted exchange:
 * it has no outcome to expect.
 */
export function stepOfEntry(entry: Exchange | Capture): StepDraft | null {
  const body = entry.type === 'exchange' ? entry.request.body : captureBody(entry)
  const expect = entry.type === 'exchange' ? exchangeExpect(entry) : captureExpect(entry)
  if (expect === null) return null
  let event: HookEvent
  if (entry.type === 'exchange') event = entry.event
  else {
    let json: unknown = null
    try {
      json = JSON.parse(body)
    } catch {
      // Not JSON: sent verbatim, as an insert, as the receiver could not tell.
    }
    event = entry.event ?? detectEvent(json) ?? 'insert'
  }
  const fields = fieldsOfBody(event, body)
  const where =
    entry.type === 'exchange'
      ? `sent to ${entry.request.url} at ${entry.startedAt}`
      : `received on ${entry.method} ${entry.path} at ${entry.receivedAt}`
  return {
    title: `${event} (${entry.id})`,
    narration: `As ${entry.id}, ${where}.`,
    event,
    ...(fields ? { fields } : { rawBody: body }),
    ...(entry.type === 'exchange' ? { timeoutSeconds: timeoutSecondsOf(entry.timeoutMs) } : {}),
    expect
  }
}

/**
 * A scenario that replays entries from the history, in the order given (a customer's sequence,
 * oldest first), so it can be run again against a fixed endpoint. Credentials are not copied:
 * they belong to the endpoint it is run against, not to the file that is shared.
 */
export function scenarioFromEntries(
  name: string,
  entries: readonly (Exchange | Capture)[]
): { draft: ScenarioDraft; skipped: string[] } {
  const steps: StepDraft[] = []
  const skipped: string[] = []
  for (const entry of entries) {
    const step = stepOfEntry(entry)
    if (step) steps.push(step)
    else skipped.push(entry.id)
  }
  if (steps.length === 0) {
    throw new ValidationError('None of the selected rows has an outcome to replay.', 'entries')
  }
  return {
    draft: {
      name,
      description: `Made from ${steps.length} timeline ${steps.length === 1 ? 'row' : 'rows'}.`,
      timeoutSeconds: HOOK_TIMEOUT_DEFAULT_S,
      steps
    },
    skipped
  }
}
