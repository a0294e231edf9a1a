/**
 * The message of anything thrown, for a user or a log line: the one helper the engine, the CLI
 * and the window all use. Never a stack trace, and never an empty line or "[object Object]".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message
  if (typeof error === 'string' && error) return error
  if (typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint') {
    return String(error)
  }
  return 'Something went wrong, and the error had no message.'
}
