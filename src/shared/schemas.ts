import { z } from 'zod'
import { checkHookUrl } from './hook-url'
import { BEHAVIOR_PRESET_NAMES } from './preset-names'
import {
  HistoryMaxBytesSchema,
  ReceiverConfigSchema,
  ReceiverStatusSchema,
  PreferencesSchema
} from './receiver-schemas'
import {
  HookEventSchema,
  ProtocolErrorKindSchema,
  FaultSchema,
  HeaderListSchema,
  IdSchema
} from './wire-schemas'
import { EventTemplatesSchema } from './event-template'
import type { Same } from './same-type'
import type { BodyOverrides, WorkflowLevel } from './trialkit'

/**
 * Runtime schemas for everything that crosses a boundary (IPC, the HTTP control API, CLI flags,
 * files on disk). Types are inferred from them so the two can never drift apart.
 */

export * from './wire-schemas'
export * from './receiver-schemas'
export * from './history-schemas'

// ---------------------------------------------------------------------------------------------
// Study hooks

export const HOOK_TIMEOUT_MIN_S = 1
export const HOOK_TIMEOUT_MAX_S = 300
export const HOOK_TIMEOUT_DEFAULT_S = 30

/** The hook timeout rule in words, for every message that states it (forms, CLI help, API). */
export const TIMEOUT_SECONDS_RULE = `a whole number of seconds, ${HOOK_TIMEOUT_MIN_S} to ${HOOK_TIMEOUT_MAX_S}`

/** A hook timeout in whole seconds, within what TrialKit's study settings allow. */
export const TimeoutSecondsSchema = z
  .number({ error: TIMEOUT_SECONDS_RULE })
  .int(TIMEOUT_SECONDS_RULE)
  .min(HOOK_TIMEOUT_MIN_S, TIMEOUT_SECONDS_RULE)
  .max(HOOK_TIMEOUT_MAX_S, TIMEOUT_SECONDS_RULE)

/** The hook timeout nearest a timeout in milliseconds (a recorded exchange's), within bounds. */
export function timeoutSecondsOf(ms: number): number {
  return Math.min(Math.max(Math.round(ms / 1000), HOOK_TIMEOUT_MIN_S), HOOK_TIMEOUT_MAX_S)
}

/** A study hook as configured in TrialKit's study settings, plus local options. */
export const HookConfigSchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  url: z.string().trim().min(1, 'must not be empty').max(4096),
  email: z.string().max(320).default(''),
  password: z.string().max(1024).default(''),
  timeoutSeconds: TimeoutSecondsSchema.default(HOOK_TIMEOUT_DEFAULT_S),
  insecureTls: z.boolean().default(false),
  enabled: z.boolean().default(true),
  /** Per event, a captured body whose shape this hook fires instead of the documented one. */
  templates: EventTemplatesSchema.optional()
})
export type HookConfig = z.infer<typeof HookConfigSchema>

/** A hook to create (no id) or update (with id). */
export const HookDraftSchema = HookConfigSchema.extend({ id: IdSchema.optional() })
export type HookDraft = z.input<typeof HookDraftSchema>

// ---------------------------------------------------------------------------------------------
// Event bodies

export const WorkflowLevelSchema = z.object({
  wf_id: z.number().int(),
  wf_seq: z.number().int(),
  wf_name: z.string().max(500),
  wf_role1: z.number().int(),
  wf_role2: z.number().int(),
  wf_role3: z.number().int(),
  wf_fl: z.boolean(),
  wf_lock: z.boolean(),
  wf_sign: z.boolean(),
  wf_soft: z.boolean(),
  wf_status: z.number().int(),
  wf_desc: z.string().max(2000)
})

export const BodyOverridesSchema = z
  .object({
    trans_id: z.string().max(200),
    form_id: z.string().max(200),
    form_name: z.string().max(500),
    wf: WorkflowLevelSchema.partial(),
    wf_id: z.number().int(),
    wf_status: z.number().int(),
    LockBroken: z.boolean()
  })
  .partial()
  .strict()

// trialkit.ts writes these two types by hand (it builds bodies without zod); they stay equal to
// the schemas' or this fails to compile.
const workflowLevelTied: Same<z.output<typeof WorkflowLevelSchema>, WorkflowLevel> = true
const bodyOverridesTied: Same<z.output<typeof BodyOverridesSchema>, BodyOverrides> = true
void workflowLevelTied
void bodyOverridesTied

export const MAX_RAW_BODY_BYTES = 5 * 1024 * 1024

