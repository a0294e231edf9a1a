import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, openJournal, startReceiver, type Engine } from '@main/engine'
import type { HistoryStore, RunningReceiver } from '@main/engine/ports'
import { writeAllSync } from '@main/engine/atomic-write'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import type { Capture, HistoryEntry, Notice } from '@shared/schemas'
import { ensureBuilt, startCli, type CliProcess } from '../helpers/cli'
import { formatRequest, type RawResponse } from '../helpers/raw-client'
import { failOnProcessErrors } from './support/process-guard'
import { roundTrip } from './support/raw'
import { skipNote } from '../helpers/skip-note'

failOnProcessErrors()

/** Mounts a 2 MiB tmpfs when this machine allows it (root with mount rights); else null. */
function mountTinyDisk(dir: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' })
    return dir
  } catch {
    return null
  }
}

/** Fills the disk under `dir` with a file named `filler` until ENOSPC. */
function fillDisk(dir: string): void {
  const fd = openSync(join(dir, 'filler'), 'w')
  const block = Buffer.alloc(4096, 1)
  try {
    for (let i = 0; i < 1_000_000; i++) writeSync(fd, block)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    closeSync(fd)
  }
}

function freeDisk(dir: string): void {
  unlinkSync(join(dir, 'filler'))
}

function markerOf(entry: HistoryEntry): string | null {
  if (entry.type !== 'capture') return null
  try {
    const text = Buffer.from(entry.bodyBase64, 'base64').toString('utf8')
    return (JSON.parse(text) as { marker: string }).marker
  } catch {
    return null
  }
}

async function post(port: number, marker: string): Promise<RawResponse> {
  const body = JSON.stringify({ marker })
  return roundTrip(port, formatRequest({ method: 'POST', path: '/m', body }), 10_000)
}

function header(response: RawResponse, name: string): string | undefined {
  return response.headers.find(([n]) => n.toLowerCase() === name)?.[1]
}

/** The answer while history cannot be written: exactly what the contract says. */
function expectRefused(response: RawResponse): void {
  expect(response.status).toBe(503)
  expect(header(response, 'retry-after')).toBe('1')
  expect(header(response, 'content-type')).toMatch(/^text\/plain/)
  expect(response.body.toString('utf8')).toBe('history write failed: ENOSPC')
}

/**
 * Posts until one is refused; every one before it must have been answered 200 (the disk may
 * still have room in the journal's last page). Returns the markers answered 200.
 */
async function postUntilRefused(port: number, prefix: string): Promise<string[]> {
  const answered: string[] = []
  for (let i = 0; i < 500; i++) {
    const response = await post(port, `${prefix}-${i}`)
    if (response.status === 503) {
      expectRefused(response)
      return answered
    }
    expect(response.status).toBe(200)
    answered.push(`${prefix}-${i}`)
  }
  throw new Error('the disk never filled up')
}

const root = mkdtempSync(join(tmpdir(), 'hi-rel-diskfull-'))
const mounted = mountTinyDisk(root)

afterAll(() => {
  if (mounted) {
    try {
      execFileSync('umount', [mounted], { stdio: 'pipe' })
    } catch {
      execFileSync('umount', ['-l', mounted], { stdio: 'pipe' })
    }
  }
  rmSync(root, { recursive: true, force: true })
})

