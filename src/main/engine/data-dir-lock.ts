import * as fs from 'node:fs'
import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { lock as lockfile } from 'proper-lockfile'
import { DataDirOwnerSchema, dataDirInUseMessage, type DataDirOwner } from '@shared/data-dir-owner'
import { describeFsError } from './atomic-write'
import { OWNER_ONLY_FILE } from './secrets/owner-only'

/**
 * One owner per data directory (see docs/ARCHITECTURE.md, Persistence). Threat: a second process
 * on the same data dir (a second `serve`, `fire --data-dir`, the desktop app) compacts or rewrites
 * the journal and settings under the first one, which then keeps appending to a deleted file and
 * answers 200 for captures a restart no longer has. Every writer holds this lock for its life;
 * a second one is refused before it touches anything, naming the holder.
 *
 * The lock is proper-lockfile's: a folder made with mkdir (atomic), its mtime refreshed while the
 * holder runs. Its holder's pid, command and start time are written inside it, so a refusal can
 * name the holder and a lock whose pid no longer runs (kill -9, a crash) is taken over at once
 * rather than after the mtime goes stale. Released on close, and by proper-lockfile on exit and
 * on signals.
 */

/** The lock folder, inside the data dir. */
export const LOCK_DIR = 'owner.lock'
/** The holder's record, inside the lock folder. */
export const OWNER_FILE = 'owner.json'
/** A lock whose mtime has not been refreshed for this long is stale even if its pid runs. */
export const LOCK_STALE_MS = 30_000
const LOCK_UPDATE_MS = 5_000
/** How long a lock folder without its holder's record may be in the making (mkdir, then write). */
const OWNER_WAIT_MS = 1_000
const OWNER_POLL_MS = 25

/** A second writer, refused: the message is the sentence users see (CLI exit 2, app dialog). */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError'

  constructor(
    readonly dir: string,
    readonly owner: DataDirOwner | null
  ) {
    super(
      owner === null
        ? `data dir ${dir} is in use by another process (it is being locked, or its holder did not say who it is)`
        : dataDirInUseMessage(dir, owner)
    )
  }
}

export interface DataDirLock {
  /** The dead holder whose lock was taken over; null when the lock was free. */
  readonly takenOver: DataDirOwner | null
  /** Gives the lock up (idempotent). */
  release(): Promise<void>
}

export interface LockOptions {
  /** What this process is, for a refused second writer: e.g. "hook-inspector serve". */
  command: string
  /** Told when the lock is lost while held (its folder removed or not refreshed in time). */
  onLost?: (reason: string) => void
  /** Injected by tests; default: whether the pid runs (see isRunning). */
  isRunning?: (pid: number) => boolean
  /** Injected by tests: how often the lock is refreshed, and when unrefreshed it is stale. */
  timing?: { updateMs: number; staleMs: number }
}

/**
 * proper-lockfile removes the lock with rmdir; the holder's record inside it goes with it. Also
 * used by its exit and signal handler, so a process that ends leaves no lock behind.
 */
const lockFs = {
  ...fs,
  rmdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void): void =>
    fs.rm(path, { recursive: true, force: true }, callback),
  rmdirSync: (path: string): void => fs.rmSync(path, { recursive: true, force: true })
}

/** Whether a process with this pid runs (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM'
  }
}

async function readOwner(lockDir: string): Promise<DataDirOwner | null> {
  try {
    const parsed = DataDirOwnerSchema.safeParse(
      JSON.parse(await readFile(join(lockDir, OWNER_FILE), 'utf8'))
    )
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The holder's record, waiting a moment for a lock that is being taken right now. */
async function waitForOwner(lockDir: string): Promise<DataDirOwner | null> {
  const until = Date.now() + OWNER_WAIT_MS
  for (;;) {
    const owner = await readOwner(lockDir)
    if (owner !== null || Date.now() >= until || !fs.existsSync(lockDir)) return owner
    await new Promise((resolve) => setTimeout(resolve, OWNER_POLL_MS))
  }
}

