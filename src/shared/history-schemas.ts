import { z } from 'zod'
import { DocDifferenceSchema } from './doc-diff'
import { ExchangeErrorKindSchema, FaultSchema, HookEventSchema, IdSchema } from './wire-schemas'

/**
 * What the history holds: exchanges (the dispatcher's side), captures (the receiver's side) and
 * capacity runs, and the request as it goes on the wire. Re-exported by schemas.ts.
 */

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
  importedFrom: ImportedFromSchema.optional(),
  /** The email its Authorization carried, kept when an export redacted the header's value. */
  authEmail: z.string().max(320).optional()
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

/**
 * A request the receiver could not see through to a sent answer, and why: the caller left before
 * its body was complete (`left-mid-body`), its body stopped arriving and the receiver closed the
 * connection (`body-stalled`), the caller left while the receiver held or delayed its answer, or
 * before a slow body was all sent (`left-before-answer`), or it came pipelined on a connection an
 * earlier answer was closing (`behind-closed`). `afterMs` counts from its arrival.
 */
export const UnfinishedSchema = z.object({
  how: z.enum(['left-mid-body', 'body-stalled', 'left-before-answer', 'behind-closed']),
  afterMs: z.number().int().nonnegative()
})
export type Unfinished = z.infer<typeof UnfinishedSchema>

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
  /**
   * The body parsed as JSON (decoded first when it has a Content-Encoding); null when it is not
   * JSON (see jsonError). Left out when the body is over 64 KiB: such a body is not parsed when
   * it arrives (only its raw bytes are stored) but when it is shown.
   */
  json: z.unknown().optional(),
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
  /** Set when no answer went out whole because the caller left or its body stalled. */
  unfinished: UnfinishedSchema.optional(),
  /**
   * A decoded copy of a body sent with Content-Encoding, as captures recorded by earlier versions
   * carried it. Never stored now (the journal drops it): the decoded view is made on demand, see
   * the `decodeBody` method.
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
  imported: z.boolean().optional(),
  importedFrom: ImportedFromSchema.optional()
})
export type CapacityRun = z.infer<typeof CapacityRunSchema>

export const HistoryEntrySchema = z.discriminatedUnion('type', [
  ExchangeSchema,
  CaptureSchema,
  CapacityRunSchema
])
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>
