import { z } from 'zod'
import { checkHookUrl } from './hook-url'
import { BEHAVIOR_PRESET_NAMES } from './preset-names'
import { ReceiverConfigSchema, ReceiverStatusSchema, PreferencesSchema } from './receiver-schemas'
import {
  HookEventSchema,
  ProtocolErrorKindSchema,
  ExchangeErrorKindSchema,
  FaultSchema,
  HeaderListSchema
} from './wire-schemas'
import { DocDifferenceSchema } from './doc-diff'
import { EventTemplatesSchema } from './event-template'

/**
 * Runtime schemas for everything that crosses a boundary (IPC, the HTTP control API, CLI flags,
 * files on disk). Types are inferred from them so the two can never drift apart.
 */

export * from './wire-schemas'
export * from './receiver-schemas'

// ---------------------------------------------------------------------------------------------
// Study hooks

export const HOOK_TIMEOUT_MIN_S = 1
export const HOOK_TIMEOUT_MAX_S = 300
export const HOOK_TIMEOUT_DEFAULT_S = 30

export const IdSchema = z.string().min(1).max(100)

/** A study hook as configured in TrialKit's study settings, plus local options. */
export const HookConfigSchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  url: z.string().trim().min(1, 'must not be empty').max(4096),
  email: z.string().max(320).default(''),
  password: z.string().max(1024).default(''),
  timeoutSeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(HOOK_TIMEOUT_MIN_S)
    .max(HOOK_TIMEOUT_MAX_S)
    .default(HOOK_TIMEOUT_DEFAULT_S),
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
    origin: z.enum(['fire', 'scenario']).optional()
  })
  .strict()
  .refine((r) => (r.hookId === undefined) !== (r.hook === undefined), {
    message: 'give exactly one of hookId or hook',
    path: ['hookId']
  })
export type FireRequest = z.input<typeof FireRequestSchema>

