import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Capture } from '@shared/schemas'
import {
  CliProcess,
  ensureBuilt,
  hasStackTrace,
  ROOT,
  runCli,
  startCli,
  startJsonListener,
  type CliResult,
  type JsonListener
} from '../helpers/cli'

import { skipNote } from '../helpers/skip-note'

const EMAIL = 'monitor@example.org'
const SECRET = 'S3cret:PW'
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${SECRET}`).toString('base64')}`

/** Runs a command with `input` on its stdin (a pipe, not a terminal). */
async function runWithStdin(args: string[], input: string, env: NodeJS.ProcessEnv = {}) {
  const cli = startCli(args, env)
  cli.child.stdin.end(input)
  const exit = await cli.wait(15_000)
  return { ...exit, stdout: cli.stdout, stderr: cli.stderr }
}

interface FireJson {
  ok: boolean
  request: { headers: [string, string][] }
}
const authHeader = (r: CliResult | { stdout: string }): string | undefined =>
  (JSON.parse(r.stdout) as FireJson).request.headers.find(([n]) => n === 'Authorization')?.[1]

describe('passwords from the environment, a file or stdin', () => {
  let dir: string
  let listener: JsonListener

  beforeAll(async () => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-secret-cli-'))
    writeFileSync(join(dir, 'expect'), `${EMAIL}:${SECRET}\n`, { mode: 0o600 })
    listener = await startJsonListener(['--expect-auth-file', join(dir, 'expect')])
  }, 240_000)
  afterAll(async () => {
    await listener?.cli.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const fire = (...extra: string[]): string[] => [
    'fire',
    'insert',
    '--url',
    listener.url,
    '--email',
    EMAIL,
    '--json',
    ...extra
  ]

  it('fire --password-env, --password-file and --password - all send the password', async () => {
    writeFileSync(join(dir, 'pw'), `${SECRET}\n`, { mode: 0o600 })
    const results = [
      await runCli(fire('--password-env', 'HI_TEST_PW'), { env: { HI_TEST_PW: SECRET } }),
      await runCli(fire('--password-file', join(dir, 'pw'))),
      await runWithStdin(fire('--password', '-'), `${SECRET}\n`)
    ]
    for (const r of results) {
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).not.toContain(SECRET)
    }
    const captures = (await listener.waitForCaptures(3)).slice(-3) as Capture[]
    expect(captures.map((c) => c.auth?.matchesExpected)).toEqual([true, true, true])
  })

  const noScript = spawnSync('script', ['--version']).error
    ? 'util-linux script is not installed'
    : null
  const TTY = 'fire --password - on a terminal prompts and reads the password without echo'
  it.runIf(noScript === null)(TTY + skipNote(noScript === null, TTY, noScript ?? ''), async () => {
    // `script` gives the command a pseudo-terminal; what it shows is what a person would see.
    const command = [
      process.execPath,
      join(ROOT, 'out', 'main', 'cli.js'),
      ...fire('--password', '-')
    ]
    const quoted = command.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')
    const terminal = new CliProcess(
      spawn('script', ['-qec', quoted, '/dev/null'], { cwd: ROOT, env: process.env })
    )
    const before = listener.captures().length
    try {
      await terminal.waitFor('stdout', /Password: $/, 15_000)
      terminal.child.stdin.write(`${SECRET}\r`)
      await terminal.waitFor('stdout', /"ok":true/, 15_000)
      expect(terminal.stdout).not.toContain(SECRET)
      expect(terminal.stdout).toMatch(/^Password: \r?\n\{"ok":true/)
      const [capture] = (await listener.waitForCaptures(before + 1)).slice(before) as Capture[]
      expect(capture?.auth?.matchesExpected).toBe(true)
    } finally {
      await terminal.stop('SIGKILL')
    }
  })

  it('fire --json shows the Authorization as "Basic [redacted]" unless --show-secrets', async () => {
    const hidden = await runCli(fire('--password', SECRET))
    expect(hidden.code).toBe(0)
    expect(authHeader(hidden)).toBe('Basic [redacted]')
    expect(hidden.stdout).not.toContain(BASIC.slice(6))
    const shown = await runCli(fire('--password', SECRET, '--show-secrets'))
    expect(authHeader(shown)).toBe(BASIC)
  })

  it('listen --expect-auth - and --expect-auth-env set the expected credentials', async () => {
    for (const [args, env, input] of [
      [['--expect-auth', '-'], {}, `${EMAIL}:${SECRET}\n`],
      [['--expect-auth-env', 'HI_TEST_AUTH'], { HI_TEST_AUTH: `${EMAIL}:${SECRET}` }, '']
    ] as const) {
      const cli = startCli(['listen', '--json', '--port', '0', ...args], env)
      cli.child.stdin.end(input)
      try {
        const line = await cli.waitForLine((l) => l.includes('"listening"'))
        const url = (JSON.parse(line) as { url: string }).url
        const anonymous = await fetch(url, { method: 'POST', body: '{}' })
        expect(anonymous.status).toBe(401)
        const signed = await fetch(url, {
          method: 'POST',
          headers: { authorization: BASIC },
          body: '{}'
        })
        expect(signed.status).toBe(200)
      } finally {
        await cli.stop()
      }
    }
  })

  it('serve --expect-auth-env saves the expected credentials in the behaviour', async () => {
    const data = mkdtempSync(join(dir, 'serve-'))
    const cli = startCli(
      [
        'serve',
        '--port',
        '0',
        '--receiver-port',
        '0',
        '--data-dir',
        data,
        '--expect-auth-env',
        'HI_TEST_AUTH'
      ],
      { HI_TEST_AUTH: `${EMAIL}:${SECRET}`, HOOK_INSPECTOR_TOKEN: 'a'.repeat(32) }
    )
    try {
      const receiver = await cli.waitFor('stderr', /^Receiver: (http:\/\/\S+)$/m)
      await cli.waitFor('stdout', /^Hook Inspector: /m)
      const anonymous = await fetch(receiver[1]!, { method: 'POST', body: '{}' })
      expect(anonymous.status).toBe(401)
      const signed = await fetch(receiver[1]!, {
        method: 'POST',
        headers: { authorization: BASIC },
        body: '{}'
      })
      expect(signed.status).toBe(200)
      expect(cli.stdout + cli.stderr).not.toContain(SECRET)
    } finally {
      await cli.stop()
    }
  })
})

describe('secret flags: usage errors name the source, never the secret', () => {
  beforeAll(() => ensureBuilt(), 240_000)

  const URL_OK = 'http://127.0.0.1:9/'
  const commands: [string, string[]][] = [
    ['fire', ['fire', 'insert', '--url', URL_OK]],
    ['check', ['check', '--url', URL_OK]],
    ['capacity', ['capacity', '--url', URL_OK]],
    ['run', ['run', 'record-lifecycle', '--url', URL_OK]],
    ['replay', ['replay', 'some-id', '--data-dir', tmpdir()]]
  ]
  it.each(commands)(
    '%s takes --password-env and names a variable that is not set',
    async (_, args) => {
      const r = await runCli([...args, '--email', EMAIL, '--password-env', 'HI_NOT_SET_PW'])
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(
        'error: --password-env: the environment variable HI_NOT_SET_PW is not set\n'
      )
    }
  )

  it.each(commands)('%s takes --password-file and names a file it cannot read', async (_, args) => {
    const missing = join(tmpdir(), 'hi-no-such-password-file')
    const r = await runCli([...args, '--email', EMAIL, '--password-file', missing])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      `error: --password-file: cannot read "${missing}" (ENOENT: no such file or directory, open '${missing}')\n`
    )
  })

  it('listen --expect-auth without a colon does not echo the value', async () => {
    const r = await runCli(['listen', '--port', '0', '--expect-auth', 'forgotcolon-SecretPW'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'error: --expect-auth must be EMAIL:PASSWORD with a non-empty email (no ":" in the value)\n'
    )
    expect(hasStackTrace(r.stderr)).toBe(false)
  })

  it('serve --expect-auth - from stdin without a colon does not echo the value', async () => {
    const r = await runWithStdin(
      ['serve', '--port', '0', '--data-dir', join(tmpdir(), 'hi-unused'), '--expect-auth', '-'],
      'forgotcolon-SecretPW\n'
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'error: --expect-auth must be EMAIL:PASSWORD with a non-empty email (no ":" in the value)\n'
    )
  })

  it('two sources of one password are refused, without the value', async () => {
    const r = await runCli(
      [
        'fire',
        'insert',
        '--url',
        URL_OK,
        '--email',
        EMAIL,
        '--password',
        'SecretPW',
        '--password-env',
        'X'
      ],
      { env: { X: 'y' } }
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'error: give only one of --password-env, --password-file and --password\n'
    )
  })
})
