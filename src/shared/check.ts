import { z } from 'zod'
import { HOOK_TIMEOUT_DEFAULT_S, HOOK_TIMEOUT_MAX_S, HOOK_TIMEOUT_MIN_S } from './schemas'
import { HOOK_EVENTS } from './trialkit'

/**
 * The endpoint readiness check: what it is asked to check and the checklist it reports. One
 * shape for the engine, the CLI's `check --json`, and the UI's "Check endpoint" view.
 */

/** Calls of each event, for the latency figures. */
export const LATENCY_SAMPLES = 3
/**
 * The most requests one check sends: the samples of each event, wrong and missing credentials,
 * a malformed and an unknown body, and one repeat of the first call when an https endpoint has a
 * self-signed certificate. It never sends more, whatever the endpoint does.
 */
export const MAX_CHECK_REQUESTS = HOOK_EVENTS.length * LATENCY_SAMPLES + 2 + 2 + 1

export const CheckRequestSchema = z
  .object({
    url: z.string().trim().min(1, 'must not be empty').max(4096),
    email: z.string().max(320).default(''),
    password: z.string().max(1024).default(''),
    timeoutSeconds: z
      .number()
      .int()
      .min(HOOK_TIMEOUT_MIN_S)
      .max(HOOK_TIMEOUT_MAX_S)
      .default(HOOK_TIMEOUT_DEFAULT_S)
  })
  .strict()
export type CheckRequest = z.input<typeof CheckRequestSchema>

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'skip'] as const
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
  exchangeIds: z.array(z.string())
})
export type CheckItem = z.infer<typeof CheckItemSchema>

export const CheckReportSchema = z.object({
  url: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  timeoutMs: z.number().int(),
  /** How many requests were sent (never above MAX_CHECK_REQUESTS). */
  requestsSent: z.number().int(),
  /** fail if any item failed, warn if any warned, else pass. */
  verdict: z.enum(['pass', 'warn', 'fail']),
  items: z.array(CheckItemSchema)
})
export type CheckReport = z.infer<typeof CheckReportSchema>
