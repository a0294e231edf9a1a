import type { HookConfig } from '@shared/schemas'
import type { HookEvent } from '@shared/trialkit'
import type { FieldErrors, HookForm } from '../lib/hook-form'

// The saved hooks slice: the list, the active hook and the hook editor.

export interface HookEditorState {
  form: HookForm
  errors: FieldErrors
  saving: boolean
}

export interface HooksSlice {
  hooks: HookConfig[]
  activeHookId: string | null
  hookEditor: HookEditorState | null
  selectHook(id: string): void
  openHookEditor(hook: HookConfig | null, patch?: Partial<HookForm>): void
  updateHookForm(patch: Partial<HookForm>): void
  closeHookEditor(): void
  saveHookForm(): Promise<boolean>
  duplicateHook(id: string): Promise<void>
  deleteHook(id: string): Promise<void>
  /** Makes the active hook fire this body's shape for its event (null: the documented one). */
  setEventTemplate(event: HookEvent, body: string | null): Promise<void>
}
