import { constants } from 'node:fs'
import { copyFile } from 'node:fs/promises'
import { asideName } from '../engine'

function fsMessage(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null
  return typeof e?.code === 'string' ? e.code : String(e?.message ?? error)
}

/**
 * Copies an unusable file aside for the user to inspect before it is replaced. Returns the words
 * for the notice: where it was kept, or why it could not be.
 */
export async function keepAside(file: string): Promise<{ kept: boolean; words: string }> {
  const aside = asideName(file)
  try {
    await copyFile(file, aside, constants.COPYFILE_EXCL)
    return { kept: true, words: `it was kept as ${aside}` }
  } catch (error) {
    return { kept: false, words: `it could not be copied aside (${fsMessage(error)})` }
  }
}
