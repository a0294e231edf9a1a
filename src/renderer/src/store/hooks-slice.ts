import type { HookInspectorBridge } from '@shared/api'
import { templateProblem, type EventTemplates } from '@shared/event-template'
import { formToDraft, hookFieldOf, hookToForm } from '../lib/hook-form'
import { errorField } from './error-text'
import type { HooksSlice } from './hooks-types'
import type { Slice } from './types'
import { errorMessage } from '@shared/error-message'

const EMPTY_TEMPLATES: EventTemplates = { insert: null, update: null, review: null }

/** Study hooks: the list, which one the composer fires, and the editor. */
export function createHooksSlice(bridge: HookInspectorBridge): Slice<HooksSlice> {
  return (set, get) => ({
    hooks: [],
    activeHookId: null,
    hookEditor: null,

    selectHook(id) {
      set({ activeHookId: id })
      bridge.setPreferences({ activeHookId: id }).catch((e: unknown) => {
        get().toast('error', `Could not remember the selected hook: ${errorMessage(e)}`)
      })
    },

    openHookEditor(hook, patch) {
      set({ hookEditor: { form: { ...hookToForm(hook), ...patch }, errors: {}, saving: false } })
    },

    updateHookForm(patch) {
      const editor = get().hookEditor
      if (!editor) return
      const errors = { ...editor.errors }
      for (const key of Object.keys(patch)) delete errors[key]
      set({ hookEditor: { ...editor, form: { ...editor.form, ...patch }, errors } })
    },

    closeHookEditor() {
      set({ hookEditor: null })
    },

    async saveHookForm() {
      const editor = get().hookEditor
      if (!editor || editor.saving) return false
      const checked = formToDraft(editor.form)
      if (!checked.ok) {
        set({ hookEditor: { ...editor, errors: checked.errors } })
        return false
      }
      set({ hookEditor: { ...editor, errors: {}, saving: true } })
      try {
        // Saving replaces the hook: what the editor does not show (its event templates, any
        // setting it has no field for) is carried over from the hook being edited.
        const editing = get().hooks.find((h) => h.id === checked.draft.id)
        const saved = await bridge.saveHook(
          editing ? { ...editing, ...checked.draft } : checked.draft
        )
        const others = get().hooks.filter((h) => h.id !== saved.id)
        const index = get().hooks.findIndex((h) => h.id === saved.id)
        const hooks =
          index === -1
            ? [...others, saved]
            : get().hooks.map((h) => (h.id === saved.id ? saved : h))
        set({ hooks, hookEditor: null })
        if (index === -1 || !get().activeHookId) get().selectHook(saved.id)
        get().toast('success', `Saved hook “${saved.name}”.`)
        return true
      } catch (e) {
        const field = hookFieldOf(errorField(e))
        const current = get().hookEditor ?? editor
        if (field) {
          set({ hookEditor: { ...current, saving: false, errors: { [field]: errorMessage(e) } } })
        } else {
          set({ hookEditor: { ...current, saving: false } })
          get().toast('error', `Could not save the hook: ${errorMessage(e)}`)
        }
        return false
      }
    },

    async duplicateHook(id) {
      const hook = get().hooks.find((h) => h.id === id)
      if (!hook) return
      get().openHookEditor(null, {
        ...hookToForm(hook),
        id: undefined,
        name: `${hook.name} (copy)`
      })
    },

    async setEventTemplate(event, body) {
      const hook = get().hooks.find((h) => h.id === get().activeHookId)
      if (!hook) {
        get().toast('error', 'Pick a study hook first: the template is kept per hook.')
        return
      }
      const problem = body === null ? null : templateProblem(event, body)
      if (problem !== null) {
        get().toast('error', `Cannot use it as a template: ${problem}.`)
        return
      }
      const templates = { ...(hook.templates ?? EMPTY_TEMPLATES), [event]: body }
      try {
        const saved = await bridge.saveHook({ ...hook, templates })
        set({ hooks: get().hooks.map((h) => (h.id === saved.id ? saved : h)) })
        get().toast(
          'success',
          body === null
            ? `“${hook.name}” fires the documented ${event} body again.`
            : `“${hook.name}” now fires ${event} events in this captured shape.`
        )
      } catch (e) {
        get().toast('error', `Could not save the template: ${errorMessage(e)}`)
      }
    },

    async deleteHook(id) {
      const hook = get().hooks.find((h) => h.id === id)
      try {
        await bridge.deleteHook(id)
        const hooks = get().hooks.filter((h) => h.id !== id)
        set({ hooks })
        if (get().activeHookId === id) {
          const next = hooks[0]?.id ?? null
          set({ activeHookId: next })
          if (next) get().selectHook(next)
        }
        if (get().hookEditor?.form.id === id) set({ hookEditor: null })
        get().toast('info', `Deleted hook “${hook?.name ?? id}”.`)
      } catch (e) {
        get().toast('error', `Could not delete the hook: ${errorMessage(e)}`)
      }
    }
  })
}