const TMPFS = 'a data dir on a 2 MiB tmpfs that fills up while running'
describe.runIf(mounted)(
  TMPFS +
    skipNote(
      Boolean(mounted),
      TMPFS,
      'no tmpfs can be mounted (needs root); the injected write failure below stands in'
    ),
  () => {
    const engines: Engine[] = []
    const listeners: CliProcess[] = []

    beforeAll(() => ensureBuilt(), 240_000)
    afterEach(async () => {
      await Promise.all(engines.splice(0).map((e) => e.close()))
      await Promise.all(listeners.splice(0).map((l) => l.stop('SIGKILL')))
      rmSync(join(root, 'filler'), { force: true })
    })

    it('full: 503 with Retry-After and the cause, kept in memory as not saved, a red notice; freed: 2xx, persisted, notice gone', async () => {
      const dir = join(root, 'engine')
      mkdirSync(dir)
      const engine = await createHeadlessEngine({ dataDir: dir, receiverOverrides: { port: 0 } })
      engines.push(engine)
      const raised: Notice[] = []
      const cleared: string[] = []
      engine.on('notice', (n) => raised.push(n))
      engine.on('notice-cleared', ({ id }) => cleared.push(id))
      const port = engine.receiverStatus().port!

      expect((await post(port, 'before')).status).toBe(200)
      fillDisk(root)
      const answered = ['before', ...(await postUntilRefused(port, 'full'))]

      const failing = await engine.getInfo()
      expect(failing.historyPersisted).toBe(false)
      const red = failing.notices.find((n) => n.level === 'error')
      expect(red?.message).toMatch(/History cannot be written: the disk is full \(ENOSPC\)/)
      expect(red?.message).toMatch(/503/)
      const refused = (await engine.listHistory({ limit: 1 }))[0] as Capture
      expect(refused.notSaved).toBe(true)
      expect(refused.response).toEqual({ status: 503, delayMs: 0, fault: 'none' })

      // Every later request tries again, and is refused while the disk stays full.
      for (let i = 0; i < 3; i++) expectRefused(await post(port, `still-full-${i}`))
      expect(raised.filter((n) => n.level === 'error')).toHaveLength(1)

      // Settings cannot be saved either: kept in memory, and said so.
      await engine.saveHook({ name: 'On a full disk', url: 'http://127.0.0.1:9/' })
      expect((await engine.getSettings()).hooks.map((h) => h.name)).toEqual(['On a full disk'])
      expect((await engine.getInfo()).notices.map((n) => n.message).join('\n')).toMatch(
        /Settings could not be saved/
      )

      freeDisk(root)
      const back = await post(port, 'after')
      expect(back.status).toBe(200)
      answered.push('after')
      const info = await engine.getInfo()
      expect(info.historyPersisted).toBe(true)
      expect(info.notices.some((n) => n.level === 'error')).toBe(false)
      expect(cleared).toEqual([red!.id])
      expect(info.notices.map((n) => n.message).join('\n')).toMatch(/History is written again/)
      const saved = (await engine.listHistory({ limit: 1 }))[0] as Capture
      expect(saved.notSaved).toBeUndefined()

      await engine.close()
      engines.splice(0)
      const reopened = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
      engines.push(reopened)
      const kept = (await reopened.listHistory({})).map(markerOf).reverse()
      expect(kept).toEqual(answered)
      console.log(
        `disk-full engine run: ${answered.length} answered 200 (before full, in the last page, after freeing), then 503 until space came back; all ${kept.length} present after a restart`
      )
      const notices = (await reopened.getInfo()).notices.map((n) => n.message).join('\n')
      expect(notices).not.toMatch(/unreadable/)
    }, 60_000)

    it('listen --data-dir killed with SIGKILL after a full disk and back: every 2xx capture is in the file', async () => {
      const dir = join(root, 'listen')
      const cli = startCli(['listen', '--json', '--port', '0', '--data-dir', dir])
      listeners.push(cli)
      const first = await cli.waitForLine((line) => line.includes('"listening"'), 20_000)
      const port = Number(new URL((JSON.parse(first) as { url: string }).url).port)

      const answered: string[] = []
      const statuses = new Map<number, number>()
      const flood = async (prefix: string, count: number): Promise<void> => {
        await Promise.all(
          Array.from({ length: 4 }, async (_, w) => {
            for (let i = w; i < count; i += 4) {
              const marker = `${prefix}-${i}`
              const response = await post(port, marker)
              statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
              if (response.status === 200) answered.push(marker)
              else expectRefused(response)
            }
          })
        )
      }
      await flood('a', 40)
      fillDisk(root)
      await flood('b', 60)
      await cli.waitForStderr('error: History cannot be written: the disk is full (ENOSPC)')
      freeDisk(root)
      await flood('c', 40)
      await cli.waitForStderr('History is written again')
      expect(statuses.get(503)).toBeGreaterThan(0)
      await cli.stop('SIGKILL')

      const journal = await openJournal({ file: join(dir, 'history.jsonl'), cap: 10_000 })
      try {
        const kept = new Set(journal.entries().map(markerOf))
        expect(answered.filter((m) => !kept.has(m))).toEqual([])
        expect(journal.loadReport.skipped).toBe(0)
        console.log(
          `disk-full listen run: statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${answered.length} answered 200, all ${journal.size} kept lines read back after SIGKILL`
        )
      } finally {
        await journal.close()
      }
    }, 90_000)
  }
)

const INJECTED = 'a journal whose writes fail by injection'
describe.runIf(!mounted)(
  INJECTED +
    skipNote(!mounted, INJECTED, 'a real 2 MiB tmpfs is mounted, so the test above runs instead'),
  () => {
    let journal: HistoryStore
    let receiver: RunningReceiver
    let failing = false
    const file = join(root, 'history.jsonl')

    beforeAll(async () => {
      journal = await openJournal({
        file,
        cap: 1000,
        write: (fd, bytes) => {
          if (failing) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' })
          writeAllSync(fd, bytes)
        }
      })
      receiver = await startReceiver({
        host: '127.0.0.1',
        port: 0,
        getBehavior: () => HEALTHY_BEHAVIOR,
        onCapture: async (capture) => {
          await journal.record(capture)
        }
      })
    })
    afterAll(async () => {
      await receiver.close()
      await journal.close()
    })

    it('failing: 503 with Retry-After and the cause; back: 2xx and persisted', async () => {
      const states: (string | null)[] = []
      journal.onWriteState((s) => states.push(s))
      expect((await post(receiver.port, 'before')).status).toBe(200)
      failing = true
      for (let i = 0; i < 3; i++) expectRefused(await post(receiver.port, `failing-${i}`))
      expect(journal.entries().filter((e) => e.type !== 'capacity' && e.notSaved)).toHaveLength(3)
      failing = false
      expect((await post(receiver.port, 'after')).status).toBe(200)
      expect(states).toEqual(['ENOSPC', null])
      const reread = await openJournal({ file, cap: 1000 })
      expect(reread.entries().map(markerOf)).toEqual(['before', 'after'])
      await reread.close()
    })
  }
)
