import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { scenarioFromEntries } from '@shared/scenarios/from-history'
import { serializeScenario } from '@shared/scenarios/scenario-file'
import { ScenarioDraftSchema, type Capture, type Exchange } from '@shared/schemas'
import { startEndpoint, type Endpoint } from '../helpers/endpoint'
import { ensureBuilt, hasStackTrace, runCli } from '../helpers/cli'

/**
 * A customer's sequence recorded here (a saved insert, a review refused with a 500, a malformed
 * body refused with a 400), made a scenario from its history entries as "Save as scenario" does,
 * exported as a file and run by the built command against the same fixed endpoint.
 */
describe('a scenario saved from timeline rows runs with hook-inspector run', () => {
  let dir: string
  let endpoint: Endpoint
  let engine: Engine
  const received: string[] = []

  beforeAll(async () => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-cli-saved-'))
    endpoint = await startEndpoint((_req, body, res) => {
      received.push(body)
      if (body.includes('"OnReview":true')) res.writeHead(500).end('{"error":"review locked"}')
      else if (body.includes('"OnInsert":true')) res.writeHead(200).end('{}')
      else res.writeHead(400).end('{"error":"bad body"}')
    })
    engine = await createHeadlessEngine({ dataDir: null, receiverOverrides: { port: 0 } })
  }, 120_000)
  afterAll(async () => {
    await engine.close()
    await endpoint.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('exits 0 with every step as recorded, sending the recorded bodies in order', async () => {
    const hook = { name: 'Customer', url: endpoint.url, email: '', password: '' }
    const insert = await engine.fire({ hook, event: 'insert', fields: { trans_id: '501' } })
    const review = await engine.fire({ hook, event: 'review' })
    const malformed = await engine.fire({ hook, event: 'update', rawBody: '{"trans_id":5' })
    expect([insert.error, review.error?.kind, malformed.error?.kind]).toEqual([
      null,
      'http-status',
      'http-status'
    ])
    const byId = new Map(
      (await engine.listHistory({ limit: 100 })).map((e) => [e.id, e as Exchange | Capture])
    )
    const entries = [insert, review, malformed].map((e) => byId.get(e.id)!)
    const { draft } = scenarioFromEntries('Customer sequence', entries)
    const scenario = { ...ScenarioDraftSchema.parse(draft), id: 'scn_saved' }
    const path = join(dir, 'customer.scenario.json')
    writeFileSync(path, serializeScenario(scenario))
    received.length = 0

    const r = await runCli(['run', path, '--url', endpoint.url])
    expect(hasStackTrace(r.stderr)).toBe(false)
    expect(r.stdout).toMatch(
      new RegExp(`^✓ 1\\. insert \\(${insert.id}\\): success \\(\\d+ ms\\)$`, 'm')
    )
    expect(r.stdout).toMatch(
      new RegExp(
        `^✓ 2\\. review \\(${review.id}\\): ProtocolError \\(http-status 500\\) \\(\\d+ ms\\)$`,
        'm'
      )
    )
    expect(r.stdout).toMatch(
      new RegExp(
        `^✓ 3\\. update \\(${malformed.id}\\): ProtocolError \\(http-status 400\\) \\(\\d+ ms\\)$`,
        'm'
      )
    )
    expect(r.stdout).toMatch(/^PASS: 3 of 3 steps as expected\.$/m)
    expect(r.code).toBe(0)
    expect(received).toEqual([insert.request.body, review.request.body, '{"trans_id":5'])
  }, 60_000)
})
