import type { z } from 'zod'

/** A bad input, with the field it concerns, in words a user can act on. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError'
  constructor(
    message: string,
    readonly field: string | null
  ) {
    super(message)
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`
    else out += out === '' ? String(p) : `.${String(p)}`
  }
  return out
}

/** Turns schema issues into one message that names each offending field. */
export function describeIssues(error: z.ZodError, prefix = ''): ValidationError {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const field = pathText([...(prefix ? [prefix] : []), ...issue.path])
    return field ? `${field}: ${issue.message}` : issue.message
  })
  const first = error.issues[0]
  const field = first ? pathText([...(prefix ? [prefix] : []), ...first.path]) || null : null
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : ''
  return new ValidationError(`${parts.join('; ')}${more}`, field)
}

/** Parses input against a schema, throwing a ValidationError that names the field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = ''
): z.output<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw describeIssues(result.error, prefix)
  return result.data
}
