import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEndpoint, type Endpoint } from '../helpers/endpoint'
import { ensureBuilt, runCli } from '../helpers/cli'

/** `fire` prints the start of the answer's body: where an endpoint says why it refused. */
describe('fire shows the answer', () => {
  let endpoint: Endpoint

  beforeAll(async () => {
    ensureBuilt()
    endpoint = await startEndpoint((_req, _body, res) => {
      res
        .writeHead(415, { 'Content-Type': 'application/json' })
        .end(
          `{"error":"Unsupported Media Type: expected application/json","pad":"${'x'.repeat(200)}"}\u001b[2J`
        )
    })
  }, 240_000)
  afterAll(async () => {
    await endpoint.close()
  })

  it('prints the start of the body, cut at ~120 characters, below the status', async () => {
    const r = await runCli(['fire', 'insert', '--url', endpoint.url])
    expect(r.code).toBe(1)
    const lines = r.stdout.split('\n')
    expect(lines[1]).toMatch(/^← 415 Unsupported Media Type in \d+\.\d ms$/)
    const start = `{"error":"Unsupported Media Type: expected application/json","pad":"${'x'.repeat(200)}`
    expect(lines[2]).toBe(`  body: ${start.slice(0, 119)}…`)
  }, 120_000)
})
