import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, startCli, type CliProcess } from '../helpers/cli'
import {
  acceptsConnections,
  commandLineOf,
  descendantsOf,
  isRunning,
  within
} from '../helpers/processes'
import { skipNote } from '../helpers/skip-note'
import { makeSshd, sshdUnavailable, type Sshd } from '../helpers/sshd'

/** The time the issue allows a tunnel to outlive a killed app. */
const GONE_WITHIN_MS = 2_000
const AUTH = ['--expect-auth', 'ann@site.org:s3cret']
const linux = process.platform === 'linux'

/** The tunnel processes the command started: its descendants, with `program` among them. */
async function tunnelProcesses(cli: CliProcess, program: RegExp): Promise<number[]> {
  let pids: number[] = []
  const found = await within(10_000, () => {
    pids = descendantsOf(cli.child.pid!)
    return pids.some((pid) => program.test(commandLineOf(pid) ?? ''))
  })
  expect(found, `no ${program} among ${pids.map((p) => commandLineOf(p)).join(' | ')}`).not.toBe(
    null
  )
  return pids
}

/** A cloudflared that prints its quick-tunnel box, then stays up (no network used). */
function fakeCloudflared(): string {
  const bin = mkdtempSync(join(tmpdir(), 'hi-cf-'))
  writeFileSync(
    join(bin, 'cloudflared'),
    [
      '#!/bin/sh',
      'echo "2024-01-01T00:00:00Z INF |  https://quiet-river-abc.trycloudflare.com  |" >&2',
      'exec sleep 60',
      ''
    ].join('\n'),
    { mode: 0o755 }
  )
  return bin
}

const CF = 'serve --public cloudflared: the tunnel process ends with the app'
describe('a tunnel never outlives its owner', () => {
  beforeAll(() => ensureBuilt(), 240_000)

  it.runIf(linux)(
    CF + skipNote(linux, CF, 'reads processes from /proc'),
    async () => {
      const bin = fakeCloudflared()
      const data = mkdtempSync(join(tmpdir(), 'hi-serve-owner-'))
      const cli = startCli(
        [
          'serve',
          '--port',
          '0',
          '--receiver-port',
          '0',
          '--data-dir',
          data,
          '--public',
          'cloudflared',
          '--allow-anonymous'
        ],
        { PATH: `${bin}:${process.env.PATH ?? ''}`, HOOK_INSPECTOR_TOKEN: 'a'.repeat(32) }
      )
      try {
        await cli.waitFor('stderr', /^Public URL: https:\/\/quiet-river-abc/m, 20_000)
        const pids = await tunnelProcesses(cli, /\bsleep 60\b/)
        cli.child.kill('SIGKILL')
        await cli.wait()
        const tookMs = await within(GONE_WITHIN_MS, () => !pids.some(isRunning))
        expect(
          tookMs,
          `still running: ${pids.filter(isRunning).map((p) => commandLineOf(p))}`
        ).not.toBe(null)
      } finally {
        await cli.stop('SIGKILL')
        rmSync(bin, { recursive: true, force: true })
        rmSync(data, { recursive: true, force: true })
      }
    },
    60_000
  )
})

const unavailable = sshdUnavailable()
const SSH = 'the ssh tunnel against a real OpenSSH server on loopback'
describe.runIf(unavailable === null)(
  SSH + skipNote(unavailable === null, SSH, unavailable ?? ''),
  () => {
    let dir: string
    let sshd: Sshd

    beforeAll(async () => {
      ensureBuilt()
      dir = mkdtempSync(join(tmpdir(), 'hi-sshd-owner-'))
      sshd = await makeSshd(join(dir, 'server'))
      await sshd.start()
    }, 240_000)
    afterAll(() => {
      sshd?.kill()
      rmSync(dir, { recursive: true, force: true })
    })

    const publicListener = (data: string, identity = sshd.clientKey): CliProcess =>
      startCli(
        [
          'listen',
          '--port',
          '0',
          '--json',
          '--public',
          `ssh:${sshd.user}@127.0.0.1:${sshd.port}`,
          '--ssh-identity',
          identity,
          ...AUTH
        ],
        { HOOK_INSPECTOR_DATA_DIR: data }
      )

    it('kill -9 of listen: within 2 s ssh is gone and the remote port is closed', async () => {
      const cli = publicListener(mkdtempSync(join(dir, 'data-')))
      try {
        const line = await cli.waitForLine((l) => l.includes('"public"'), 30_000)
        const remotePort = Number(new URL((JSON.parse(line) as { url: string }).url).port)
        expect(await acceptsConnections(remotePort)).toBe(true)
        const pids = await tunnelProcesses(cli, /^ssh /)
        cli.child.kill('SIGKILL')
        await cli.wait()
        const tookMs = await within(
          GONE_WITHIN_MS,
          async () => !pids.some(isRunning) && !(await acceptsConnections(remotePort))
        )
        expect(
          tookMs,
          `still running: ${pids.filter(isRunning).map((p) => commandLineOf(p))}`
        ).not.toBe(null)
        console.log(`tunnel gone ${tookMs} ms after kill -9 of listen`)
      } finally {
        await cli.stop('SIGKILL')
      }
    }, 60_000)

    it('a data dir with a space keeps the host key inside it, in an owner-only file', async () => {
      const parent = mkdtempSync(join(dir, 'parent-'))
      const data = join(parent, 'Application Support')
      mkdirSync(data, { mode: 0o700 })
      // A key path with a space and a "%", which ssh would otherwise expand.
      const key = join(data, 'client key 100%')
      copyFileSync(sshd.clientKey, key)
      chmodSync(key, 0o600)
      const cli = publicListener(data, key)
      try {
        await cli.waitForLine((l) => l.includes('"public"'), 30_000)
        const knownHosts = join(data, 'known_hosts')
        expect(readFileSync(knownHosts, 'utf8')).toContain(sshd.hostKeyLine().split(' ')[2])
        expect(statSync(knownHosts).mode & 0o777).toBe(0o600)
        // Split at the space, ssh would have written to ".../Application" instead.
        expect(existsSync(join(parent, 'Application'))).toBe(false)
      } finally {
        await cli.stop('SIGTERM')
      }
    }, 60_000)
  }
)
