import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureBuilt,
  hasStackTrace,
  ROOT,
  runCli,
  startJsonListener,
  type JsonListener
} from '../helpers/cli'

const fixture = (name: string): string =>
  readFileSync(join(ROOT, 'test', 'fixtures', 'trialkit', `${name}.json`), 'utf8')

type Capture = {
  id: string
  receivedAt: string
  method: string
  path: string
  query: Record<string, unknown>
  headers: [string, string][]
  bodyBase64: string
  bodySize: number
  truncated: boolean
  json: unknown
  jsonError: string | null
  auth: {
    scheme: string
    email: string | null
    password: string | null
    base64Valid: boolean
    matchesExpected: boolean | null
  } | null
  event: string | null
  response: { status: number; delayMs: number; fault: string }
}

describe('listen + fire, end to end', () => {
  let listener: JsonListener

  beforeAll(async () => {
    ensureBuilt()
    listener = await startJsonListener(['--expect-auth', 'monitor@example.org:s3cr:et'])
  }, 120_000)

  afterAll(async () => {
    await listener?.cli.stop()
  })

  it('prints the listening line first, with a loopback URL', () => {
    const first = JSON.parse(listener.cli.stdoutLines[0] ?? '{}') as { type: string; url: string }
    expect(first.type).toBe('listening')
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  it('fires insert, update and review with credentials; each arrives byte-exact and decoded', async () => {
    const before = listener.captures().length
    for (const event of ['insert', 'update', 'review']) {
      const result = await runCli([
        'fire',
        event,
        '--url',
        `${listener.url}hook?study=42`,
        '--email',
        'monitor@example.org',
        '--password',
        's3cr:et'
      ])
      expect(result.code, result.stderr).toBe(0)
      const bytes = Buffer.byteLength(fixture(event))
      expect(result.stdout).toContain(
        `→ POST ${listener.url}hook?study=42 (${event}, ${bytes} bytes)`
      )
      expect(result.stdout).toMatch(/← 200 OK in \d+\.\d ms/)
      expect(result.stderr).toBe('')
    }
    const captures = (await listener.waitForCaptures(before + 3)).slice(before) as Capture[]
    expect(captures.map((c) => c.event)).toEqual(['insert', 'update', 'review'])
    expect(listener.cli.stdoutLines.at(-1)).toMatch(/^\{"type":"capture",/)
    for (const c of captures) {
      expect(c.method).toBe('POST')
      expect(c.path).toBe('/hook')
      expect(c.query).toEqual({ study: '42' })
      expect(Buffer.from(c.bodyBase64, 'base64').toString('utf8')).toBe(fixture(c.event ?? ''))
      expect(c.bodySize).toBe(Buffer.byteLength(fixture(c.event ?? '')))
      expect(c.truncated).toBe(false)
      expect(c.jsonError).toBeNull()
      expect(c.auth).toEqual({
        scheme: 'Basic',
        email: 'monitor@example.org',
        password: 's3cr:et',
        base64Valid: true,
        matchesExpected: true
      })
      expect(c.response).toEqual({ status: 200, delayMs: 0, fault: 'none' })
      expect(typeof c.id).toBe('string')
      expect(Number.isNaN(Date.parse(c.receivedAt))).toBe(false)
      // Wire order and casing, exactly as TrialKit sends them.
      expect(c.headers.map(([name]) => name)).toEqual([
        'Host',
        'Content-Type',
        'Content-Length',
        'User-Agent',
        'Authorization',
        'Connection'
      ])
    }
  })

  it('refuses wrong credentials with 401: fire exits 1 with an http-status ProtocolError', async () => {
    const before = listener.captures().length
    const result = await runCli([
      'fire',
      'insert',
      '--url',
      listener.url,
      '--email',
      'monitor@example.org',
      '--password',
      'wrong'
    ])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/← 401 Unauthorized in/)
    expect(result.stderr).toMatch(/^ProtocolError \(http-status\): /m)
    const [capture] = (await listener.waitForCaptures(before + 1)).slice(before) as Capture[]
    expect(capture?.auth?.matchesExpected).toBe(false)
    expect(capture?.auth?.password).toBe('wrong')
    expect(capture?.response.status).toBe(401)
  })

  it('fire --json prints one JSON object with request, response, timings and timeout', async () => {
    const result = await runCli([
      'fire',
      'review',
      '--url',
      listener.url,
      '--email',
      'monitor@example.org',
      '--password',
      's3cr:et',
      '--timeout',
      '7',
      '--wf-status',
      '12',
      '--no-wf-lock',
      '--wf-sign',
      '--lock-broken',
      '--trans-id',
      '999',
      '--json'
    ])
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const report = JSON.parse(lines[0] ?? '')
    expect(report.ok).toBe(true)
    expect(report.event).toBe('review')
    expect(report.error).toBeNull()
    expect(report.timeoutMs).toBe(7000)
    expect(report.request.method).toBe('POST')
    expect(report.request.url).toBe(listener.url)
    expect(report.request.headers[0]).toEqual(['Host', new URL(listener.url).host])
    const body = JSON.parse(report.request.body)
    expect(body.trans_id).toBe('999')
    expect(body.wf_status).toBe(12)
    expect(body.wf_object).toMatchObject({
      wf_status: 12,
      wf_lock: false,
      wf_sign: true,
      wf_fl: true
    })
    expect(body.LockBroken).toBe(true)
    expect(report.response).toMatchObject({
      status: 200,
      body: '{"ok":true}',
      bodySize: 11,
      truncated: false
    })
    expect(report.response.headers.length).toBeGreaterThan(0)
    expect(typeof report.timings.totalMs).toBe('number')
    expect(typeof report.timings.connectMs).toBe('number')
    expect(typeof report.timings.firstByteMs).toBe('number')
  })

  it('sends --body and --body-file byte for byte', async () => {
    const raw = '{ "custom" : "é\\u00e9", "OnInsert": true }'
    const before = listener.captures().length
    const a = await runCli(['fire', 'insert', '--url', listener.url, '--body', raw])
    const file = join(ROOT, 'test', 'fixtures', 'trialkit', 'review.json')
    const b = await runCli(['fire', 'review', '--url', listener.url, '--body-file', file])
    expect(a.code).toBe(1) // no credentials: the listener expects some and answers 401
    expect(b.code).toBe(1)
    const captures = (await listener.waitForCaptures(before + 2)).slice(before) as Capture[]
    expect(Buffer.from(captures[0]?.bodyBase64 ?? '', 'base64').toString('utf8')).toBe(raw)
    expect(Buffer.from(captures[1]?.bodyBase64 ?? '', 'base64').equals(readFileSync(file))).toBe(
      true
    )
    expect(captures[1]?.auth).toBeNull()
    expect(hasStackTrace(a.stderr + b.stderr)).toBe(false)
  })
})
