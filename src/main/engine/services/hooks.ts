import { newId } from '@shared/ids'
import { HookConfigSchema, type HookConfig, type HookDraft } from '@shared/schemas'
import { parseOrThrow, ValidationError } from '@shared/validation'
import { checkHookUrl } from '@shared/wire-request'
import type { FireHook } from '../ports'
import type { SettingsService } from './settings'

export const MAX_HOOKS = 1000

/** Saved study hooks: their configs in the settings, their passwords in the secret store. */
export class HooksService {
  constructor(private readonly settings: SettingsService) {}

  async save(draft: HookDraft): Promise<HookConfig> {
    const hook = parseOrThrow(HookConfigSchema, { ...draft, id: draft.id ?? newId('hook') })
    const url = checkHookUrl(hook.url)
    if (!url.ok) throw new ValidationError(url.message, 'url')
    const current = this.settings.value
    const hooks = current.hooks
    const index = hooks.findIndex((h) => h.id === hook.id)
    // A draft without templates (the hook editor's) keeps the ones the hook has.
    const kept = index === -1 || draft.templates !== undefined ? undefined : hooks[index]?.templates
    if (kept !== undefined) hook.templates = kept
    if (index === -1 && hooks.length >= MAX_HOOKS) {
      throw new ValidationError(`At most ${MAX_HOOKS} hooks can be saved.`, 'id')
    }
    const stored = { ...hook, password: '' }
    this.settings.set({
      ...current,
      hooks: index === -1 ? [...hooks, stored] : hooks.map((h, i) => (i === index ? stored : h))
    })
    await this.settings.storePassword(hook.id, hook.password)
    await this.settings.save()
    return { ...hook }
  }

  async delete(hookId: string): Promise<void> {
    const current = this.settings.value
    if (!current.hooks.some((h) => h.id === hookId)) {
      throw new ValidationError(`No saved hook has the id "${hookId}".`, 'id')
    }
    const prefs = current.preferences
    this.settings.set({
      ...current,
      hooks: current.hooks.filter((h) => h.id !== hookId),
      preferences: prefs.activeHookId === hookId ? { ...prefs, activeHookId: null } : prefs
    })
    await this.settings.storePassword(hookId, '')
    await this.settings.save()
  }

  /** Every saved hook with its password. */
  withPasswords(): HookConfig[] {
    return this.settings.value.hooks.map((h) => ({ ...h, password: this.settings.password(h.id) }))
  }

  /** The hook a fire uses: the inline one when given, else the saved one with its password. */
  resolve(hookId: string | undefined, inline: FireHook | undefined): FireHook {
    if (inline) return inline
    const saved = this.settings.value.hooks.find((h) => h.id === hookId)
    if (!saved) throw new ValidationError(`No saved hook has the id "${hookId}".`, 'hookId')
    return { ...saved, password: this.settings.password(saved.id) }
  }
}
