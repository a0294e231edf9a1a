/**
 * The TrialKit study-hook wire format: the exact JSON bodies TrialKit POSTs for insert, update and
 * review events. Key order and value types matter to receivers that compare bytes or signatures,
 * so bodies are assembled by hand from ordered fields rather than from arbitrary objects.
 */

export const HOOK_EVENTS = ['insert', 'update', 'review'] as const
export type HookEvent = (typeof HOOK_EVENTS)[number]

/** The workflow (review level) object TrialKit embeds in review events. */
export interface WorkflowLevel {
  wf_id: number
  wf_seq: number
  wf_name: string
  wf_role1: number
  wf_role2: number
  wf_role3: number
  wf_fl: boolean
  wf_lock: boolean
  wf_sign: boolean
  wf_soft: boolean
  wf_status: number
  wf_desc: string
}

/** Every field an event body can carry; insert and update use the first three only. */
export interface EventFields {
  trans_id: string
  form_id: string
  form_name: string
  wf: WorkflowLevel
  LockBroken: boolean
}

/** Review levels use form statuses 10–14: level n has status 9 + n. */
export const REVIEW_STATUS_MIN = 10
export const REVIEW_STATUS_MAX = 14
export const MAX_REVIEW_LEVELS = 5

/** TrialKit's own sample values (its "Hook Into Events" help article). */
export const SAMPLE_FIELDS: EventFields = {
  trans_id: '436',
  form_id: '319',
  form_name: 'Sample Form',
  wf: {
    wf_id: 1,
    wf_seq: 1,
    wf_name: 'Monitor Review',
    wf_role1: 4,
    wf_role2: -1,
    wf_role3: -1,
    wf_fl: true,
    wf_lock: true,
    wf_sign: false,
    wf_soft: false,
    wf_status: 10,
    wf_desc: 'Monitor Review'
  },
  LockBroken: false
}

/** The sample trans_id differs per event in TrialKit's article (436 for inserts, 435 otherwise). */
export function sampleFields(event: HookEvent): EventFields {
  return {
    ...SAMPLE_FIELDS,
    trans_id: event === 'insert' ? '436' : '435',
    wf: { ...SAMPLE_FIELDS.wf }
  }
}

const LEVEL_NAMES = [
  'Monitor Review',
  'Data Manager Review',
  'Medical Review',
  'Sponsor Review',
  'Final Sign-off'
]

/**
 * A plausible review level n (1–5): status 9 + n, order n, the later levels locking and the last
 * one signing. Soft review is only allowed on the first level in TrialKit.
 */
export function reviewLevelPreset(level: number): WorkflowLevel {
  const n = Math.min(Math.max(Math.trunc(level), 1), MAX_REVIEW_LEVELS)
  const name = LEVEL_NAMES[n - 1] ?? `Review ${n}`
  return {
    wf_id: n,
    wf_seq: n,
    wf_name: name,
    wf_role1: 3 + n,
    wf_role2: -1,
    wf_role3: -1,
    wf_fl: n === 1,
    wf_lock: true,
    wf_sign: n === MAX_REVIEW_LEVELS,
    wf_soft: false,
    wf_status: REVIEW_STATUS_MIN + n - 1,
    wf_desc: name
  }
}

const str = (v: string): string => JSON.stringify(v)
const num = (v: number): string => JSON.stringify(v)
const bool = (v: boolean): string => (v ? 'true' : 'false')

function workflowJson(wf: WorkflowLevel): string {
  return (
    `{"wf_id":${num(wf.wf_id)},"wf_seq":${num(wf.wf_seq)},"wf_name":${str(wf.wf_name)},` +
    `"wf_role1":${num(wf.wf_role1)},"wf_role2":${num(wf.wf_role2)},"wf_role3":${num(wf.wf_role3)},` +
    `"wf_fl":${bool(wf.wf_fl)},"wf_lock":${bool(wf.wf_lock)},"wf_sign":${bool(wf.wf_sign)},` +
    `"wf_soft":${bool(wf.wf_soft)},"wf_status":${num(wf.wf_status)},"wf_desc":${str(wf.wf_desc)}}`
  )
}

export interface BodyOverrides {
  trans_id?: string
  form_id?: string
  form_name?: string
  wf?: Partial<WorkflowLevel>
  /** Top-level `wf_id` of a review body; defaults to `wf.wf_id`. */
  wf_id?: number
  /** Top-level `wf_status` of a review body; defaults to `wf.wf_status`. */
  wf_status?: number
  LockBroken?: boolean
}

/** Merges overrides into the event's sample fields. */
export function resolveFields(event: HookEvent, overrides: BodyOverrides = {}): EventFields {
  const base = sampleFields(event)
  return {
    trans_id: overrides.trans_id ?? base.trans_id,
    form_id: overrides.form_id ?? base.form_id,
    form_name: overrides.form_name ?? base.form_name,
    wf: { ...base.wf, ...overrides.wf },
    LockBroken: overrides.LockBroken ?? base.LockBroken
  }
}

/**
 * The exact body TrialKit sends for an event: compact JSON, keys in TrialKit's order. Review bodies
 * repeat `wf_id` and `wf_status` at the top level, as TrialKit does.
 */
export function buildEventBody(event: HookEvent, overrides: BodyOverrides = {}): string {
  const f = resolveFields(event, overrides)
  const head = `{"trans_id":${str(f.trans_id)},"form_id":${str(f.form_id)},"form_name":${str(f.form_name)}`
  switch (event) {
    case 'insert':
      return `${head},"OnInsert":true}`
    case 'update':
      return `${head},"OnUpdate":true}`
    case 'review':
      return (
        `${head},"OnReview":true,"wf_id":${num(overrides.wf_id ?? f.wf.wf_id)},` +
        `"wf_object":${workflowJson(f.wf)},"wf_status":${num(overrides.wf_status ?? f.wf.wf_status)},` +
        `"LockBroken":${bool(f.LockBroken)}}`
      )
  }
}

/**
 * Which TrialKit event a received body is, judged the way a receiver would: a JSON object with
 * `OnInsert`, `OnUpdate` or `OnReview` set to true. Anything else is not a TrialKit event.
 */
export function detectEvent(json: unknown): HookEvent | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null
  const o = json as Record<string, unknown>
  if (o.OnReview === true) return 'review'
  if (o.OnUpdate === true) return 'update'
  if (o.OnInsert === true) return 'insert'
  return null
}
