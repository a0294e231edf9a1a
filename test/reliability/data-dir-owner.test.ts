import {
  chmodSync,
  appendFileSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, request } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { HISTORY_FILE, LOCK_DIR, OWNER_FILE } from '@main/engine'
import { dataDirInUseMessage, type DataDirOwner } from '@shared/data-dir-owner'
import type { HistoryEntry, Settings } from '@shared/schemas'
import { ensureBuilt, hasStackTrace, runCli, startServe, type ServeProcess } from '../helpers/cli'
import { failOnProcessErrors } from './support/process-guard'

failOnProcessErrors()

const TOKEN = 'reliability-owner-token-0123456789'
/** Each test starts `serve` several times and sends hundreds of requests: room for a slow machine. */
const SLOW = 180_000
/** A history cap the journal is already over when a second process opens it (it compacted then). */
const CAP = 100

function markerOf(entry: HistoryEntry): string | null {
  if (entry.type !== 'capture') return null
  const match = /^\{"marker":"([\w-]+)"\}$/.exec(
    Buffer.from(entry.bodyBase64, 'base64').toString('utf8')
  )
  return match ? match[1]! : null
}

/** Sends `count` captures (8 at a time); returns the markers answered 200. */
async function capture(serve: ServeProcess, prefix: string, count: number): Promise<string[]> {
  const agent = new Agent({ connections: 8 })
  const answered: string[] = []
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) {
      const marker = `${prefix}-${next++}`
      const res = await request(`${serve.receiverUrl}owner`, {
        dispatcher: agent,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ marker }),
        headersTimeout: 10_000,
        bodyTimeout: 10_000
      })
      await res.body.dump()
      if (res.statusCode === 200) answered.push(marker)
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  await agent.destroy()
  return answered
}

/** The holder's record as the lock keeps it. */
function ownerOf(dir: string): DataDirOwner {
  return JSON.parse(readFileSync(join(dir, LOCK_DIR, OWNER_FILE), 'utf8')) as DataDirOwner
}

