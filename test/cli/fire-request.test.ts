import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_RAW_BODY_BYTES } from '@shared/schemas'
import { buildEventBody } from '@shared/trialkit'
import { startEndpoint, type Endpoint } from '../helpers/endpoint'
import { ensureBuilt, hasStackTrace, runCli } from '../helpers/cli'

/** Each test runs the command several times; a loaded machine needs the headroom. */
const SLOW = 120_000

describe('fire sends the API request the composer sends', () => {
  let dir: string
  let endpoint: Endpoint
  const bodies: string[] = []

  beforeAll(async () => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-cli-fire-request-'))
    endpoint = await startEndpoint((_req, body, res) => {
      bodies.push(body)
      res.writeHead(200).end('{}')
    })
  }, 240_000)
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await endpoint.close()
  }, SLOW)

  it(
    'a field the API refuses is exit 2 naming its flag, before anything is printed or sent',
    async () => {
      const long = await runCli([
        'fire',
        'insert',
        '--url',
        endpoint.url,
        '--trans-id',
        'x'.repeat(201)
      ])
      expect(long).toMatchObject({
        code: 2,
        stdout: '',
        stderr: 'error: --trans-id: must be at most 200 characters\n'
      })
      const level = await runCli([
        'fire',
        'review',
        '--url',
        endpoint.url,
        '--wf-name',
        'n'.repeat(501)
      ])
      expect(level).toMatchObject({
        code: 2,
        stdout: '',
        stderr: 'error: --wf-name: must be at most 500 characters\n'
      })
      const file = join(dir, 'big.txt')
      writeFileSync(file, 'y'.repeat(MAX_RAW_BODY_BYTES + 1))
      const big = await runCli(['fire', 'insert', '--url', endpoint.url, '--raw-body-file', file])
      expect(big).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `error: --raw-body-file: must be at most ${MAX_RAW_BODY_BYTES.toLocaleString('en-US')} characters\n`
      })
      expect(hasStackTrace(long.stderr + level.stderr + big.stderr)).toBe(false)
      expect(bodies).toEqual([])
    },
    SLOW
  )

  it(
    'field flags are sent as the body the engine builds from them, its size on the request line',
    async () => {
      bodies.length = 0
      const fired = await runCli([
        'fire',
        'review',
        '--url',
        endpoint.url,
        '--form-name',
        'Vitals',
        '--wf-status',
        '12',
        '--no-wf-lock'
      ])
      const body = buildEventBody('review', {
        form_name: 'Vitals',
        wf: { wf_status: 12, wf_lock: false }
      })
      expect(fired.code).toBe(0)
      expect(bodies).toEqual([body])
      expect(fired.stdout.split('\n')[0]).toBe(
        `→ POST ${endpoint.url} (review, ${Buffer.byteLength(body)} bytes)`
      )
    },
    SLOW
  )
})
