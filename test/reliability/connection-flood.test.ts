import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectionLimitMessage } from '@main/engine/services/connection-limit-notice'
import { receiverConnectionCap } from '@main/engine/receiver/connection-cap'
import type { AppInfo } from '@shared/schemas'
import { CliProcess, ensureBuilt, ROOT } from '../helpers/cli'
import { skipNote } from '../helpers/skip-note'

const FD_LIMIT = 512
/** Twice the process's open-files limit: without a cap, every descriptor would be taken. */
const FLOOD = 2 * FD_LIMIT
const TOKEN = 'flood-test-token-abcdefghijklmnopqrs'
const canRun = process.platform === 'linux'
const title = `a flood of ${FLOOD} connections under an open-files limit of ${FD_LIMIT}`

/** Opens one connection; resolves once it is open or was refused, with whether the server closed it. */
function openOne(port: number): Promise<{ socket: Socket; closedByServer: () => boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let closed = false
    socket.on('error', () => (closed = true))
    socket.on('close', () => (closed = true))
    socket.on('end', () => (closed = true))
    const done = (): void => resolve({ socket, closedByServer: () => closed })
    socket.once('connect', done)
    socket.once('error', done)
  })
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

describe('receiver connection cap (serve, real sockets, a lowered open-files limit)', () => {
  let dir: string
  let serve: CliProcess | null = null
  const flood: { socket: Socket; closedByServer: () => boolean }[] = []

  beforeAll(() => {
    if (canRun) ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-rel-flood-'))
  }, 300_000)
  afterAll(async () => {
    for (const f of flood) f.socket.destroy()
    await serve?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it.runIf(canRun)(
    `${title}: the receiver closes what is over its cap, the control API still answers, and the receiver recovers${skipNote(canRun, title, 'needs Linux for ulimit and /proc/self/limits')}`,
    async () => {
      serve = new CliProcess(
        spawn(
          'sh',
          [
            '-c',
            `ulimit -n ${FD_LIMIT} && exec "$0" "$@"`,
            process.execPath,
            join(ROOT, 'out', 'main', 'cli.js'),
            'serve',
            '--port',
            '0',
            '--receiver-port',
            '0',
            '--data-dir',
            dir
          ],
          { cwd: ROOT, env: { ...process.env, HOOK_INSPECTOR_TOKEN: TOKEN } }
        )
      )
      const base = new URL((await serve.waitFor('stdout', /^Hook Inspector: (\S+)$/m))[1]!).origin
      const receiverUrl = (await serve.waitFor('stderr', /^Receiver: (http:\/\/\S+)$/m))[1]!
      const port = Number(new URL(receiverUrl).port)
      const info = async (): Promise<AppInfo> => {
        const res = await fetch(`${base}/api/getInfo`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ args: [] }),
          signal: AbortSignal.timeout(10_000)
        })
        expect(res.status).toBe(200)
        return ((await res.json()) as { result: AppInfo }).result
      }

      for (let i = 0; i < FLOOD; i += 64) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(64, FLOOD - i) }, () => openOne(port))
        )
        flood.push(...batch)
      }
      // Those over the cap are closed by the receiver at once; the others stay open.
      const cap = receiverConnectionCap(FD_LIMIT)
      const deadline = Date.now() + 15_000
      while (flood.filter((f) => f.closedByServer()).length < FLOOD - cap) {
        if (Date.now() > deadline) break
        await delay(50)
      }
      const refused = flood.filter((f) => f.closedByServer()).length
      expect(refused).toBe(FLOOD - cap)

      // The control API (the UI's) still answers while the flood holds its connections, and the
      // refused connections are counted in one notice.
      const expected = connectionLimitMessage(cap, refused)
      let notices: string[] = []
      const noticeDeadline = Date.now() + 10_000
      while (!notices.includes(expected) && Date.now() < noticeDeadline) {
        notices = (await info()).notices.map((n) => n.message)
        await delay(200)
      }
      expect(notices.filter((m) => m.startsWith('The receiver is at its limit'))).toEqual([
        expected
      ])

      // Once the flood lets go, the receiver records and answers again.
      for (const f of flood) f.socket.destroy()
      const recovered = Date.now() + 10_000
      let status = 0
      while (status !== 200 && Date.now() < recovered) {
        status = await fetch(`${receiverUrl}after-flood`, {
          method: 'POST',
          body: '{"after":"flood"}',
          signal: AbortSignal.timeout(5000)
        }).then(
          (res) => res.status,
          () => 0
        )
        if (status !== 200) await delay(100)
      }
      expect(status).toBe(200)
    },
    120_000
  )
})
