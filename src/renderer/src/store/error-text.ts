/** The input field a failed call concerns, when the transport reported one. */
export function errorField(error: unknown): string | null {
  if (error && typeof error === 'object' && 'field' in error) {
    const field = (error as { field: unknown }).field
    return typeof field === 'string' ? field : null
  }
  return null
}
