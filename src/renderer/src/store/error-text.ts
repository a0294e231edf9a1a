/** The message to show for a failed call; never a stack trace. */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message
  if (typeof error === 'string' && error) return error
  return 'Something went wrong, and the error had no message.'
}

/** The input field a failed call concerns, when the transport reported one. */
export function errorField(error: unknown): string | null {
  if (error && typeof error === 'object' && 'field' in error) {
    const field = (error as { field: unknown }).field
    return typeof field === 'string' ? field : null
  }
  return null
}
