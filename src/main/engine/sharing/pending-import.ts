import { readFile, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { errorMessage } from '@shared/error-message'
import {
  BehaviorSchema,
  HistoryEntrySchema,
  HookConfigSchema,
  ScenarioSchema,
  type HistoryEntry
} from '@shared/schemas'
import { writeFileAtomic } from '../atomic-write'
import { OWNER_ONLY_FILE } from '../secrets/owner-only'
import { asideName } from '../settings-load'

/**
 * An import is applied whole or not at all. Its changes (the hooks, scenarios and behaviour of a
 * bundle, the history entries) are first written aside in one file, atomically; then the history
 * and the settings are changed, and the file is removed. A kill before the file is complete
 * leaves the old state; a kill after it leaves the file, and the next start of any engine on this
 * data dir finishes the import from it, skipping what was already done. So a kill midway never
 * leaves hooks saved without their history, and running the import again never duplicates.
 */
export const PENDING_IMPORT_FILE = 'import-pending.json'

export const PendingImportSchema = z
  .object({
    setup: z
      .object({
        hooks: z.array(HookConfigSchema),
        scenarios: z.array(ScenarioSchema),
        behavior: BehaviorSchema
      })
      .nullable(),
    entries: z.array(HistoryEntrySchema)
  })
  .strict()
export type PendingImport = z.output<typeof PendingImportSchema>

function fileIn(dataDir: string): string {
  return join(dataDir, PENDING_IMPORT_FILE)
}

/**
 * Writes the import's changes aside (owner-only: a bundle exported with secrets carries scenario
 * passwords until the secret store takes them), entry by entry so a large history is never one
 * string.
 */
export async function writePendingImport(dataDir: string, pending: PendingImport): Promise<void> {
  function* pieces(): Generator<string> {
    yield `{"setup":${JSON.stringify(pending.setup)},"entries":[`
    for (const [i, entry] of pending.entries.entries()) {
      yield `${i === 0 ? '' : ','}${JSON.stringify(entry)}`
    }
    yield ']}\n'
  }
  await writeFileAtomic(fileIn(dataDir), pieces(), { mode: OWNER_ONLY_FILE })
}

/** Removes the file once the import is applied. */
export async function clearPendingImport(dataDir: string): Promise<void> {
  await unlink(fileIn(dataDir)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e
  })
}

/**
 * The import left unfinished by a kill, or null when there is none. A file that cannot be read
 * back is moved aside (its name returned as `problem`) so it never blocks a start.
 */
export async function readPendingImport(
  dataDir: string
): Promise<{ pending: PendingImport | null; problem: string | null }> {
  const file = fileIn(dataDir)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { pending: null, problem: null }
    return { pending: null, problem: `${file} cannot be read: ${errorMessage(e)}` }
  }
  let parsed: ReturnType<typeof PendingImportSchema.safeParse> | null = null
  try {
    parsed = PendingImportSchema.safeParse(JSON.parse(text))
  } catch {
    parsed = null
  }
  if (parsed?.success) return { pending: parsed.data, problem: null }
  const aside = asideName(file)
  await rename(file, aside).catch(() => undefined)
  return {
    pending: null,
    problem: `An unfinished import could not be read back, so it was not applied; it was moved to ${aside}.`
  }
}

/** The entries of a pending import not yet in the history (the rest were written before a kill). */
export function entriesToFinish(
  pending: PendingImport,
  has: (id: string) => boolean
): HistoryEntry[] {
  return pending.entries.filter((e) => !has(e.id))
}
