import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine } from '@main/engine'
import { encodeBasicAuth } from '@shared/basic-auth'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { ensureBuilt, hasStackTrace, runCli, startCli, type CliProcess } from '../helpers/cli'
import { makeSshd, sshdUnavailable, type Sshd } from '../helpers/sshd'
import { skipNote } from '../helpers/skip-note'

const unavailable = sshdUnavailable()
const AUTH = ['--expect-auth', 'ann@site.org:s3cret']

interface Line {
  type: string
  url?: string
  provider?: string
  reason?: string
  auth?: { email?: string }
  response?: { status?: number }
}
const parse = (line: string): Line => JSON.parse(line) as Line

function linesOf(cli: CliProcess, type: string): Line[] {
  return cli.stdoutLines.map(parse).filter((l) => l.type === type)
}

/** A cloudflared that prints its documented quick-tunnel box, then waits (no network used). */
function fakeCloudflared(): string {
  const bin = mkdtempSync(join(tmpdir(), 'hi-cf-'))
  writeFileSync(
    join(bin, 'cloudflared'),
    [
      '#!/bin/sh',
      'echo "2024-01-01T00:00:00Z INF Requesting new quick Tunnel on trycloudflare.com..." >&2',
      'echo "2024-01-01T00:00:00Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |" >&2',
      'echo "2024-01-01T00:00:00Z INF |  https://quiet-river-abc.trycloudflare.com                                                |" >&2',
      'exec sleep 30',
      ''
    ].join('\n'),
    { mode: 0o755 }
  )
  return bin
}

