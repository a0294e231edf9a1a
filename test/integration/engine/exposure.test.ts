import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { encodeBasicAuth } from '@shared/basic-auth'
import { behaviorPreset, HEALTHY_BEHAVIOR } from '@shared/presets'
import { runStep } from '@shared/scenarios/run-scenario'
import type { Behavior, Scenario } from '@shared/schemas'

const CREDS = { email: 'ann@site.org', password: 's3cret' }
const NEEDS =
  'it needs expected credentials with a non-empty email and password, unless anonymous access is chosen (--allow-anonymous, or confirm anonymous access in the app).'
const PUBLIC =
  'is refused: the receiver is public through a tunnel, so anyone who finds its URL could send it requests; '

let bin: string
let savedPath: string | undefined
const engines: Engine[] = []

/** A cloudflared that prints its quick-tunnel box and waits: a tunnel "up" without any network. */
beforeAll(() => {
  bin = mkdtempSync(join(tmpdir(), 'hi-exposure-cf-'))
  writeFileSync(
    join(bin, 'cloudflared'),
    [
      '#!/bin/sh',
      'echo "INF |  https://quiet-river-abc.trycloudflare.com  |" >&2',
      'exec sleep 60',
      ''
    ].join('\n'),
    { mode: 0o755 }
  )
  savedPath = process.env.PATH
  process.env.PATH = `${bin}:${savedPath ?? ''}`
})
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})
afterAll(() => {
  process.env.PATH = savedPath
  rmSync(bin, { recursive: true, force: true })
})

async function engineWith(
  behavior: Partial<Behavior>,
  options: { allowAnonymous?: boolean } = {}
): Promise<Engine> {
  const engine = await createHeadlessEngine({
    dataDir: null,
    receiverOverrides: { port: 0 },
    ...options
  })
  engines.push(engine)
  await engine.setBehavior({ ...HEALTHY_BEHAVIOR, ...behavior })
  return engine
}

/** The status a POST to the receiver gets, with this Authorization value (or none). */
function statusOf(engine: Engine, authorization?: string): Promise<number> {
  const url = new URL(engine.receiverStatus().url!)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/hook',
        headers: authorization === undefined ? {} : { authorization }
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode!))
      }
    )
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')))
    req.on('error', reject)
    req.end('{}')
  })
}

