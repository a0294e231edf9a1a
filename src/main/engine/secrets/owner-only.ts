import { constants } from 'node:fs'
import { lstat, open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describeFsError } from '../atomic-write'

export const OWNER_ONLY_DIR = 0o700
export const OWNER_ONLY_FILE = 0o600

/**
 * Narrows the data dir to owner-only (0700) and every file and folder in it (0600 / 0700) that
 * others could read. Threat: the data dir holds captured requests (credentials, clinical data)
 * and the headless secrets file; a dir made by an older version or by hand may be wider. Links
 * are left alone (never followed). Returns what could not be narrowed, each with the reason.
 */
export async function tightenDataDir(dir: string): Promise<string[]> {
  if (process.platform === 'win32') return []
  const problems: string[] = []
  // The data dir's own path may be a link the user made on purpose: that one is followed.
  await narrow(dir, true, problems, true)
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return problems
  }
  for (const name of names) {
    const path = join(dir, name)
    try {
      const info = await lstat(path)
      if (info.isDirectory()) await narrow(path, true, problems)
      else if (info.isFile()) await narrow(path, false, problems)
    } catch (error) {
      problems.push(`${path}: ${describeFsError(error)}`)
    }
  }
  return problems
}

/**
 * Narrows one file or folder through a descriptor opened without following links (O_NOFOLLOW)
 * and without waiting on a FIFO (O_NONBLOCK), after checking on that descriptor that it is still
 * what lstat saw: chmod by path would follow a link swapped in meanwhile and narrow its target.
 */
async function narrow(
  path: string,
  folder: boolean,
  problems: string[],
  follow = false
): Promise<void> {
  try {
    const flags =
      constants.O_RDONLY |
      (follow ? 0 : constants.O_NOFOLLOW) |
      constants.O_NONBLOCK |
      (folder ? constants.O_DIRECTORY : 0)
    const handle = await open(path, flags)
    try {
      const info = await handle.stat()
      if (folder ? !info.isDirectory() : !info.isFile()) return
      if ((info.mode & 0o077) === 0) return
      await handle.chmod(folder ? OWNER_ONLY_DIR : OWNER_ONLY_FILE)
    } finally {
      await handle.close().catch(() => undefined)
    }
  } catch (error) {
    problems.push(`${path}: ${describeFsError(error)}`)
  }
}

export function ownerOnlyMessage(problems: string[]): string {
  return `Other users may be able to read these files of the data dir, which could not be made owner-only: ${problems.join('; ')}.`
}
