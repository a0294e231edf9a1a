/** Messages between the benchmark process and its load-generator child process. */

export interface LoadJob {
  url: string
  body: string
  headers: Record<string, string>
  connections: number
  durationS: number
}

export interface LoadResult {
  /** Completed requests per second over the whole run. */
  rps: number
  completed: number
  ok2xx: number
  non2xx: number
  errors: number
  timeouts: number
  latencyP50Ms: number
  latencyP99Ms: number
  durationS: number
}

export type LoadReply = { ok: true; result: LoadResult } | { ok: false; error: string }
