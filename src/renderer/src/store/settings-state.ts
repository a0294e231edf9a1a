import type { Settings } from '@shared/schemas'
import { behaviorToForm, isFormDirty } from '../lib/behavior-form'
import type { AllState } from './types'

/**
 * The store's view of new settings. A behavior the user is editing is not overwritten: the saved
 * one updates and the editor keeps showing the unsaved changes.
 */
export function settingsState(settings: Settings, state: AllState): Partial<AllState> {
  // The hook picked in this window wins over a stored preference that may still be in flight.
  const exists = (id: string | null): id is string =>
    id !== null && settings.hooks.some((h) => h.id === id)
  const pref = settings.preferences.activeHookId
  const activeHookId = exists(state.activeHookId)
    ? state.activeHookId
    : exists(pref)
      ? pref
      : (settings.hooks[0]?.id ?? null)
  const editing = isFormDirty(state.behaviorForm, state.behavior)
  return {
    hooks: settings.hooks,
    activeHookId,
    behavior: settings.behavior,
    ...(editing ? {} : { behaviorForm: behaviorToForm(settings.behavior), behaviorErrors: {} }),
    receiverConfig: settings.receiver,
    preferences: settings.preferences,
    scenarios: settings.scenarios
  }
}