describe('a public receiver always needs real credentials', () => {
  it('a tunnel does not come up with empty expected credentials', async () => {
    const engine = await engineWith({ expectedAuth: { email: '', password: '' } })
    await expect(engine.startPublic({ provider: 'cloudflared' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'expectedAuth',
      message: `Making the receiver public ${PUBLIC}${NEEDS}`
    })
    expect((await engine.getPublicStatus()).state).toBe('off')
    const blankPassword = await engineWith({ expectedAuth: { email: 'a@b.c', password: '' } })
    await expect(blankPassword.startPublic({ provider: 'cloudflared' })).rejects.toThrow(
      /^Making the receiver public is refused/
    )
  })

  it('while public, setBehavior may not clear or blank the expected credentials', async () => {
    const engine = await engineWith({ expectedAuth: CREDS })
    expect((await engine.startPublic({ provider: 'cloudflared' })).state).toBe('up')
    for (const expectedAuth of [null, { email: '', password: '' }, { ...CREDS, password: '' }]) {
      await expect(engine.setBehavior({ ...HEALTHY_BEHAVIOR, expectedAuth })).rejects.toMatchObject(
        { field: 'expectedAuth', message: `This behaviour ${PUBLIC}${NEEDS}` }
      )
    }
    expect((await engine.getSettings()).behavior.expectedAuth).toEqual(CREDS)
    expect(await statusOf(engine)).toBe(401)
    expect(await statusOf(engine, encodeBasicAuth('', ''))).toBe(401)
    expect(await statusOf(engine, encodeBasicAuth(CREDS.email, CREDS.password))).toBe(200)
    // Changing the credentials to other real ones is fine.
    const other = { email: 'bob@site.org', password: 'x' }
    await expect(
      engine.setBehavior({ ...HEALTHY_BEHAVIOR, expectedAuth: other })
    ).resolves.toMatchObject({ expectedAuth: other })
    // Once the tunnel is down, the receiver is loopback only again: clearing is allowed.
    await engine.stopPublic()
    await expect(
      engine.setBehavior({ ...HEALTHY_BEHAVIOR, expectedAuth: null })
    ).resolves.toMatchObject({ expectedAuth: null })
  })

  it('while public, a scenario step and an import that would clear them are refused, naming why', async () => {
    const engine = await engineWith({ expectedAuth: CREDS })
    const bundle = await engine.exportBundle({})
    await engine.startPublic({ provider: 'cloudflared' })
    const scenario: Scenario = {
      id: 'scn-1',
      name: 'Preset step',
      description: '',
      timeoutSeconds: 5,
      steps: [
        {
          title: 'Healthy',
          narration: '',
          event: 'insert',
          behavior: { preset: 'Healthy' },
          pauseMs: 0,
          expect: { outcome: 'success' }
        }
      ]
    }
    const target = { url: engine.receiverStatus().url!, builtIn: true }
    const step = await runStep(engine, scenario, 0, target)
    expect(step).toMatchObject({
      passed: false,
      exchange: null,
      message: `This behaviour ${PUBLIC}${NEEDS}`
    })
    // The bundle carries the expected email but not the password: importing it would blank it.
    await expect(engine.importFile({ text: bundle })).rejects.toThrow(
      `Importing this bundle ${PUBLIC}${NEEDS}`
    )
    expect((await engine.getSettings()).behavior.expectedAuth).toEqual(CREDS)
  })

  it('anonymous access chosen for the tunnel lets the credentials go, and presets are then applied', async () => {
    const engine = await engineWith({ expectedAuth: null })
    const status = await engine.startPublic({ provider: 'cloudflared', allowAnonymous: true })
    expect(status.state).toBe('up')
    await expect(engine.setBehavior(behaviorPreset('Server error'))).resolves.toMatchObject({
      expectedAuth: null
    })
    expect(await statusOf(engine)).toBe(500)
  })
})

describe('a receiver beyond loopback is treated like a public one', () => {
  it('does not start on 0.0.0.0 without credentials, unless anonymous access was chosen', async () => {
    await expect(
      createHeadlessEngine({ dataDir: null, receiverOverrides: { host: '0.0.0.0', port: 0 } })
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: `Listening on 0.0.0.0 is refused: the receiver listens on 0.0.0.0, so other machines can send it requests; ${NEEDS}`
    })
    const anonymous = await createHeadlessEngine({
      dataDir: null,
      receiverOverrides: { host: '0.0.0.0', port: 0 },
      allowAnonymous: true
    })
    engines.push(anonymous)
    expect(anonymous.receiverStatus()).toMatchObject({ running: true, exposed: true })
  })

  it('moving a running receiver to 0.0.0.0 without credentials is refused and it stays on loopback', async () => {
    const engine = await engineWith({ expectedAuth: { email: 'a@b.c', password: '' } })
    const status = await engine.startReceiver({ host: '0.0.0.0', port: 0 })
    expect(status).toMatchObject({
      running: true,
      host: '127.0.0.1',
      exposed: false,
      error: `Listening on 0.0.0.0 is refused: the receiver listens on 0.0.0.0, so other machines can send it requests; ${NEEDS}`
    })
  })

  it('on 0.0.0.0 with credentials, nothing may clear them', async () => {
    const engine = await engineWith({ expectedAuth: CREDS })
    const status = await engine.startReceiver({ host: '0.0.0.0', port: 0 })
    expect(status).toMatchObject({ running: true, exposed: true, error: null })
    await expect(
      engine.setBehavior({ ...HEALTHY_BEHAVIOR, expectedAuth: null })
    ).rejects.toMatchObject({
      message: `This behaviour is refused: the receiver listens on 0.0.0.0, so other machines can send it requests; ${NEEDS}`
    })
    expect(await statusOf(engine)).toBe(401)
    // The app's explicit choice (allowAnonymous) lets them go.
    await engine.allowAnonymous()
    await expect(
      engine.setBehavior({ ...HEALTHY_BEHAVIOR, expectedAuth: null })
    ).resolves.toMatchObject({ expectedAuth: null })
    expect(await statusOf(engine)).toBe(200)
  })
})
