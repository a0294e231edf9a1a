import { z } from 'zod'
import {
  credentialsSendable,
  HOOK_TIMEOUT_DEFAULT_S,
  NO_CREDENTIALS_WITHOUT_EMAIL,
  HookEventSchema,
  TimeoutSecondsSchema,
  type CapacityStep
} from './schemas'

/**
 * The capacity check: how many site users saving at once a hook holds. One request shape for
 * the engine, the CLI's `capacity` and the UI's "Capacity" view; the report is a history entry
 * (`CapacityRun` in schemas.ts).
 */

/** Safety bounds: this sends real traffic. */
export const MAX_CAPACITY_CONCURRENCY = 200
export const MAX_CAPACITY_REQUESTS = 5000
export const MAX_CAPACITY_LEVELS = 12
export const DEFAULT_CAPACITY_LEVELS = [1, 4, 16, 64] as const
/** The longest pause a virtual user may take between its saves. */
export const MAX_CAPACITY_PAUSE_MS = 60_000

/**
 * The key a failure counts under in a level's `byKind`: the ProtocolError kind, except that an
 * answer's status is named (`http-429`, `http-500`), since a 429 and a 500 mean different things.
 */
export function byKindKey(kind: string, status: number | null): string {
  return kind === 'http-status' && status !== null ? `http-${status}` : kind
}

/** The ProtocolError kind a `byKind` key counts (`http-429` → `http-status`). */
export function protocolKindOfKey(key: string): string {
  return /^http-\d{3}$/.test(key) ? 'http-status' : key
}

/** The name a capacity run's exchange carries: the level that sent it. */
export function capacityHookName(level: number): string {
  return `Capacity check at ${level}`
}

/** The level that sent a capacity run's exchange, read back from its name; null for any other. */
export function capacityLevelOf(hookName: string): number | null {
  const m = /^Capacity check at (\d+)$/.exec(hookName)
  return m ? Number(m[1]) : null
}

/** Requests per level when none is given: this many times the level. */
export const REQUESTS_PER_SLOT = 4

/** How many requests a level sends: `requests` (at least the level), else 4 × the level. */
export function requestsAt(level: number, requests: number | undefined): number {
  return requests === undefined ? REQUESTS_PER_SLOT * level : Math.max(requests, level)
}

/** Every request a run would send, over all its levels. */
export function plannedRequests(levels: readonly number[], requests: number | undefined): number {
  return levels.reduce((sum, level) => sum + requestsAt(level, requests), 0)
}

const LEVEL_RULE = `levels are whole numbers from 1 to ${MAX_CAPACITY_CONCURRENCY}`
const REQUESTS_RULE = `a whole number from 1 to ${MAX_CAPACITY_REQUESTS}, or none`

export const CapacityRequestSchema = z
  .object({
    url: z.string().trim().min(1, 'must not be empty').max(4096),
    email: z.string().max(320).default(''),
    password: z.string().max(1024).default(''),
    event: HookEventSchema.default('insert'),
    /** Concurrency levels, run in increasing order. */
    levels: z
      .array(
        z
          .number({ error: LEVEL_RULE })
          .int(LEVEL_RULE)
          .min(1, LEVEL_RULE)
          .max(MAX_CAPACITY_CONCURRENCY, LEVEL_RULE)
      )
      .min(1, 'give at least one level')
      .max(MAX_CAPACITY_LEVELS, `at most ${MAX_CAPACITY_LEVELS} levels`)
      .default([...DEFAULT_CAPACITY_LEVELS]),
    /** Requests per level (at least the level); default 4 × the level. */
    requests: z
      .number({ error: REQUESTS_RULE })
      .int(REQUESTS_RULE)
      .min(1, REQUESTS_RULE)
      .max(MAX_CAPACITY_REQUESTS, REQUESTS_RULE)
      .optional(),
    timeoutSeconds: TimeoutSecondsSchema.default(HOOK_TIMEOUT_DEFAULT_S),
    /** Each virtual user waits this long between its saves, as site users do (0: a tight loop). */
    pauseMs: z.number().int().min(0).max(MAX_CAPACITY_PAUSE_MS).default(0),
    /** The user agreed to send this traffic to a URL that is not on this machine. */
    confirmed: z.boolean().default(false)
  })
  .strict()
  .refine(credentialsSendable, { message: NO_CREDENTIALS_WITHOUT_EMAIL, path: ['email'] })
  .refine((r) => plannedRequests(r.levels, r.requests) <= MAX_CAPACITY_REQUESTS, {
    message: `a run sends at most ${MAX_CAPACITY_REQUESTS} requests in all; use fewer levels or fewer requests`,
    path: ['requests']
  })
export type CapacityRequest = z.input<typeof CapacityRequestSchema>
export type CapacityOptions = z.output<typeof CapacityRequestSchema>

/** "0.8 s" for most figures, "12 ms" below a tenth of a second; rounded up, never flattering. */
export function formatSeconds(ms: number): string {
  if (ms < 100) return `${Math.max(1, Math.ceil(ms))} ms`
  const tenths = Math.ceil(ms / 100)
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} s`
}

/** A live view of a run: the levels done, and the one under way so far. */
export interface CapacityProgress {
  runId: string
  url: string
  timeoutMs: number
  levels: number[]
  steps: CapacityStep[]
  /** The level under way (its figures so far) and how many requests it will send. */
  current: { step: CapacityStep; planned: number } | null
  done: boolean
}
