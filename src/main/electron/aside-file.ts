import { writeFile } from 'node:fs/promises'
import { asideName, openDataFile } from '../engine'

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
    // Read without following a link or waiting on a FIFO; the copy is new, byte for byte, and
    // owner-only.
    const handle = await openDataFile(file, 'read')
    const bytes = await handle.readFile().finally(() => handle.close().catch(() => undefined))
    await writeFile(aside, bytes, { flag: 'wx', mode: 0o600 })
    return { kept: true, words: `it was kept as ${aside}` }
  } catch (error) {
    return { kept: false, words: `it could not be copied aside (${fsMessage(error)})` }
  }
}
