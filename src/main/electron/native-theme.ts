import { nativeTheme } from 'electron'
import type { HookInspectorApi } from '@shared/api'
import type { EngineEventSource } from '../engine'

/**
 * Keeps the native parts (title bar, menus, dialogs) and the page's prefers-color-scheme in step
 * with the theme preference, wherever it was changed from.
 */
export async function followThemePreference(
  engine: EngineEventSource & Pick<HookInspectorApi, 'getSettings'>
): Promise<void> {
  engine.on('settings-changed', (settings) => {
    nativeTheme.themeSource = settings.preferences.theme
  })
  const settings = await engine.getSettings()
  nativeTheme.themeSource = settings.preferences.theme
}