/** The request exactly as it goes on the wire (what the preview shows). */
export const WireRequestSchema = z.object({
  /** POST for everything TrialKit sends; a forwarding leg keeps the caller's method. */
  method: z.string(),
  url: z.string(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
  bodySize: z.number().int().nonnegative()
})
export type WireRequest = z.infer<typeof WireRequestSchema>

// ---------------------------------------------------------------------------------------------
// Receiver behaviour

export const StatusCodeSchema = z.number().int().min(100).max(599)
export const DelaySchema = z
  .object({
    minMs: z.number().int().min(0).max(600_000),
    /** Equal to minMs for a fixed delay; above it for a random delay in [minMs, maxMs]. */
    maxMs: z.number().int().min(0).max(600_000)
  })
  .refine((d) => d.maxMs >= d.minMs, { message: 'must not be below minMs', path: ['maxMs'] })
export type Delay = z.infer<typeof DelaySchema>

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
// Exchanges (the dispatcher's side) and captures (the receiver's side)

export const TimingsSchema = z.object({
  connectMs: z.number().nullable(),
  firstByteMs: z.number().nullable(),
  totalMs: z.number()
})
export type Timings = z.infer<typeof TimingsSchema>

export const CapturedBodySchema = z.object({
  /** The bytes kept (up to the cap), base64. */
  bodyBase64: z.string(),
  /** The true size of the body in bytes, even when truncated. */
  bodySize: z.number().int().nonnegative(),
  truncated: z.boolean()
})

export const ExchangeResponseSchema = CapturedBodySchema.extend({
  status: z.number().int(),
  statusText: z.string(),
  headers: z.array(z.tuple([z.string(), z.string()]))
})
export type ExchangeResponse = z.infer<typeof ExchangeResponseSchema>

export const ExchangeErrorSchema = z.object({
  kind: ExchangeErrorKindSchema,
  message: z.string()
})
export type ExchangeError = z.infer<typeof ExchangeErrorSchema>

/** Which file an imported entry came from, and when it was imported. */
export const ImportedFromSchema = z
  .object({ file: z.string().max(1024), at: z.string().max(64) })
  .strict()
export type ImportedFrom = z.infer<typeof ImportedFromSchema>

export const ExchangeSchema = z.object({
  type: z.literal('exchange'),
  id: IdSchema,
  state: z.enum(['pending', 'done']),
  startedAt: z.string(),
  hookId: z.string().nullable(),
  hookName: z.string(),
  event: HookEventSchema,
  request: WireRequestSchema,
  response: ExchangeResponseSchema.nullable(),
  /** null while pending and on success; the one ProtocolError kind otherwise. */
  error: ExchangeErrorSchema.nullable(),
  timings: TimingsSchema,
  timeoutMs: z.number().int(),
  /** The capture of this request on the embedded receiver, when it landed there. */
  captureId: z.string().nullable(),
  replayOf: z.string().nullable(),
  /** What made it; absent means a fire from the composer, CLI or API. */
  origin: z
    .enum(['fire', 'replay', 'check', 'scenario', 'forward', 'import', 'capacity'])
    .optional(),
  /** For a forwarding leg: the capture whose request it forwarded. */
  forwardOf: z.string().nullable().optional(),
  /** What a readiness-check probe sent on purpose (e.g. "bad input: malformed JSON"). */
  probe: z.string().max(200).optional(),
  /** True for an entry read from an imported file (HAR or bundle): shown, not live. */
  imported: z.boolean().optional(),
  /** True while the entry is only in memory: writing it to the history file failed. */
  notSaved: z.literal(true).optional(),
  importedFrom: ImportedFromSchema.optional()
})
export type Exchange = z.infer<typeof ExchangeSchema>

export const AuthInfoSchema = z.object({
  scheme: z.string(),
  email: z.string().nullable(),
  password: z.string().nullable(),
  base64Valid: z.boolean(),
  /** Set when the bytes were not UTF-8 and were read as Latin-1. */
  charset: z.literal('latin1').optional(),
  /** null when the behaviour expects no credentials. */
  matchesExpected: z.boolean().nullable()
})
export type AuthInfo = z.infer<typeof AuthInfoSchema>

export const CaptureSchema = CapturedBodySchema.extend({
  type: z.literal('capture'),
  id: IdSchema,
  receivedAt: z.string(),
  method: z.string(),
  path: z.string(),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  httpVersion: z.string(),
  /** Headers as sent: names as cased on the wire, order and duplicates kept. */
  headers: z.array(z.tuple([z.string(), z.string()])),
  json: z.unknown(),
  jsonError: z.string().nullable(),
  auth: AuthInfoSchema.nullable(),
  event: HookEventSchema.nullable(),
  /** For a TrialKit event: how it differs from TrialKit's documented sample (empty: matches). */
  docDiff: z.array(DocDifferenceSchema).nullable().optional(),
  response: z.object({
    status: z.number().int(),
    delayMs: z.number().int(),
    fault: FaultSchema
  }),
  /**
   * The headers and body the receiver answered with (the body kept up to the cap); absent when
   * it sent nothing back (hang, drop, reset) and in captures recorded before it was kept.
   */
  answer: z
    .object({
      headers: z.array(z.tuple([z.string(), z.string()])),
      bodyBase64: z.string(),
      bodySize: z.number().int().nonnegative()
    })
    .optional(),
  remoteAddress: z.string(),
  remotePort: z.number().int(),
  /** The dispatcher's exchange that sent this request, when it came from this app. */
  exchangeId: z.string().nullable(),
  /** When the receiver forwarded it: where to, the forwarding exchange, and why it failed. */
  forward: z
    .object({
      url: z.string(),
      exchangeId: z.string().nullable(),
      error: z.string().nullable()
    })
    .nullable()
    .optional(),
  /** True for an entry read from an imported file (HAR or bundle): shown, not live. */
  imported: z.boolean().optional(),
  /** True while the entry is only in memory: writing it to the history file failed. */
  notSaved: z.literal(true).optional(),
  /**
   * A body sent with Content-Encoding (gzip, deflate, br), decoded for reading; bodyBase64 keeps
   * the bytes as received. `error` says why it could not be decoded.
   */
  decoded: CapturedBodySchema.extend({
    encoding: z.string(),
    error: z.string().nullable()
  }).optional(),
  importedFrom: ImportedFromSchema.optional()
})
export type Capture = z.infer<typeof CaptureSchema>

/** One concurrency level of a capacity check; latencies over every answered or failed request. */
export const CapacityStepSchema = z.object({
  concurrency: z.number().int(),
  sent: z.number().int(),
  /** 2xx within the timeout. */
  ok: z.number().int(),
  protocolErrors: z.number().int(),
  /** ProtocolErrors by kind, e.g. `{ "timeout": 38 }`. */
  byKind: z.record(z.string(), z.number().int()),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  maxMs: z.number().nullable()
})
export type CapacityStep = z.infer<typeof CapacityStepSchema>

/** A capacity check as one history entry: its report and a capped sample of its exchanges. */
export const CapacityRunSchema = z.object({
  type: z.literal('capacity'),
  id: IdSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  url: z.string(),
  event: HookEventSchema,
  timeoutMs: z.number().int(),
  levels: z.array(z.number().int()),
  steps: z.array(CapacityStepSchema),
  capacity: z.number().int(),
  summary: z.string(),
  /** Why it ended before the last level: stopped by the user, or a level where all failed. */
  stopped: z.enum(['stopped', 'all-failed']).nullable(),
  exchanges: z.array(ExchangeSchema),
  /** How many requests were sent in all (the exchanges are a sample of them). */
  requestsSent: z.number().int(),
  imported: z.boolean().optional()
})
export type CapacityRun = z.infer<typeof CapacityRunSchema>

export const HistoryEntrySchema = z.discriminatedUnion('type', [
  ExchangeSchema,
  CaptureSchema,
  CapacityRunSchema
])
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

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
      status: z.number().int().min(100).max(599).optional()
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
    timeoutSeconds: z.number().int().min(HOOK_TIMEOUT_MIN_S).max(HOOK_TIMEOUT_MAX_S).optional(),
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
    timeoutSeconds: z
      .number()
      .int()
      .min(HOOK_TIMEOUT_MIN_S)
      .max(HOOK_TIMEOUT_MAX_S)
      .default(HOOK_TIMEOUT_DEFAULT_S),
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

export const PreferencesPatchSchema = PreferencesSchema.partial().strict()
export const StartReceiverSchema = ReceiverConfigSchema.partial().strict()
