import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { RECORD_LIFECYCLE } from '@shared/scenarios/builtins'
import { serializeScenario } from '@shared/scenarios/scenario-file'
import { CREDENTIALS, good, startEndpoint, type Endpoint } from '../helpers/endpoint'
import { ensureBuilt, hasStackTrace, runCli } from '../helpers/cli'
import { junitSchemaErrors } from '../helpers/junit-schema'

describe('hook-inspector run', () => {
  let dir: string
  let endpoint: Endpoint

  beforeAll(async () => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-cli-run-'))
    endpoint = await startEndpoint(good)
  }, 120_000)
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await endpoint.close()
  })

  function file(name: string, text: string): string {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  it('exits 0 when every step of an exported scenario file passes on its own receiver', async () => {
    const path = file('lifecycle.json', serializeScenario(RECORD_LIFECYCLE))
    const r = await runCli(['run', path])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/✓ 6\. The lock is broken: success \(\d+ ms\)$/m)
    expect(r.stdout).toMatch(/^PASS: 6 of 6 steps as expected\.$/m)
  })

  it('runs a built-in scenario by name and reports one JSON object', async () => {
    const r = await runCli(['run', 'when-things-go-wrong', '--json'], { timeoutMs: 30_000 })
    expect(r.code).toBe(0)
    const result = JSON.parse(r.stdout) as { passed: boolean; steps: { actual: unknown }[] }
    expect(result.passed).toBe(true)
    expect(result.steps[2]!.actual).toEqual({ outcome: 'protocol-error', kind: 'timeout' })
  }, 40_000)

  it('exits 1 when a step differs, against an endpoint given by --url', async () => {
    const path = file(
      'expects-failure.json',
      JSON.stringify({
        name: 'Expects a timeout',
        steps: [
          {
            title: 'Insert',
            event: 'insert',
            expect: { outcome: 'protocol-error', kind: 'timeout' }
          }
        ]
      })
    )
    const r = await runCli(['run', path, '--url', endpoint.url])
    expect(r.code).toBe(1)
    // The endpoint wants credentials the scenario does not give: 401.
    expect(r.stdout).toMatch(/✗ 1\. Insert: ProtocolError \(http-status 401\) \(\d+ ms\)$/m)
    expect(r.stdout).toMatch(
      /expected ProtocolError \(timeout\), got ProtocolError \(http-status\)/
    )
    expect(r.stdout).toMatch(/^FAIL: 0 of 1 steps as expected\.$/m)
  })

  it('--junit writes one testcase per step, owner-only, in a schema CI servers read', async () => {
    const path = file(
      'expects-failure-junit.json',
      JSON.stringify({
        name: 'Expects a timeout',
        steps: [
          {
            title: 'Insert',
            event: 'insert',
            expect: { outcome: 'protocol-error', kind: 'timeout' }
          }
        ]
      })
    )
    const junit = join(dir, 'run-junit.xml')
    const r = await runCli(['run', path, '--url', endpoint.url, '--junit', junit])
    expect(r.code).toBe(1)
    expect(statSync(junit).mode & 0o777).toBe(0o600)
    const xml = readFileSync(junit, 'utf8')
    expect(await junitSchemaErrors(xml)).toEqual([])
    expect(xml).toMatch(
      /<testcase name="1\. Insert" classname="hook-inspector\.run\.Expects a timeout"/
    )
    expect(xml).toMatch(
      /<failure message="[^"]*expected ProtocolError \(timeout\), got ProtocolError \(http-status\)/
    )
  })

  it('exits 2 for an invalid file, naming the step and the field', async () => {
    const path = file(
      'bad.json',
      JSON.stringify({
        name: 'Bad',
        steps: [
          { title: 'Fine', event: 'insert', expect: { outcome: 'success' } },
          { title: 'Odd one', event: 'insert', expect: { outcome: 'protocol-error', kind: 'oops' } }
        ]
      })
    )
    const r = await runCli(['run', path])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/bad\.json: step 2 \(“Odd one”\), expect\.kind: /)
    expect(hasStackTrace(r.stderr)).toBe(false)
    const missing = await runCli(['run', join(dir, 'nope.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(
      /no such file \(built-in scenarios: record-lifecycle, when-things-go-wrong\)/
    )
    const url = await runCli(['run', path, '--url', 'ftp://x/'])
    expect(url.code).toBe(2)
    expect(url.stderr).toMatch(/--url: /)
  })

  it('sends --email and --password at every step without credentials of its own', async () => {
    const r = await runCli([
      'run',
      'record-lifecycle',
      '--url',
      endpoint.url,
      '--email',
      CREDENTIALS.email,
      '--password',
      CREDENTIALS.password
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^PASS: 6 of 6 steps as expected\.$/m)
    const lines = r.stdout.split('\n').filter((l) => /^✓ \d\. .*: success/.test(l))
    expect(lines).toHaveLength(6)
    for (const line of lines) expect(line).toMatch(/ \(\d+ ms\)$/)
    const bad = await runCli(['run', 'record-lifecycle', '--password', 'x'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--password needs --email/)
  })

  it('refuses a file whose step forwards unless --allow-forwarding, naming the step and the target', async () => {
    const forwarded: (string | null)[] = []
    const sink = await startEndpoint((req, _body, res) => {
      forwarded.push(req.headers.authorization ?? null)
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
    })
    try {
      const path = file(
        'forwards.json',
        JSON.stringify({
          name: 'Relay',
          steps: [
            { title: 'Plain', event: 'insert', expect: { outcome: 'success' } },
            {
              title: 'Relay it',
              event: 'insert',
              behavior: { ...HEALTHY_BEHAVIOR, forwardTo: sink.url },
              expect: { outcome: 'success' }
            }
          ]
        })
      )
      const flags = ['--email', 'me@example.org', '--password', 'real-secret']
      const refused = await runCli(['run', path, ...flags])
      expect(refused.code).toBe(2)
      expect(refused.stdout).toBe('')
      expect(refused.stderr.trim()).toBe(
        `error: ${path}: step 2 (“Relay it”) forwards to ${sink.url}; the receiver would send every request it gets, credentials included, to that address. Pass --allow-forwarding to run it anyway.`
      )
      expect(hasStackTrace(refused.stderr)).toBe(false)
      expect(forwarded).toEqual([])

      const allowed = await runCli(['run', path, ...flags, '--allow-forwarding'])
      expect(allowed.code).toBe(0)
      expect(allowed.stdout).toMatch(/^PASS: 2 of 2 steps as expected\.$/m)
      const basic = `Basic ${Buffer.from('me@example.org:real-secret').toString('base64')}`
      expect(forwarded).toEqual([basic])
    } finally {
      await sink.close()
    }
  })
})
