import { z } from 'zod'

/**
 * Who holds a data directory's owner lock, as written beside the lock by its holder and read by
 * anyone refused it (see docs/ARCHITECTURE.md, Persistence).
 */
export const DataDirOwnerSchema = z.object({
  pid: z.number().int().positive(),
  /** What runs, in the user's words, e.g. "hook-inspector serve". */
  command: z.string().min(1).max(200),
  /** When the holder took the lock (ISO 8601). */
  startedAt: z.iso.datetime({ offset: true })
})

export type DataDirOwner = z.output<typeof DataDirOwnerSchema>

function hhmm(iso: string): string {
  const at = new Date(iso)
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}

/** The one sentence a refused second writer shows, in the CLI and in the desktop app alike. */
export function dataDirInUseMessage(dir: string, owner: DataDirOwner): string {
  return `data dir ${dir} is in use by pid ${owner.pid} (${owner.command} since ${hhmm(owner.startedAt)})`
}

/** Said when a lock left by a process that no longer runs is taken over. */
export function lockTakenOverMessage(dir: string, owner: DataDirOwner): string {
  return `data dir ${dir} was still locked by pid ${owner.pid} (${owner.command} since ${hhmm(owner.startedAt)}), which no longer runs; the lock was taken over`
}
