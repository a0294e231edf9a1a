/** The message of anything thrown, for a user or a log line; never a stack trace. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
