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

/** How a form words its fields' issues. */
export interface IssueWords<K extends string> {
  /** The form's own words for a field, used instead of the schema's when given. */
  words?: Partial<Record<K, string | undefined>>
  /** The form field an issue's path lands in (default: its top-level key). */
  keyOf?: (path: readonly PropertyKey[]) => string
  /** The name put before the schema's "must …" (e.g. "Status"), by field. */
  labelOf?: (key: string) => string | null
}

/**
 * The first issue of each field in words a user can act on: the form's own words for that field
 * when it has them, else the schema's, after the field's label when it has one.
 */
export function fieldErrorsOf<K extends string>(
  issues: readonly Issue[],
  how: IssueWords<K> = {}
): Partial<Record<K, string>> {
  const keyOf = how.keyOf ?? ((path) => String(path[0] ?? 'form'))
  const words: Partial<Record<string, string | undefined>> = how.words ?? {}
  const errors: Partial<Record<string, string>> = {}
  for (const issue of issues) {
    const key = keyOf(issue.path)
    const label = how.labelOf?.(key)
    errors[key] ??= words[key] ?? asSentence(label ? `${label} ${issue.message}` : issue.message)
  }
  return errors as Partial<Record<K, string>>
}
