import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, hasStackTrace, runCli } from '../helpers/cli'

const URL_OK = 'http://127.0.0.1:9/'

describe('bad usage and input: exit 2, a message naming the flag, no stack trace', () => {
  let dir: string

  beforeAll(() => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-cli-usage-'))
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const cases: [string, () => string[], RegExp][] = [
    ['an unknown event', () => ['fire', 'delete', '--url', URL_OK], /unknown event "delete"/],
    [
      'a relative URL',
      () => ['fire', 'insert', '--url', 'not a url'],
      /--url: .*not an absolute URL/
    ],
    ['an ftp URL', () => ['fire', 'insert', '--url', 'ftp://127.0.0.1/'], /--url: .*ftp/],
    ['a missing --url', () => ['fire', 'insert'], /--url/],
    [
      'invalid JSON in --body',
      () => ['fire', 'insert', '--url', URL_OK, '--body', '{nope'],
      /--body is not valid JSON/
    ],
    [
      'both --body and --body-file',
      () => ['fire', 'insert', '--url', URL_OK, '--body', '{}', '--body-file', join(dir, 'x.json')],
      /--body and --body-file/
    ],
    [
      'an unreadable --body-file',
      () => ['fire', 'insert', '--url', URL_OK, '--body-file', join(dir, 'missing.json')],
      /--body-file .*cannot be read/
    ],
    [
      'a --body-file that is not JSON',
      () => {
        writeFileSync(join(dir, 'text.json'), 'hello')
        return ['fire', 'insert', '--url', URL_OK, '--body-file', join(dir, 'text.json')]
      },
      /--body-file is not valid JSON/
    ],
    [
      'a --body-file that is not UTF-8',
      () => {
        writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x22, 0xe9, 0x22]))
        return ['fire', 'insert', '--url', URL_OK, '--body-file', join(dir, 'latin1.json')]
      },
      /--body-file .*not valid UTF-8/
    ],
    [
      'a bad --timeout',
      () => ['fire', 'insert', '--url', URL_OK, '--timeout', 'abc'],
      /--timeout must be a whole number from 1 to 300/
    ],
    [
      'a --timeout out of range',
      () => ['fire', 'insert', '--url', URL_OK, '--timeout', '301'],
      /--timeout must be a whole number from 1 to 300/
    ],
    [
      'a bad --wf-id',
      () => ['fire', 'review', '--url', URL_OK, '--wf-id', '1.5'],
      /--wf-id must be a whole number/
    ],
    [
      'a --password without --email',
      () => ['fire', 'insert', '--url', URL_OK, '--password', 'x'],
      /--password needs --email/
    ],
    [
      'an unknown flag',
      () => ['fire', 'insert', '--url', URL_OK, '--bogus'],
      /unknown option '--bogus'/
    ],
    [
      'a bad --status',
      () => ['listen', '--port', '0', '--status', '600'],
      /--status must be a whole number from 100 to 599/
    ],
    [
      'a non-numeric --status',
      () => ['listen', '--port', '0', '--status', 'ok'],
      /--status must be a whole number from 100 to 599/
    ],
    [
      'a bad --port',
      () => ['listen', '--port', '70000'],
      /--port must be a whole number from 0 to 65535/
    ],
    [
      'a bad --delay',
      () => ['listen', '--port', '0', '--delay', '500-100'],
      /--delay must be MS or MIN-MAX/
    ],
    [
      'a bad --fault',
      () => ['listen', '--port', '0', '--fault', 'explode'],
      /--fault must be one of none, hang, drop, reset, slow-body/
    ],
    [
      'a bad --header',
      () => ['listen', '--port', '0', '--header', 'no colon'],
      /--header must look like "Name: value"/
    ],
    [
      'a bad --expect-auth',
      () => ['listen', '--port', '0', '--expect-auth', 'nocolon'],
      /--expect-auth must be EMAIL:PASSWORD/
    ],
    [
      'a bad --body-limit',
      () => ['listen', '--port', '0', '--body-limit', '0'],
      /--body-limit must be a whole number/
    ],
    [
      'a bad serve --port',
      () => ['serve', '--port', 'x'],
      /--port must be a whole number from 0 to 65535/
    ],
    [
      'a non-loopback serve --host',
      () => ['serve', '--port', '0', '--host', '0.0.0.0'],
      /--host must be one of 127\.0\.0\.1, ::1, localhost/
    ],
    ['an unknown command', () => ['explode'], /unknown command 'explode'/]
  ]

  it.each(cases)('%s', async (_name, args, message) => {
    const result = await runCli(args())
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stdout).toBe('')
    expect(hasStackTrace(result.stderr)).toBe(false)
  })

  it('a bad HOOK_INSPECTOR_TOKEN is named', async () => {
    const result = await runCli(['serve', '--port', '0', '--data-dir', dir], {
      env: { HOOK_INSPECTOR_TOKEN: 'short' }
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/HOOK_INSPECTOR_TOKEN must be/)
  })

  it('--help describes every flag and --version prints the version', async () => {
    const fire = await runCli(['fire', '--help'])
    expect(fire.code).toBe(0)
    for (const flag of [
      '--url',
      '--email',
      '--password',
      '--timeout',
      '--trans-id',
      '--form-id',
      '--form-name',
      '--wf-id',
      '--wf-seq',
      '--wf-name',
      '--wf-status',
      '--wf-lock',
      '--no-wf-lock',
      '--wf-sign',
      '--wf-soft',
      '--wf-fl',
      '--no-wf-fl',
      '--lock-broken',
      '--body',
      '--body-file',
      '--raw-body',
      '--raw-body-file',
      '--insecure',
      '--data-dir',
      '--json'
    ]) {
      expect(fire.stdout).toContain(flag)
    }
    const listen = await runCli(['listen', '--help'])
    for (const flag of [
      '--port',
      '--host',
      '--status',
      '--body',
      '--header',
      '--delay',
      '--fault',
      '--expect-auth',
      '--body-limit',
      '--json'
    ]) {
      expect(listen.stdout).toContain(flag)
    }
    const serve = await runCli(['serve', '--help'])
    for (const flag of ['--port', '--receiver-port', '--data-dir', '--open', '--host']) {
      expect(serve.stdout).toContain(flag)
    }
    const version = await runCli(['--version'])
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })
})
