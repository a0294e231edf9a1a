import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine } from '../../src/main/engine'
import { startEndpoint, type Endpoint } from '../integration/check/endpoints'
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