/** What to fire: a hook (saved, by id, or inline), an event, and its fields or a raw body. */
export const FireRequestSchema = z
  .object({
    hookId: IdSchema.optional(),
    hook: HookDraftSchema.optional(),
    event: HookEventSchema,
    fields: BodyOverridesSchema.optional(),
    /** The escape hatch: sent verbatim instead of the built body. */
    rawBody: z.string().max(MAX_RAW_BODY_BYTES).optional(),
    /** The exchange or capture this one re-sends, when it is a replay. */
    replayOf: IdSchema.optional(),
    /** What asks for it, shown in the timeline: a scenario step (default: a plain fire). */
    origin: z.enum(['fire', 'scenario']).optional(),
    /**
     * The id the exchange gets, chosen by the caller so it can abort it before the engine has
     * announced it (default: a new id).
     */
    exchangeId: IdSchema.optional()
  })
  .strict()
  .refine((r) => (r.hookId === undefined) !== (r.hook === undefined), {
    message: 'give exactly one of hookId or hook',
    path: ['hookId']
  })
export type FireRequest = z.input<typeof FireRequestSchema>

// ---------------------------------------------------------------------------------------------
// Receiver behaviour

/** The HTTP status rule in words, for the receiver's answers and a scenario's expectation. */
export const STATUS_RULE = 'must be an HTTP status, a whole number from 100 to 599'
export const StatusCodeSchema = z
  .number({ error: STATUS_RULE })
  .int(STATUS_RULE)
  .min(100, STATUS_RULE)
  .max(599, STATUS_RULE)

/** The longest delay the receiver waits before answering. */
export const DELAY_MAX_MS = 600_000
const DELAY_RULE = `must be a whole number of milliseconds from 0 to ${DELAY_MAX_MS}`
const DelayMsSchema = z
  .number({ error: DELAY_RULE })
  .int(DELAY_RULE)
  .min(0, DELAY_RULE)
  .max(DELAY_MAX_MS, DELAY_RULE)
export const DelaySchema = z
  .object({
    minMs: DelayMsSchema,
    /** Equal to minMs for a fixed delay; above it for a random delay in [minMs, maxMs]. */
    maxMs: DelayMsSchema
  })
  .refine((d) => d.maxMs >= d.minMs, { message: 'must not be below minMs', path: ['maxMs'] })
export type Delay = z.infer<typeof DelaySchema>

/** TrialKit sends no Authorization without an email: a password alone is a mistake. */
export const NO_CREDENTIALS_WITHOUT_EMAIL = 'TrialKit sends no credentials without an email'

/** Whether the credentials are ones TrialKit would send (a password only with an email). */
export function credentialsSendable(c: { email: string; password: string }): boolean {
  return c.email !== '' || c.password === ''
}

export const CredentialsSchema = z.object({
  email: z.string().max(320),
  password: z.string().max(1024)
})

const BehaviorCoreSchema = z.object({
  status: StatusCodeSchema,
  headers: HeaderListSchema,
  body: z.string().max(MAX_RAW_BODY_BYTES),
  delay: DelaySchema,
  fault: FaultSchema
})

export const BehaviorOverrideSchema = BehaviorCoreSchema.partial().strict()
export type BehaviorOverride = z.infer<typeof BehaviorOverrideSchema>

/** How the embedded receiver answers. Applies to the next request as soon as it is set. */
export const BehaviorSchema = BehaviorCoreSchema.extend({
  /** When set, requests without exactly these Basic credentials get 401 + WWW-Authenticate. */
  expectedAuth: CredentialsSchema.nullable(),
  /** A share of requests (0–1) answered with `failure` instead, chosen at random. */
  failure: z.object({
    rate: z.number().min(0).max(1),
    status: StatusCodeSchema,
    fault: FaultSchema
  }),
  /** Per-event changes, e.g. only review events fail. */
  overrides: z.partialRecord(HookEventSchema, BehaviorOverrideSchema),
  /** The preset this behaviour was made from, when unchanged since. */
  preset: z.string().max(100).nullable(),
  /**
   * Forwarding (receiver in the middle): every captured request is also sent to this absolute
   * http(s) URL and the caller gets the target's answer; null answers from this behaviour.
   */
  forwardTo: z
    .string()
    .trim()
    .max(4096)
    .refine((url) => checkHookUrl(url).ok, {
      message: 'must be an absolute http:// or https:// URL without credentials'
    })
    .nullable()
    .default(null)
}).strict()
export type Behavior = z.infer<typeof BehaviorSchema>

// ---------------------------------------------------------------------------------------------
// Settings

// ---------------------------------------------------------------------------------------------
// Scenarios (a record's life, played step by step)

