import { HookConfigSchema, type HookConfig } from './schemas'

/**
 * Hook records built in one place: a field given a default in HookConfigSchema gets it here, and
 * nowhere else needs to know it exists.
 */

/** The hook a fire uses: a saved one (with its password) or an inline one, maybe without id. */
export type FireHook = Omit<HookConfig, 'id'> & { id?: string | undefined }

/** What a hook needs to be given; every other field has the schema's default. */
export type HookFields = Pick<FireHook, 'name' | 'url'> & Partial<FireHook>

/** The schema's defaults for every field that has one, read from the schema itself. */
const HOOK_DEFAULTS = HookConfigSchema.omit({ id: true, name: true, url: true }).parse({})

/** The given fields without those set to undefined, so a default is never replaced by nothing. */
function given<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T
}

/**
 * An inline hook for one fire (the CLI's, a forward, a re-send to a URL, a check probe): the
 * given fields over the schema's defaults.
 */
export function fireHook(fields: HookFields): FireHook {
  return { ...HOOK_DEFAULTS, ...given(fields) }
}

/** A saved hook record: its id and the given fields over the schema's defaults. */
export function hookConfig(fields: HookFields & Pick<HookConfig, 'id'>): HookConfig {
  return { ...HOOK_DEFAULTS, ...given(fields) }
}
