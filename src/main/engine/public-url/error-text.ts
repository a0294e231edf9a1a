/** The message of anything thrown, for a line a person reads. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
