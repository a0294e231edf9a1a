import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  existsSync,
  readdirSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DataDirInUseError,
  LOCK_DIR,
  LOCK_STALE_MS,
  lockDataDir,
  OWNER_FILE,
  takeOwnerLock,
  type DataDirLock
} from '@main/engine/data-dir-lock'
import {
  dataDirInUseMessage,
  lockTakenOverMessage,
  type DataDirOwner
} from '@shared/data-dir-owner'

/** The pid of a process that has exited (and been reaped): no process has it now. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8'
  })
  return Number(result.stdout)
}

/** A lock as a holder leaves it when it dies without releasing (kill -9). */
function leaveLock(dir: string, owner: DataDirOwner, ageMs = 0): void {
  const lockDir = join(dir, LOCK_DIR)
  mkdirSync(lockDir)
  writeFileSync(join(lockDir, OWNER_FILE), JSON.stringify(owner))
  const at = new Date(Date.now() - ageMs)
  utimesSync(lockDir, at, at)
}

describe('data dir lock', () => {
  let dir: string
  const held: DataDirLock[] = []
  const children: ChildProcess[] = []

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hi-lock-'))
  })
  afterEach(async () => {
    await Promise.all(held.splice(0).map((lock) => lock.release()))
    for (const child of children.splice(0)) child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  it('records its holder and refuses a second writer, naming the holder', async () => {
    const first = await lockDataDir(dir, { command: 'hook-inspector serve' })
    held.push(first)
    expect(first.takenOver).toBeNull()
    const owner = JSON.parse(readFileSync(join(dir, LOCK_DIR, OWNER_FILE), 'utf8')) as DataDirOwner
    expect(owner).toEqual({
      pid: process.pid,
      command: 'hook-inspector serve',
      startedAt: expect.any(String)
    })
    const refused = await lockDataDir(dir, { command: 'hook-inspector fire' }).catch((e) => e)
    expect(refused).toBeInstanceOf(DataDirInUseError)
    const at = new Date(owner.startedAt)
    const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
    expect((refused as Error).message).toBe(
      `data dir ${dir} is in use by pid ${process.pid} (hook-inspector serve since ${hhmm})`
    )
    expect((refused as DataDirInUseError).owner).toEqual(owner)
  })

  it('is free again once released (twice is harmless)', async () => {
    const first = await lockDataDir(dir, { command: 'hook-inspector fire' })
    await first.release()
    await first.release()
    expect(existsSync(join(dir, LOCK_DIR))).toBe(false)
    const second = await lockDataDir(dir, { command: 'hook-inspector fire' })
    held.push(second)
    expect(second.takenOver).toBeNull()
  })

  it('refuses while the holder, another process, runs', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    children.push(child)
    const owner = {
      pid: child.pid!,
      command: 'hook-inspector serve',
      startedAt: new Date().toISOString()
    }
    leaveLock(dir, owner)
    const refused = await lockDataDir(dir, { command: 'hook-inspector export' }).catch((e) => e)
    expect(refused).toBeInstanceOf(DataDirInUseError)
    expect((refused as Error).message).toBe(dataDirInUseMessage(dir, owner))
    // The holder's lock is left as it was.
    expect(JSON.parse(readFileSync(join(dir, LOCK_DIR, OWNER_FILE), 'utf8'))).toEqual(owner)
  })

  it('takes over at once a lock whose holder no longer runs, and says whose it was', async () => {
    const owner = {
      pid: deadPid(),
      command: 'hook-inspector serve',
      startedAt: new Date().toISOString()
    }
    leaveLock(dir, owner)
    const lock = await lockDataDir(dir, { command: 'hook-inspector serve' })
    held.push(lock)
    expect(lock.takenOver).toEqual(owner)
    expect(lockTakenOverMessage(dir, owner)).toMatch(
      new RegExp(
        `^data dir .+ was still locked by pid ${owner.pid} \\(hook-inspector serve since \\d\\d:\\d\\d\\), which no longer runs; the lock was taken over$`
      )
    )
    const now = JSON.parse(readFileSync(join(dir, LOCK_DIR, OWNER_FILE), 'utf8')) as DataDirOwner
    expect(now.pid).toBe(process.pid)
  })

  it("two takers of one dead holder's lock at once: one gets it, the other is refused", async () => {
    const owner = {
      pid: deadPid(),
      command: 'hook-inspector serve',
      startedAt: new Date().toISOString()
    }
    leaveLock(dir, owner)
    const results = await Promise.allSettled([
      lockDataDir(dir, { command: 'hook-inspector serve' }),
      lockDataDir(dir, { command: 'hook-inspector fire' })
    ])
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r) => r.status === 'rejected')
    for (const r of won) held.push(r.value)
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect(lost[0]!.reason).toBeInstanceOf(DataDirInUseError)
    const holder = JSON.parse(readFileSync(join(dir, LOCK_DIR, OWNER_FILE), 'utf8')) as DataDirOwner
    expect(holder.pid).toBe(process.pid)
    expect(readdirSync(dir)).toEqual([LOCK_DIR])
  })

  it('takes over a lock nobody has refreshed for longer than the stale time, whatever its pid', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    children.push(child)
    const owner = {
      pid: child.pid!,
      command: 'hook-inspector serve',
      startedAt: new Date().toISOString()
    }
    // E.g. a pid reused after a reboot: the lock's mtime says its holder stopped long ago.
    leaveLock(dir, owner, LOCK_STALE_MS * 4)
    const lock = await lockDataDir(dir, { command: 'hook-inspector serve' })
    held.push(lock)
    expect(JSON.parse(readFileSync(join(dir, LOCK_DIR, OWNER_FILE), 'utf8')).pid).toBe(process.pid)
  })

  it('keeps its lock through its refreshes: writing who holds it does not look like a takeover', async () => {
    const reasons: string[] = []
    const lock = await lockDataDir(dir, {
      command: 'hook-inspector serve',
      onLost: (reason) => reasons.push(reason),
      timing: { updateMs: 1000, staleMs: 2000 }
    })
    held.push(lock)
    // Three refreshes: each one checks the folder's mtime is the one it set.
    await new Promise((resolve) => setTimeout(resolve, 3500))
    expect(reasons).toEqual([])
    const refused = await lockDataDir(dir, { command: 'hook-inspector fire' }).catch((e) => e)
    expect(refused).toBeInstanceOf(DataDirInUseError)
  })

  it('tells its holder when the lock is taken away from under it, and then leaves it alone', async () => {
    const reasons: string[] = []
    const lock = await lockDataDir(dir, {
      command: 'hook-inspector serve',
      onLost: (reason) => reasons.push(reason),
      timing: { updateMs: 1000, staleMs: 2000 }
    })
    rmSync(join(dir, LOCK_DIR), { recursive: true })
    const until = Date.now() + 10_000
    while (reasons.length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toMatch(/ENOENT/)
    // Another process may hold it by now: releasing a lost lock removes nothing.
    const other = await lockDataDir(dir, { command: 'hook-inspector fire' })
    held.push(other)
    await lock.release()
    expect(existsSync(join(dir, LOCK_DIR, OWNER_FILE))).toBe(true)
  })

  it('refuses a fresh lock that does not (yet) say who holds it', async () => {
    mkdirSync(join(dir, LOCK_DIR))
    const refused = await lockDataDir(dir, { command: 'hook-inspector fire' }).catch((e) => e)
    expect(refused).toBeInstanceOf(DataDirInUseError)
    expect((refused as Error).message).toBe(
      `data dir ${dir} is in use by another process (it is being locked, or its holder did not say who it is)`
    )
  })

  it('runs without a lock, with a warning, where none can be made (the folder is missing)', async () => {
    const missing = join(dir, 'not-there')
    const result = await takeOwnerLock(missing, { command: 'hook-inspector serve' })
    expect(result.lock).toBeNull()
    expect(result.warning).toBe(
      `The data dir ${missing} could not be locked for this process (the folder does not exist (ENOENT)); another process could write it at the same time.`
    )
  })
})