describe('serve --public', () => {
  beforeAll(() => ensureBuilt(), 240_000)

  it('refuses without expected credentials in the behaviour, and goes public with --allow-anonymous', async () => {
    const bin = fakeCloudflared()
    const data = mkdtempSync(join(tmpdir(), 'hi-serve-public-'))
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, HOOK_INSPECTOR_TOKEN: 'a'.repeat(32) }
    const base = ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', data]
    try {
      const refused = await runCli([...base, '--public', 'cloudflared'], { env })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(
        /--public needs expected credentials with a non-empty email and password \(give --expect-auth EMAIL:PASSWORD \(or --expect-auth-env, --expect-auth-file\), or set them in the receiver's behaviour in the app\)/
      )
      const cli = startCli([...base, '--public', 'cloudflared', '--allow-anonymous'], env)
      try {
        await cli.waitFor(
          'stderr',
          /^Public URL: https:\/\/quiet-river-abc\.trycloudflare\.com\/$/m,
          20_000
        )
        await cli.waitFor('stdout', /^Hook Inspector: /m, 20_000)
      } finally {
        await cli.stop('SIGTERM')
      }
    } finally {
      rmSync(bin, { recursive: true, force: true })
      rmSync(data, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('serve --public with blank saved credentials', () => {
  beforeAll(() => ensureBuilt(), 240_000)

  it('is refused: an empty email and password are not credentials', async () => {
    const bin = fakeCloudflared()
    const data = mkdtempSync(join(tmpdir(), 'hi-serve-blank-'))
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, HOOK_INSPECTOR_TOKEN: 'b'.repeat(32) }
    try {
      const setup = await createHeadlessEngine({ dataDir: data, startReceiver: false })
      await setup.setBehavior({ ...HEALTHY_BEHAVIOR, expectedAuth: { email: '', password: '' } })
      await setup.close()
      const args = ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', data]
      const refused = await runCli([...args, '--public', 'cloudflared'], { env })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(
        /^error: --public needs expected credentials with a non-empty email and password/m
      )
      expect(refused.stdout).not.toMatch(/Hook Inspector: /)
    } finally {
      rmSync(bin, { recursive: true, force: true })
      rmSync(data, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('listen --public: usage', () => {
  beforeAll(() => ensureBuilt(), 240_000)

  it('refuses a public receiver without expected credentials, naming the way out', async () => {
    const r = await runCli(['listen', '--port', '0', '--public', 'cloudflared'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--public needs expected credentials .*--allow-anonymous/)
    expect(hasStackTrace(r.stderr)).toBe(false)
  })

  it('an empty password is no credential: --public with --expect-auth EMAIL: is refused', async () => {
    const r = await runCli([
      'listen',
      '--port',
      '0',
      '--public',
      'cloudflared',
      '--expect-auth',
      'ann@site.org:'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe(
      'error: --public needs expected credentials with a non-empty email and password (--expect-auth EMAIL:PASSWORD) or --allow-anonymous: anyone who finds the URL could send requests'
    )
  })

  it('names the flag for an unknown provider, a bad ssh target and a misplaced identity', async () => {
    const bad = await runCli(['listen', '--public', 'frp', ...AUTH])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--public: "frp" is not a provider')
    const target = await runCli(['listen', '--public', 'ssh:-oProxyCommand=x@h', ...AUTH])
    expect(target.code).toBe(2)
    expect(target.stderr).toContain('--public:')
    const identity = await runCli(['listen', '--public', 'ngrok', '--ssh-identity', 'k', ...AUTH])
    expect(identity.code).toBe(2)
    expect(identity.stderr).toContain('--ssh-identity is only used with --public ssh')
  })

  it('cloudflared missing from PATH is exit 1 with the reason, at once', async () => {
    const r = await runCli(['listen', '--port', '0', '--public', 'cloudflared', ...AUTH], {
      env: { PATH: '/nonexistent' }
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/cloudflared was not found on PATH/)
  })

  it('ngrok without an authtoken is exit 1 naming NGROK_AUTHTOKEN', async () => {
    const r = await runCli(['listen', '--port', '0', '--public', 'ngrok', '--allow-anonymous'], {
      env: { NGROK_AUTHTOKEN: '' }
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/ngrok needs an authtoken: set NGROK_AUTHTOKEN/)
  })

  it('a cloudflared on PATH that prints its quick-tunnel box gives the public line', async () => {
    const bin = fakeCloudflared()
    try {
      const cli = startCli(
        ['listen', '--port', '0', '--json', '--public', 'cloudflared', ...AUTH],
        {
          PATH: `${bin}:${process.env.PATH ?? ''}`
        }
      )
      try {
        const line = await cli.waitForLine((l) => l.includes('"public"'), 15_000)
        expect(parse(line)).toEqual({
          type: 'public',
          provider: 'cloudflared',
          url: 'https://quiet-river-abc.trycloudflare.com/'
        })
      } finally {
        await cli.stop('SIGTERM')
      }
    } finally {
      rmSync(bin, { recursive: true, force: true })
    }
  })
})

const SSH = 'listen --public ssh against a real OpenSSH server on loopback'
describe.runIf(unavailable === null)(
  SSH + skipNote(unavailable === null, SSH, unavailable ?? ''),
  () => {
    let dir: string
    let sshd: Sshd
    let dataDir: string

    beforeAll(async () => {
      ensureBuilt()
      dir = mkdtempSync(join(tmpdir(), 'hi-sshd-'))
      sshd = await makeSshd(join(dir, 'server'))
      await sshd.start()
    }, 240_000)
    afterAll(() => {
      sshd?.kill()
      rmSync(dir, { recursive: true, force: true })
    })

    const target = (): string => `ssh:${sshd.user}@127.0.0.1:${sshd.port}`
    const freshDataDir = (): string => mkdtempSync(join(dir, 'data-'))
    /** `listen --json` made public through the test's sshd with a key it accepts. */
    const publicListener = (data: string): CliProcess =>
      startCli(
        [
          'listen',
          '--port',
          '0',
          '--json',
          '--public',
          target(),
          '--ssh-identity',
          sshd.clientKey,
          ...AUTH
        ],
        { HOOK_INSPECTOR_DATA_DIR: data }
      )

    it('prints the public URL, and a POST to it is captured; the host key is remembered', async () => {
      dataDir = freshDataDir()
      const cli = publicListener(dataDir)
      try {
        const line = parse(await cli.waitForLine((l) => l.includes('"public"'), 30_000))
        expect(line.provider).toBe('ssh')
        expect(line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
        const res = await fetch(new URL('hook', line.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            authorization: encodeBasicAuth('ann@site.org', 's3cret')
          },
          body: '{"trans_id":"1","form_id":"2","form_name":"F","OnInsert":true}'
        })
        expect(res.status).toBe(200)
        await cli.waitForLine((l) => l.includes('"capture"'), 10_000)
        const [capture] = linesOf(cli, 'capture')
        expect(capture?.auth?.email).toBe('ann@site.org')
        // Without the credentials: refused, and recorded as refused.
        const anon = await fetch(new URL('hook', line.url), { method: 'POST', body: '{}' })
        expect(anon.status).toBe(401)
        await cli.waitForLine(() => linesOf(cli, 'capture').length >= 2, 10_000)
        expect(linesOf(cli, 'capture')[1]?.response?.status).toBe(401)
        expect(readFileSync(join(dataDir, 'known_hosts'), 'utf8')).toContain(
          sshd.hostKeyLine().split(' ')[2]
        )
      } finally {
        await cli.stop('SIGTERM')
      }
    }, 60_000)

    it('a changed host key is refused with a clear error, exit 1', async () => {
      const data = freshDataDir()
      writeFileSync(join(data, 'known_hosts'), `${sshd.otherHostKeyLine()}\n`, { mode: 0o600 })
      const r = await runCli(
        ['listen', '--port', '0', '--public', target(), '--ssh-identity', sshd.clientKey, ...AUTH],
        { env: { HOOK_INSPECTOR_DATA_DIR: data }, timeoutMs: 40_000 }
      )
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/host key of .* has changed since it was first trusted/)
      expect(hasStackTrace(r.stderr)).toBe(false)
    }, 60_000)

    it('a key the server does not accept is refused with a clear error, exit 1', async () => {
      const r = await runCli(
        [
          'listen',
          '--port',
          '0',
          '--public',
          target(),
          '--ssh-identity',
          sshd.strangerKey,
          ...AUTH
        ],
        { env: { HOOK_INSPECTOR_DATA_DIR: freshDataDir() }, timeoutMs: 40_000 }
      )
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/refused authentication .*--ssh-identity/)
    }, 60_000)

    it('a server that dies gives public-down, then a new public URL once it is back', async () => {
      const cli = publicListener(freshDataDir())
      try {
        await cli.waitForLine((l) => l.includes('"public"'), 30_000)
        sshd.kill()
        const down = parse(await cli.waitForLine((l) => l.includes('"public-down"'), 30_000))
        expect(down.reason).toBeTruthy()
        await sshd.start()
        await cli.waitForLine(() => linesOf(cli, 'public').length >= 2, 40_000)
        const again = linesOf(cli, 'public')[1]!
        const res = await fetch(new URL('again', again.url), {
          method: 'POST',
          headers: { authorization: encodeBasicAuth('ann@site.org', 's3cret') },
          body: '{}'
        })
        expect(res.status).toBe(200)
      } finally {
        await cli.stop('SIGTERM')
      }
    }, 120_000)
  }
)
