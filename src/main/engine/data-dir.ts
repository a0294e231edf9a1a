import { mkdir } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'

const APP_DIR = 'hook-inspector'

/**
 * Where settings, secrets and history live by default, following each platform's convention;
 * $HOOK_INSPECTOR_DATA_DIR wins so tests and portable installs can point elsewhere.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): string {
  const override = env.HOOK_INSPECTOR_DATA_DIR
  if (override) return override
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR)
  if (platform === 'win32') {
    return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), APP_DIR)
  }
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), APP_DIR)
}

/**
 * Creates the data directory owner-only (0700). Threat: history holds captured credentials and
 * request bodies from clinical systems; other local users must not be able to list or read it.
 */
export async function ensureDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
}
