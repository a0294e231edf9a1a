import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine } from '@main/engine'
import { startEndpoint, type Endpoint } from '../helpers/endpoint'
import { ensureBuilt, hasStackTrace, runCli } from '../helpers/cli'

describe('hook-inspector replay', () => {
  let dir: string
  let endpoint: Endpoint
  let status = 200
  const bodies: string[] = []
  let exchangeId = ''

  beforeAll(async () => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-cli-replay-'))
    endpoint = await startEndpoint((_req, body, res) => {
      bodies.push(body)
      res.writeHead(status).end('{}')
    })
    const engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
    const ex = await engine.fire({
      hook: { name: 'Site', url: endpoint.url },
      event: 'update',
      rawBody: '{"trans_id":"7","OnUpdate":true,"note":"ünï"}'
    })
    exchangeId = ex.id
    await engine.close()
  }, 120_000)
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await endpoint.close()
  })

  it('re-sends the exchange byte for byte and records it in the same history', async () => {
    const r = await runCli(['replay', exchangeId, '--data-dir', dir, '--json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as { ok: boolean; replayOf: string; id: string }
    expect(report).toMatchObject({ ok: true, replayOf: exchangeId })
    expect(bodies.at(-1)).toBe('{"trans_id":"7","OnUpdate":true,"note":"ünï"}')
    const engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
    const history = await engine.listHistory({ limit: 10 })
    await engine.close()
    expect(history.find((e) => e.id === report.id)).toMatchObject({ replayOf: exchangeId })
  })

  it('exits 1 with the ProtocolError when the endpoint now fails', async () => {
    status = 503
    const r = await runCli(['replay', exchangeId, '--data-dir', dir])
    status = 200
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/http-status/)
  })

  it('exits 2 for an unknown id or a bad URL, without a stack trace', async () => {
    const unknown = await runCli(['replay', 'exc_missing', '--data-dir', dir])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/No exchange or capture in the history has the id "exc_missing"/)
    expect(hasStackTrace(unknown.stderr)).toBe(false)
    const bad = await runCli(['replay', exchangeId, '--data-dir', dir, '--url', 'ftp://x/'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--url: /)
  })
})

describe('hook-inspector replay of an entry exported without secrets', () => {
  let dir: string
  let endpoint: Endpoint
  const auths: (string | undefined)[] = []
  let exchangeId = ''

  beforeAll(async () => {
    ensureBuilt()
    endpoint = await startEndpoint((req, _body, res) => {
      auths.push(req.headers.authorization)
      res.writeHead(200).end('{}')
    })
    const other = await createHeadlessEngine({ dataDir: null, startReceiver: false })
    await other.fire({
      hook: { name: 'Theirs', url: endpoint.url, email: 'ann@site.org', password: 'pä:ss' },
      event: 'insert'
    })
    const har = await other.exportHar({ includeSecrets: false })
    await other.close()
    auths.length = 0
    dir = mkdtempSync(join(tmpdir(), 'hi-cli-replay-redacted-'))
    const engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
    await engine.importFile({ text: har, fileName: 'redacted.har' })
    const [entry] = await engine.listHistory({ limit: 10 })
    exchangeId = entry!.id
    await engine.close()
  }, 120_000)
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await endpoint.close()
  })

  it('exits 2 naming the redacted Authorization, and sends nothing, without --email', async () => {
    const r = await runCli(['replay', exchangeId, '--data-dir', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      "error: This entry's Authorization was redacted when it was exported; give the email and password to send with it. Give them with --email and --password.\n"
    )
    expect(hasStackTrace(r.stderr)).toBe(false)
    expect(auths).toEqual([])
    const alone = await runCli(['replay', exchangeId, '--data-dir', dir, '--password', 'x'])
    expect(alone.code).toBe(2)
    expect(alone.stderr).toMatch(/--password needs --email/)
    const colon = await runCli(['replay', exchangeId, '--data-dir', dir, '--email', 'a:b'])
    expect(colon.code).toBe(2)
    expect(colon.stderr).toMatch(/^error: --email: must not contain ":"/)
    expect(auths).toEqual([])
  })

  it('sends the Basic header built from --email and --password', async () => {
    const r = await runCli([
      'replay',
      exchangeId,
      '--data-dir',
      dir,
      '--email',
      'ann@site.org',
      '--password',
      'pä:ss',
      '--json'
    ])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, replayOf: exchangeId })
    expect(auths).toEqual([`Basic ${Buffer.from('ann@site.org:pä:ss', 'utf8').toString('base64')}`])
  })
})
