import {
  HOOK_TIMEOUT_DEFAULT_S,
  HookDraftSchema,
  type HookConfig,
  type HookDraft
} from '@shared/schemas'
import { checkHookUrl } from '@shared/wire-request'
import { fieldErrorsOf, typedWholeNumber } from './form-issues'

/** The hook editor's state: text as typed, so a half-typed timeout can be shown and corrected. */
export interface HookForm {
  id?: string
  name: string
  url: string
  email: string
  password: string
  timeoutSeconds: string
  insecureTls: boolean
  enabled: boolean
}

export type HookFormField = Exclude<keyof HookForm, 'id'>
export type FieldErrors = Partial<Record<string, string>>

export function hookToForm(hook?: HookConfig | null): HookForm {
  if (!hook) {
    return {
      name: '',
      url: '',
      email: '',
      password: '',
      timeoutSeconds: String(HOOK_TIMEOUT_DEFAULT_S),
      insecureTls: false,
      enabled: true
    }
  }
  return {
    id: hook.id,
    name: hook.name,
    url: hook.url,
    email: hook.email,
    password: hook.password,
    timeoutSeconds: String(hook.timeoutSeconds),
    insecureTls: hook.insecureTls,
    enabled: hook.enabled
  }
}

const FORM_FIELDS: HookFormField[] = [
  'name',
  'url',
  'email',
  'password',
  'timeoutSeconds',
  'insecureTls',
  'enabled'
]

/** Maps a field path from the server (e.g. "args[0].url" or "url") to the editor field. */
export function hookFieldOf(path: string | null): HookFormField | null {
  if (!path) return null
  const last =
    path
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? ''
  return (FORM_FIELDS as string[]).includes(last) ? (last as HookFormField) : null
}

/**
 * Checks the editor's input with the same schema the engine uses plus the URL rules of a
 * dispatch, and names each bad field in words a user can act on.
 */
export function formToDraft(
  form: HookForm
): { ok: true; draft: HookDraft } | { ok: false; errors: FieldErrors } {
  const draft: HookDraft = {
    ...(form.id ? { id: form.id } : {}),
    name: form.name.trim(),
    url: form.url.trim(),
    email: form.email,
    password: form.password,
    timeoutSeconds: typedWholeNumber(form.timeoutSeconds),
    insecureTls: form.insecureTls,
    enabled: form.enabled
  }
  const parsed = HookDraftSchema.safeParse(draft)
  const errors: FieldErrors = parsed.success
    ? {}
    : fieldErrorsOf<HookFormField>(parsed.error.issues, {
        // The schema refuses an empty name; the editor says what to put there.
        words: { name: draft.name === '' ? 'Give the hook a name (e.g. the study).' : undefined }
      })
  const url = checkHookUrl(form.url)
  if (!url.ok) errors.url = url.message
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, draft }
}