/**
 * Moves a dead holder's lock out of the way (a rename, so only one taker wins it), then deletes it.
 * What was moved is checked to be that holder's: a lock another taker made in the meantime is put
 * back.
 */
async function removeDeadLock(lockDir: string, dead: DataDirOwner): Promise<void> {
  const aside = `${lockDir}.dead-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    await rename(lockDir, aside)
  } catch (error) {
    // Someone else took it away first: try to lock again.
    if ((error as { code?: unknown }).code === 'ENOENT') return
    throw error
  }
  const moved = await readOwner(aside)
  if (moved?.pid !== dead.pid || moved.startedAt !== dead.startedAt) {
    await rename(aside, lockDir).catch(() => undefined)
    return
  }
  await rm(aside, { recursive: true, force: true })
}

/**
 * Takes the data dir's owner lock for this process's life, or throws DataDirInUseError naming
 * the process that holds it. A lock whose holder no longer runs is taken over (`takenOver` says
 * whose). Other errors (e.g. a data dir that cannot be written) are thrown as they are.
 */
export async function lockDataDir(dir: string, options: LockOptions): Promise<DataDirLock> {
  const lockDir = join(dir, LOCK_DIR)
  const running = options.isRunning ?? isRunning
  let takenOver: DataDirOwner | null = null
  let lost = false
  for (let attempt = 0; ; attempt++) {
    let release: () => Promise<void>
    try {
      release = await lockfile(dir, {
        lockfilePath: lockDir,
        realpath: false,
        retries: 0,
        stale: options.timing?.staleMs ?? LOCK_STALE_MS,
        update: options.timing?.updateMs ?? LOCK_UPDATE_MS,
        fs: lockFs,
        onCompromised: (error) => {
          lost = true
          options.onLost?.(error.message)
        }
      })
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ELOCKED') throw error
      const owner = await waitForOwner(lockDir)
      if (owner === null && fs.existsSync(lockDir)) throw new DataDirInUseError(dir, null)
      if (owner !== null && running(owner.pid)) throw new DataDirInUseError(dir, owner)
      if (attempt >= 3) throw new DataDirInUseError(dir, owner)
      if (owner !== null) {
        await removeDeadLock(lockDir, owner)
        takenOver = owner
      }
      continue
    }
    const me: DataDirOwner = {
      pid: process.pid,
      command: options.command,
      startedAt: new Date().toISOString()
    }
    try {
      // proper-lockfile checks at each refresh that the folder's mtime is still the one it saw or
      // set, and takes any other as a takeover: writing the record inside changes it, so it is
      // put back.
      const { atime, mtime } = await stat(lockDir)
      await writeFile(join(lockDir, OWNER_FILE), `${JSON.stringify(me)}\n`, {
        mode: OWNER_ONLY_FILE
      })
      await utimes(lockDir, atime, mtime)
    } catch (error) {
      await release().catch(() => undefined)
      throw error
    }
    let released: Promise<void> | null = null
    return {
      takenOver,
      release: () => {
        // A lost lock may be someone else's by now: it is not removed.
        released ??= lost ? Promise.resolve() : release().catch(() => undefined)
        return released
      }
    }
  }
}

export interface OwnerLockResult {
  /** Null when the lock could not be taken for another reason than a holder (see warning). */
  lock: DataDirLock | null
  /** Why this run holds no lock (e.g. the data dir cannot be written), for a notice. */
  warning: string | null
}

/**
 * Takes the lock for a writer's start: refused (DataDirInUseError) only when another process
 * holds it. A data dir where no lock can be made (unwritable) cannot be written by the run either
 * (its history is in memory, its settings unsaved), so it runs without, and says so.
 */
export async function takeOwnerLock(dir: string, options: LockOptions): Promise<OwnerLockResult> {
  try {
    return { lock: await lockDataDir(dir, options), warning: null }
  } catch (error) {
    if (error instanceof DataDirInUseError) throw error
    return {
      lock: null,
      warning: `The data dir ${dir} could not be locked for this process (${describeFsError(error)}); another process could write it at the same time.`
    }
  }
}
