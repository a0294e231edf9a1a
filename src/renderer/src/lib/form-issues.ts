/**
 * Forms check their input with the shared schemas the engine validates with (their `safeParse`),
 * so the rules live in one place; these turn typed text into the values a schema checks and its
 * issues into the words shown beside each field.
 */

/** An issue as zod reports it: where it is and what is wrong. */
interface Issue {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

/** A whole number typed as text, or NaN (which every number schema refuses) when it is not one. */
export function typedWholeNumber(text: string): number {
  const t = text.trim()
  return /^\d+$/.test(t) ? Number(t) : NaN
}

/** A schema's message as a sentence beside a field: "must not be empty" → "Must not be empty." */
export function asSentence(message: string): string {
  const text = message.trim()
  const capital = text.charAt(0).toUpperCase() + text.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

/**
 * The first issue of each field (keyed by `keyOf`, the top-level field by default) in words a
 * user can act on: the form's own words for that field when it has them, else the schema's.
 */
export function fieldErrorsOf<K extends string>(
  issues: readonly Issue[],
  words: Partial<Record<K, string>> = {},
  keyOf: (path: readonly PropertyKey[]) => string = (path) => String(path[0] ?? 'form')
): Partial<Record<K, string>> {
  const errors: Partial<Record<string, string>> = {}
  for (const issue of issues) {
    const key = keyOf(issue.path)
    errors[key] ??= (words as Partial<Record<string, string>>)[key] ?? asSentence(issue.message)
  }
  return errors as Partial<Record<K, string>>
}
