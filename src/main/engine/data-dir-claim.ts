import { lockTakenOverMessage } from '@shared/data-dir-owner'
import { ensureDataDir } from './data-dir'
import { takeOwnerLock, type DataDirLock } from './data-dir-lock'
import { tightenDataDir } from './secrets/owner-only'
import type { NoticeBoard } from './services/notices'

/** What a start did to its data dir before loading anything from it. */
export interface DataDirClaim {
  /** This process's owner lock; null in memory, read-only, or where no lock could be made. */
  lock: DataDirLock | null
  /** Why this run holds no lock, for a notice. */
  warning: string | null
  /** What could not be made owner-only. */
  modeProblems: string[]
  /** Where a lost lock is reported, once the notices exist. */
  reportLoss(raise: (reason: string) => void): void
}

/**
 * Takes the data dir for a writer, in this order: created (owner-only), locked (a second writer
 * is refused here with DataDirInUseError, having touched nothing), then narrowed. Nothing in it is
 * created, narrowed or loaded before the lock is held (see docs/ARCHITECTURE.md, Persistence). A
 * read-only start (`export`) and a memory-only one take nothing.
 */
export async function claimDataDir(
  dataDir: string | null,
  options: { owner?: string; readOnly?: boolean }
): Promise<DataDirClaim> {
  let lost: (reason: string) => void = () => undefined
  const claim: DataDirClaim = {
    lock: null,
    warning: null,
    modeProblems: [],
    reportLoss: (raise) => {
      lost = raise
    }
  }
  if (dataDir === null || options.readOnly === true) return claim
  // A data dir that cannot be created shows up as notices from settings and the journal.
  await ensureDataDir(dataDir).catch(() => undefined)
  const owned = await takeOwnerLock(dataDir, {
    command: options.owner ?? 'hook-inspector',
    onLost: (reason) => lost(reason)
  })
  claim.lock = owned.lock
  claim.warning = owned.warning
  try {
    claim.modeProblems = await tightenDataDir(dataDir)
  } catch (error) {
    await owned.lock?.release()
    throw error
  }
  return claim
}

/**
 * The claim's news as notices: a dead holder's lock taken over (also told to `announce`, the
 * CLI's stderr), no lock, and later a lock lost while running.
 */
export function raiseClaimNotices(
  dataDir: string | null,
  claim: DataDirClaim,
  notices: Pick<NoticeBoard, 'raise'>,
  announce?: (message: string) => void
): void {
  if (dataDir !== null && claim.lock?.takenOver) {
    const message = lockTakenOverMessage(dataDir, claim.lock.takenOver)
    notices.raise('warning', `${message}.`)
    announce?.(message)
  }
  if (claim.warning) notices.raise('warning', claim.warning)
  claim.reportLoss((reason) =>
    notices.raise(
      'error',
      `This process lost its lock on the data dir ${dataDir} (${reason}): another process may now write it too. Restart to take it back.`
    )
  )
}