/** Every file and folder of the data dir with what a writer would change about it. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const info = lstatSync(join(dir, name))
    // A folder's mtime is left out: the lock's folder is refreshed while its holder runs, and a
    // file created in a folder shows up as a name of its own.
    const bytes = info.isFile() ? readFileSync(join(dir, name)).toString('base64') : ''
    const mtime = info.isFile() ? info.mtimeMs : ''
    out[name] = `${info.ino}:${info.mode.toString(8)}:${mtime}:${bytes}`
  }
  return out
}

describe('one owner per data dir: nothing answered 2xx is lost to a second process', () => {
  let root: string
  const running: ServeProcess[] = []
  let dirs = 0

  beforeAll(() => {
    ensureBuilt()
    root = mkdtempSync(join(tmpdir(), 'hi-rel-owner-'))
  }, 240_000)
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.cli.stop('SIGKILL')))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  async function serve(dir: string): Promise<ServeProcess> {
    const started = await startServe(dir, TOKEN)
    running.push(started)
    return started
  }

  /** A running `serve` whose journal already holds more lines than its cap. */
  async function fullServe(): Promise<{ dir: string; first: ServeProcess; before: string[] }> {
    const dir = join(root, `d${dirs++}`)
    const first = await serve(dir)
    await first.call('setPreferences', [{ historyCap: CAP }])
    const before = await capture(first, 'before', CAP + 20)
    expect(before).toHaveLength(CAP + 20)
    return { dir, first, before }
  }

  /** Stops whatever runs, starts `serve` again and returns the markers in its history. */
  async function afterRestart(dir: string): Promise<string[]> {
    for (const s of running.splice(0)) expect((await s.cli.stop('SIGTERM')).code).toBe(0)
    const again = await serve(dir)
    const entries = await again.call<HistoryEntry[]>('listHistory', [{}])
    return entries.map(markerOf).filter((m): m is string => m !== null)
  }

  function expectRefusedBy(
    result: { code: number | null; stderr: string },
    dir: string,
    holder: ServeProcess
  ) {
    expect(result.code).toBe(2)
    const owner = ownerOf(dir)
    expect(owner.pid).toBe(holder.cli.child.pid)
    expect(owner.command).toBe('hook-inspector serve')
    expect(result.stderr).toBe(`error: ${dataDirInUseMessage(dir, owner)}\n`)
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: data dir \\S+ is in use by pid ${owner.pid} \\(hook-inspector serve since \\d\\d:\\d\\d\\)\\n$`
      )
    )
    expect(hasStackTrace(result.stderr)).toBe(false)
  }

  it(
    'serve running, then export on the same data dir: export works, and the next 50 captures answered 200 survive a restart',
    async () => {
      const { dir, first, before } = await fullServe()
      const exported = await runCli(['export', '--format', 'har', '--data-dir', dir])
      expect(exported.code).toBe(0)
      const har = JSON.parse(exported.stdout) as { log: { entries: unknown[] } }
      // A snapshot of what was answered so far, within the cap.
      expect(har.log.entries).toHaveLength(Math.min(before.length, CAP))

      const after = await capture(first, 'after', 50)
      expect(after).toHaveLength(50)
      const kept = await afterRestart(dir)
      expect(after.filter((m) => kept.includes(m))).toHaveLength(50)
      console.log(`serve + export: ${after.length}/50 captures answered 200 present after restart`)
    },
    SLOW
  )

  it(
    'a second serve on the same data dir is refused (exit 2, naming the holder), and the first one keeps its next 30 captures',
    async () => {
      const { dir, first } = await fullServe()
      const port = new URL(first.receiverUrl).port
      const second = await runCli(
        ['serve', '--port', '0', '--receiver-port', port, '--data-dir', dir],
        { env: { HOOK_INSPECTOR_TOKEN: TOKEN } }
      )
      expectRefusedBy(second, dir, first)

      const after = await capture(first, 'after', 30)
      expect(after).toHaveLength(30)
      const kept = await afterRestart(dir)
      expect(after.filter((m) => kept.includes(m))).toHaveLength(30)
      console.log(`serve + second serve: ${after.length}/30 present after restart`)
    },
    SLOW
  )

  it(
    'fire --data-dir on a full journal is refused, and the 20 captures after it survive',
    async () => {
      const { dir, first } = await fullServe()
      const fired = await runCli(['fire', 'insert', '--url', first.receiverUrl, '--data-dir', dir])
      expectRefusedBy(fired, dir, first)

      const after = await capture(first, 'after', 20)
      expect(after).toHaveLength(20)
      const kept = await afterRestart(dir)
      expect(after.filter((m) => kept.includes(m))).toHaveLength(20)
      console.log(`serve + fire --data-dir: ${after.length}/20 present after restart`)
    },
    SLOW
  )

  it(
    'two serves on one data dir: the second is refused, the first keeps all 2,500 of its captures',
    async () => {
      const dir = join(root, `d${dirs++}`)
      const first = await serve(dir)
      const second = await runCli(
        ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', dir],
        {
          env: { HOOK_INSPECTOR_TOKEN: TOKEN }
        }
      )
      expectRefusedBy(second, dir, first)
      const answered = await capture(first, 'flood', 2500)
      expect(answered).toHaveLength(2500)
      const kept = new Set(await afterRestart(dir))
      expect(answered.filter((m) => kept.has(m))).toHaveLength(2500)
      console.log(`two serves: ${answered.length}/2500 present after restart`)
    },
    SLOW
  )

  it(
    'hooks and their passwords survive: a second writer cannot overwrite settings or secrets',
    async () => {
      const dir = join(root, `d${dirs++}`)
      const first = await serve(dir)
      await first.call('saveHook', [
        { name: 'First', url: 'http://127.0.0.1:9/a', email: 'a@x.org', password: 'pw-first' }
      ])
      const bundle = join(root, 'one-hook.hookinspector.json')
      const source = join(root, `d${dirs++}`)
      const other = await serve(source)
      await other.call('saveHook', [{ name: 'Imported', url: 'http://127.0.0.1:9/i' }])
      const exported = await runCli([
        'export',
        '--format',
        'bundle',
        '--data-dir',
        source,
        '--out',
        bundle
      ])
      expect(exported.code).toBe(0)
      const imported = await runCli(['import', bundle, '--data-dir', dir])
      expectRefusedBy(imported, dir, first)
      const second = await runCli(
        ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', dir],
        {
          env: { HOOK_INSPECTOR_TOKEN: TOKEN }
        }
      )
      expectRefusedBy(second, dir, first)
      await first.call('saveHook', [
        { name: 'Second', url: 'http://127.0.0.1:9/b', email: 'b@x.org', password: 'pw-second' }
      ])

      await other.cli.stop('SIGTERM')
      running.splice(running.indexOf(other), 1)
      await afterRestart(dir)
      const settings = await running[0]!.call<Settings>('getSettings')
      expect(settings.hooks.map((h) => [h.name, h.email, h.password])).toEqual([
        ['First', 'a@x.org', 'pw-first'],
        ['Second', 'b@x.org', 'pw-second']
      ])
    },
    SLOW
  )

  it(
    'every other writer is refused too, before touching anything: listen, check, capacity, replay',
    async () => {
      const dir = join(root, `d${dirs++}`)
      const first = await serve(dir)
      const before = fingerprint(dir)
      const target = 'http://127.0.0.1:9/hook'
      for (const args of [
        ['listen', '--port', '0'],
        ['check', '--url', target],
        ['capacity', '--url', target, '--yes'],
        ['replay', 'ex_missing']
      ]) {
        const result = await runCli([...args, '--data-dir', dir])
        expectRefusedBy(result, dir, first)
      }
      expect(fingerprint(dir)).toEqual(before)
    },
    SLOW
  )

  it(
    'a lock left by a killed process is taken over at the next start, which says so',
    async () => {
      const dir = join(root, `d${dirs++}`)
      const first = await serve(dir)
      const owner = ownerOf(dir)
      await first.cli.stop('SIGKILL')
      running.splice(0)
      const again = await serve(dir)
      await again.cli.waitForStderr('which no longer runs')
      expect(again.cli.stderr).toContain(
        `warning: data dir ${dir} was still locked by pid ${owner.pid} (hook-inspector serve since `
      )
      expect(ownerOf(dir).pid).toBe(again.cli.child.pid)
      // Released on a clean stop: nothing is left for the next start to take over.
      expect((await again.cli.stop('SIGTERM')).code).toBe(0)
      running.splice(0)
      expect(readdirSync(dir)).not.toContain(LOCK_DIR)
    },
    SLOW
  )

  it(
    'export only reads: a torn tail, an over-cap journal and wide modes are left exactly as they were',
    async () => {
      const dir = join(root, `d${dirs++}`)
      const first = await serve(dir)
      await first.call('setPreferences', [{ historyCap: CAP }])
      await capture(first, 'before', CAP + 20)
      expect((await first.cli.stop('SIGTERM')).code).toBe(0)
      running.splice(0)
      appendFileSync(join(dir, HISTORY_FILE), '{"torn')
      chmodSync(join(dir, HISTORY_FILE), 0o644)
      writeFileSync(join(dir, 'notes.txt'), 'mine')
      const before = fingerprint(dir)

      for (const format of ['har', 'bundle']) {
        const exported = await runCli(['export', '--format', format, '--data-dir', dir])
        expect(exported.code).toBe(0)
      }
      expect(fingerprint(dir)).toEqual(before)
    },
    SLOW
  )
})