/**
 * What a step expects: the TrialKit user saw "saved", or a ProtocolError of this kind; an
 * `http-status` one may also pin the status (e.g. 401).
 */
export const ScenarioExpectSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('success') }).strict(),
  z
    .object({
      outcome: z.literal('protocol-error'),
      kind: ProtocolErrorKindSchema,
      status: StatusCodeSchema.optional()
    })
    .strict()
    .refine((e) => e.status === undefined || e.kind === 'http-status', {
      message: 'a status can only be expected with the kind "http-status"',
      path: ['status']
    })
])
export type ScenarioExpect = z.infer<typeof ScenarioExpectSchema>

/** A behaviour for the built-in receiver: a preset by name, or a whole behaviour. */
export const ScenarioBehaviorSchema = z.union([
  z.object({ preset: z.enum(BEHAVIOR_PRESET_NAMES) }).strict(),
  BehaviorSchema
])
export type ScenarioBehavior = z.infer<typeof ScenarioBehaviorSchema>

export const ScenarioStepSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(200),
    /** What the presenter says at this step. */
    narration: z.string().max(5000).default(''),
    event: HookEventSchema,
    fields: BodyOverridesSchema.optional(),
    /** Sent verbatim instead of the built body (e.g. a malformed one). */
    rawBody: z.string().max(MAX_RAW_BODY_BYTES).optional(),
    /** Applied to the built-in receiver before the step; ignored against an external URL. */
    behavior: ScenarioBehaviorSchema.optional(),
    /** Credentials sent at this step instead of the scenario's (e.g. wrong ones). */
    credentials: CredentialsSchema.optional(),
    /** Hook timeout at this step instead of the scenario's. */
    timeoutSeconds: TimeoutSecondsSchema.optional(),
    /** Wait before the step, in run-all mode. */
    pauseMs: z.number().int().min(0).max(600_000).default(0),
    expect: ScenarioExpectSchema
  })
  .strict()
export type ScenarioStep = z.infer<typeof ScenarioStepSchema>

export const ScenarioSchema = z
  .object({
    id: IdSchema,
    name: z.string().trim().min(1, 'must not be empty').max(200),
    description: z.string().max(5000).default(''),
    /** Hook timeout of every step unless the step sets its own. */
    timeoutSeconds: TimeoutSecondsSchema.default(HOOK_TIMEOUT_DEFAULT_S),
    /** Credentials of every step unless the step sets its own. */
    credentials: CredentialsSchema.optional(),
    steps: z.array(ScenarioStepSchema).min(1, 'must have at least one step').max(100)
  })
  .strict()
export type Scenario = z.infer<typeof ScenarioSchema>
export const ScenarioDraftSchema = ScenarioSchema.extend({ id: IdSchema.optional() })
export type ScenarioDraft = z.input<typeof ScenarioDraftSchema>
export const MAX_SCENARIOS = 200

// ---------------------------------------------------------------------------------------------
// Settings

export const SETTINGS_VERSION = 1
/** The settings file: hooks are stored without passwords (those live in the secret store). */
export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  hooks: z.array(HookConfigSchema).max(1000),
  behavior: BehaviorSchema,
  receiver: ReceiverConfigSchema,
  preferences: PreferencesSchema,
  /** The user's own scenarios (the built-in ones are not stored). */
  scenarios: z.array(ScenarioSchema).max(MAX_SCENARIOS).default([])
})
export type Settings = z.infer<typeof SettingsSchema>

export const NoticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string()
})
export type Notice = z.infer<typeof NoticeSchema>

export const AppInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string().nullable(),
  /** Whether hook passwords are persisted (encrypted or owner-only); false = memory only. */
  secretsPersisted: z.boolean(),
  /** Whether history is written to disk; false when the data dir is not writable. */
  historyPersisted: z.boolean(),
  receiver: ReceiverStatusSchema,
  notices: z.array(NoticeSchema)
})
export type AppInfo = z.infer<typeof AppInfoSchema>

export const HistoryQuerySchema = z
  .object({
    /** Newest first; at most this many. */
    limit: z.number().int().min(1).max(100_000).default(100_000),
    /** Skip this many of the newest first (paging). */
    offset: z.number().int().min(0).max(10_000_000).default(0)
  })
  .strict()
export type HistoryQuery = z.input<typeof HistoryQuerySchema>

// The budget without its default: a patch that leaves it out leaves it as it is.
export const PreferencesPatchSchema = PreferencesSchema.extend({
  historyMaxBytes: HistoryMaxBytesSchema
})
  .partial()
  .strict()
export const StartReceiverSchema = ReceiverConfigSchema.partial().strict()
