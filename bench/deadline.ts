/**
 * Rejects when the work takes longer than `ms`, so a hung server or browser ends the section
 * with a clear message instead of hanging the whole run. The work itself is not cancelled; the
 * caller's cleanup (closing servers, killing processes) ends it.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)),
      ms
    )
  })
  return Promise.race([work, expired]).finally(() => clearTimeout(timer))
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
