import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  LAUNCHER,
  ensureBuilt,
  hasStackTrace,
  ROOT,
  runCli,
  startCli,
  startJsonListener
} from '../helpers/cli'

function run(
  command: string,
  args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('listen: lifecycle and human output', () => {
  beforeAll(() => ensureBuilt(), 120_000)

  it('SIGTERM closes the receiver and exits 0', async () => {
    const l = await startJsonListener()
    const exit = await l.cli.stop('SIGTERM')
    expect(exit).toEqual({ code: 0, signal: null })
    expect(hasStackTrace(l.cli.stderr)).toBe(false)
  })

  it('SIGINT exits 0 promptly even with a hung connection open', async () => {
    const l = await startJsonListener(['--fault', 'hang'])
    const { port } = new URL(l.url)
    const socket = connect(Number(port), '127.0.0.1')
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
    socket.on('error', () => undefined)
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}')
    await l.waitForCaptures(1)
    const started = Date.now()
    const exit = await l.cli.stop('SIGINT')
    expect(exit).toEqual({ code: 0, signal: null })
    expect(Date.now() - started).toBeLessThan(5000)
    await closed
  })

  it('a hang the caller left: the capture line, then a "capture-updated" saying when it left', async () => {
    const l = await startJsonListener(['--fault', 'hang'])
    try {
      const { port } = new URL(l.url)
      const socket = connect(Number(port), '127.0.0.1')
      socket.on('error', () => undefined)
      socket.write('POST /held HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}')
      const [capture] = await l.waitForCaptures(1)
      expect(capture).toMatchObject({ path: '/held', response: { fault: 'hang' } })
      expect(capture).not.toHaveProperty('unfinished')
      await new Promise((resolve) => setTimeout(resolve, 300))
      socket.end()
      const line = await l.cli.waitForLine((text) => text.includes('"capture-updated"'), 10_000)
      const updated = JSON.parse(line) as Record<string, unknown>
      expect(updated).toMatchObject({
        type: 'capture-updated',
        id: capture!.id,
        path: '/held',
        unfinished: { how: 'left-before-answer' }
      })
      expect((updated.unfinished as { afterMs: number }).afterMs).toBeGreaterThanOrEqual(250)
      // Still one "capture" per request.
      expect(l.captures()).toHaveLength(1)
    } finally {
      expect((await l.cli.stop()).code).toBe(0)
    }
  })

  it('text output: a hang the caller left gets a follow-up line in words', async () => {
    const cli = startCli(['listen', '--port', '0', '--fault', 'hang'])
    try {
      const listening = await cli.waitFor('stdout', /^Listening on (\S+)$/m)
      const { port } = new URL(listening[1]!)
      const socket = connect(Number(port), '127.0.0.1')
      socket.on('error', () => undefined)
      socket.write('POST /held HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}')
      const first = await cli.waitForLine((line) => line.includes('/held'), 10_000)
      expect(first).toMatch(/→ No answer: the connection is held open until the caller leaves$/)
      await new Promise((resolve) => setTimeout(resolve, 1100))
      socket.end()
      const follow = await cli.waitForLine((line) => line.includes('↳'), 10_000)
      expect(follow).toMatch(
        /^ {2}↳ \d\d:\d\d:\d\d\.\d{3} {2}POST \/held {2}No answer: held until the caller left after \d+\.\d s$/
      )
    } finally {
      expect((await cli.stop()).code).toBe(0)
    }
  })

  it('a port in use is exit 1 with one clear line', async () => {
    const l = await startJsonListener()
    try {
      const { port } = new URL(l.url)
      const result = await runCli(['listen', '--port', port])
      expect(result.code).toBe(1)
      expect(result.stderr.trim()).toMatch(
        new RegExp(`^error: Port ${port} on 127\\.0\\.0\\.1 is already in use`)
      )
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stdout).toBe('')
    } finally {
      await l.cli.stop()
    }
  })

  it('warns about a host other than loopback (here one this machine does not have: exit 1)', async () => {
    const result = await runCli([
      'listen',
      '--port',
      '0',
      '--host',
      '192.0.2.1',
      '--allow-anonymous'
    ])
    expect(result.stderr).toMatch(/^warning: listening on 192\.0\.2\.1 /m)
    expect(result.code).toBe(1)
    expect(hasStackTrace(result.stderr)).toBe(false)
  })

  it('prints one readable line per request without --json', async () => {
    const cli = startCli([
      'listen',
      '--port',
      '0',
      '--status',
      '202',
      '--header',
      'X-Trace: abc',
      '--expect-auth',
      'ana@example.org:pw'
    ])
    try {
      const first = await cli.waitForLine((line) => line.startsWith('Listening on '))
      const url = first.slice('Listening on '.length)
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      const ok = await runCli([
        'fire',
        'review',
        '--url',
        `${url}in`,
        '--email',
        'ana@example.org',
        '--password',
        'pw',
        '--json'
      ])
      expect(ok.code, ok.stderr).toBe(0)
      const report = JSON.parse(ok.stdout)
      expect(report.response.status).toBe(202)
      expect(report.response.headers).toContainEqual(['X-Trace', 'abc'])
      const bad = await runCli([
        'fire',
        'insert',
        '--url',
        url,
        '--email',
        'ana@example.org',
        '--password',
        'no'
      ])
      expect(bad.code).toBe(1)
      const reviewLine = await cli.waitForLine((line) => line.includes(' review '), 10_000, 1)
      expect(reviewLine).toMatch(
        /^\d\d:\d\d:\d\d\.\d{3} {2}POST \/in {2}review {2}auth ana@example\.org ✓ {2}\d+ B {2}→ 202$/
      )
      const insertLine = await cli.waitForLine((line) => line.includes(' insert '), 10_000, 1)
      expect(insertLine).toMatch(/POST \/ {2}insert {2}auth ana@example\.org ✗ {2}76 B {2}→ 401$/)
    } finally {
      expect((await cli.stop()).code).toBe(0)
    }
  })

  it('the launcher and `npm run --silent cli` print only the command output', async () => {
    const direct = await run(process.execPath, [LAUNCHER, '--version'])
    expect(direct.code).toBe(0)
    expect(direct.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    expect(direct.stderr).toBe('')
    const npm = await run('npm', [
      'run',
      '--silent',
      'cli',
      '--',
      'fire',
      'nope',
      '--url',
      'http://127.0.0.1:9/'
    ])
    expect(npm.code).toBe(2)
    expect(npm.stdout).toBe('')
    expect(npm.stderr).toContain('error: unknown event "nope"')
  })
})
