import { z } from 'zod'
import {
  buildEventBody,
  detectEvent,
  resolveFields,
  type BodyOverrides,
  type HookEvent
} from './trialkit'

/** The largest captured body kept as a hook's template. */
export const MAX_TEMPLATE_BYTES = 64 * 1024

/**
 * Per event, the body a hook fires instead of TrialKit's documented sample: the exact shape
 * (keys, their order, value types, extra keys) of a request the real TrialKit sent. Null: the
 * documented sample.
 */
export const EventTemplatesSchema = z
  .object({
    insert: z.string().max(MAX_TEMPLATE_BYTES).nullable().default(null),
    update: z.string().max(MAX_TEMPLATE_BYTES).nullable().default(null),
    review: z.string().max(MAX_TEMPLATE_BYTES).nullable().default(null)
  })
  .strict()
export type EventTemplates = z.infer<typeof EventTemplatesSchema>

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Why a body cannot be a template for this event, or null when it can. */
export function templateProblem(event: HookEvent, body: string): string | null {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return 'the body is not JSON'
  }
  if (detectEvent(json) !== event) return `the body is not a TrialKit ${event} event`
  return null
}

/** A value of the template's own type: TrialKit may send "10" where the docs say 10. */
function likeTemplate(template: unknown, value: string | number | boolean): unknown {
  if (typeof template === 'string') return String(value)
  if (typeof template === 'number') {
    const n = Number(value)
    return Number.isFinite(n) ? n : value
  }
  if (typeof template === 'boolean' && typeof value !== 'boolean') return value === 'true'
  return value
}

function setKnown(target: JsonObject, key: string, value: string | number | boolean): void {
  if (Object.prototype.hasOwnProperty.call(target, key)) {
    target[key] = likeTemplate(target[key], value)
  }
}

/**
 * The body to fire from a captured template: the template's keys in its order and its value
 * types, with the composer's values in the fields TrialKit documents (trans_id, form_id,
 * form_name, the review level and LockBroken). Keys TrialKit sent beyond the docs keep their
 * captured values. A template that is not this event's JSON falls back to the documented body.
 */
export function bodyFromTemplate(
  event: HookEvent,
  template: string | null | undefined,
  overrides: BodyOverrides = {}
): string {
  if (template === null || template === undefined || templateProblem(event, template) !== null) {
    return buildEventBody(event, overrides)
  }
  const body = JSON.parse(template) as JsonObject
  const f = resolveFields(event, overrides)
  setKnown(body, 'trans_id', f.trans_id)
  setKnown(body, 'form_id', f.form_id)
  setKnown(body, 'form_name', f.form_name)
  if (event === 'review') {
    setKnown(body, 'wf_id', overrides.wf_id ?? f.wf.wf_id)
    setKnown(body, 'wf_status', overrides.wf_status ?? f.wf.wf_status)
    setKnown(body, 'LockBroken', f.LockBroken)
    if (isObject(body.wf_object)) {
      const wf = body.wf_object
      for (const [key, value] of Object.entries(f.wf)) setKnown(wf, key, value)
    }
  }
  return JSON.stringify(body)
}
