import { defaultSettings } from '@shared/defaults'
import { errorMessage } from '@shared/error-message'
import { newId } from '@shared/ids'
import { SettingsSchema, type Settings } from '@shared/schemas'
import { describeIssues } from '@shared/validation'
import { describeFsError } from './atomic-write'
import { readDataFile } from './data-file-open'
import type { SettingsLoad } from './ports'

/** Hooks as stored: passwords live in the secret store, never in the settings file. */
export function withoutPasswords(settings: Settings): Settings {
  return { ...settings, hooks: settings.hooks.map((hook) => ({ ...hook, password: '' })) }
}

/** A file name to keep a bad file under, next to it, without overwriting an earlier one. */
export function asideName(file: string, now = new Date()): string {
  return `${file}.bad-${now.toISOString().replace(/[:.]/g, '-')}`
}

/** A settings file read and checked against the schema, or what is wrong with it in words. */
type SettingsRead = { settings: Settings; problem: null } | { settings: null; problem: string }

async function readSettingsFile(file: string): Promise<SettingsRead | null> {
  let text: string
  try {
    // Never through a link, never from a FIFO or device (see data-file-open.ts).
    text = await readDataFile(file)
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null
    return { settings: null, problem: `it could not be read: ${describeFsError(error)}` }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { settings: null, problem: `it is not valid JSON (${errorMessage(error)})` }
  }
  const result = SettingsSchema.safeParse(json)
  if (!result.success) return { settings: null, problem: describeIssues(result.error).message }
  return { settings: result.data, problem: null }
}

/**
 * Loads settings.json the way both settings adapters (headless file, electron-store) do: a missing
 * file is a first start; a bad one is set aside by `setAside` (which returns the words saying
 * where it went, or why it could not be moved) and replaced by defaults, with a notice, so the app
 * always starts. Never throws.
 */
export async function loadSettingsFile(
  file: string,
  setAside: (file: string) => Promise<string>
): Promise<SettingsLoad> {
  const read = await readSettingsFile(file)
  if (read === null) return { settings: defaultSettings(), notice: null }
  if (read.problem === null) return { settings: read.settings, notice: null }
  const kept = await setAside(file)
  return {
    settings: defaultSettings(),
    notice: {
      id: newId('notice'),
      level: 'warning',
      message: `The settings file ${file} was not usable, so defaults are used; ${kept}. Problem: ${read.problem}`
    }
  }
}
