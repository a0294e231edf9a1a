import { z } from 'zod'
import {
  credentialsSendable,
  HOOK_TIMEOUT_DEFAULT_S,
  NO_CREDENTIALS_WITHOUT_EMAIL,
  TimeoutSecondsSchema
} from './schemas'
import { HOOK_EVENTS } from './trialkit'

/**
 * The endpoint readiness check: what it is asked to check and the checklist it reports. One
 * shape for the engine, the CLI's `check --json`, and the UI's "Check endpoint" view.
 */

/** Calls of each event, for the latency figures. */
export const LATENCY_SAMPLES = 3
/** Inserts sent at once after the single-request timings, as site users saving together. */
export const CONCURRENT_SAVES = 4
/** Requests answered 429 that the check retries (once each, after their Retry-After). */
export const RATE_LIMIT_RETRIES = 2
/**
 * The most requests one check sends: the samples of each event, two credential probes (wrong and
 * missing, or the email in lower case when the right ones are refused), a review with LockBroken,
 * an event with an extra field, a malformed and an unknown body, one valid insert after those, and
 * one repeat of the first call when an https endpoint has a certificate TrialKit refuses, and one
 * call with the trailing slash added or taken away when every event got a 404, the inserts sent at
 * once, and the retries of answers that were rate limited (429). It never sends more, whatever
 * the endpoint does.
 */
export const MAX_CHECK_REQUESTS =
  HOOK_EVENTS.length * LATENCY_SAMPLES +
  2 +
  1 +
  1 +
  2 +
  1 +
  1 +
  1 +
  CONCURRENT_SAVES +
  RATE_LIMIT_RETRIES

/** A site user waits this long on every save before an answer counts as slow. */
export const CHECK_SLOW_MS_DEFAULT = 2000
export const CHECK_SLOW_MS_MAX = 300_000

export const CheckRequestSchema = z
  .object({
    url: z.string().trim().min(1, 'must not be empty').max(4096),
    email: z.string().max(320).default(''),
    password: z.string().max(1024).default(''),
    timeoutSeconds: TimeoutSecondsSchema.default(HOOK_TIMEOUT_DEFAULT_S),
    /** Warn when an event's p95 is above this many milliseconds. */
    slowMs: z.number().int().min(1).max(CHECK_SLOW_MS_MAX).default(CHECK_SLOW_MS_DEFAULT)
  })
  .strict()
  .refine(credentialsSendable, { message: NO_CREDENTIALS_WITHOUT_EMAIL, path: ['email'] })
export type CheckRequest = z.input<typeof CheckRequestSchema>
/** A checked request, its defaults filled in: what the engine's check runs with. */
export type CheckOptions = z.output<typeof CheckRequestSchema>

/**
 * `skip`: does not apply (no credentials given, no TLS); `not-run`: applies but could not be
 * judged (the endpoint stopped answering, redirects, refused the credentials first…), with the
 * reason. Only items that ran decide the verdict.
 */
export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'skip', 'not-run'] as const
export const CheckStatusSchema = z.enum(CHECK_STATUSES)
export type CheckStatus = z.infer<typeof CheckStatusSchema>

export const CheckItemSchema = z.object({
  /** Stable id of the check, e.g. `insert`, `latency`, `credentials`, `tls`. */
  id: z.string(),
  title: z.string(),
  status: CheckStatusSchema,
  /** One sentence: what was found. */
  summary: z.string(),
  /** Details that back it up (status codes, timings, messages). */
  evidence: z.array(z.string()),
  /** The exchanges it sent; each is in the history. */
  exchangeIds: z.array(z.string()),
  /** For a `not-run` item: why it could not be judged (also its summary). */
  reason: z.string().optional()
})
export type CheckItem = z.infer<typeof CheckItemSchema>

/** One cause shared by every real event, said once instead of as a column of failures. */
export const RootCauseSchema = z.object({
  summary: z.string(),
  evidence: z.array(z.string())
})
export type RootCause = z.infer<typeof RootCauseSchema>

/** How many items ended in each status. */
export const CheckCountsSchema = z.object({
  pass: z.number().int(),
  warn: z.number().int(),
  fail: z.number().int(),
  notRun: z.number().int(),
  skip: z.number().int()
})
export type CheckCounts = z.infer<typeof CheckCountsSchema>

export const CheckReportSchema = z.object({
  url: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  timeoutMs: z.number().int(),
  /** How many requests were sent (never above MAX_CHECK_REQUESTS). */
  requestsSent: z.number().int(),
  /** fail if any item failed, warn if any warned or could not run, else pass. */
  verdict: z.enum(['pass', 'warn', 'fail']),
  /** The verdict in one sentence, telling real TrialKit events apart from robustness probes. */
  headline: z.string(),
  /** The one cause every real event shares, or null. Printed first. */
  rootCause: RootCauseSchema.nullable(),
  counts: CheckCountsSchema,
  /**
   * The counts and requests in words, worded once by the engine and printed by CLI and UI alike:
   * "3 passed, 1 warning, 2 failed, 1 skipped, 6 not run; 13 requests sent".
   */
  summary: z.string(),
  items: z.array(CheckItemSchema)
})
export type CheckReport = z.infer<typeof CheckReportSchema>
