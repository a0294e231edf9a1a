import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, ReceiverListenError, type Engine } from '@main/engine'
import type { Notice } from '@shared/schemas'
import { formatRequest } from '../helpers/raw-client'
import { ensureBuilt, hasStackTrace, startCli, startServe } from '../helpers/cli'
import { failOnProcessErrors } from './support/process-guard'
import { roundTrip } from './support/raw'

failOnProcessErrors()

/** Holds a loopback port so that nothing else can listen on it. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return { port: (server.address() as { port: number }).port, server }
}

let root: string
let taken: { port: number; server: Server }

beforeAll(async () => {
  ensureBuilt()
  root = mkdtempSync(join(tmpdir(), 'hi-rel-ports-'))
  taken = await occupyPort()
}, 240_000)
afterAll(async () => {
  await new Promise<void>((resolve) => taken.server.close(() => resolve()))
  rmSync(root, { recursive: true, force: true })
})

describe('a port in use at start', () => {
  it('CLI listen: exit 1 with a message naming the port, no stack trace', async () => {
    const cli = startCli(['listen', '--port', String(taken.port)])
    const exit = await cli.wait()
    expect(exit.code).toBe(1)
    expect(cli.stderr).toMatch(new RegExp(`^error: .*\\b${taken.port}\\b.*already in use`, 'm'))
    expect(hasStackTrace(cli.stderr)).toBe(false)
    expect(cli.stdout).toBe('')
  })

  it('CLI serve: a taken receiver port or control port is exit 1 naming it', async () => {
    for (const flag of ['--receiver-port', '--port']) {
      const other = flag === '--port' ? '--receiver-port' : '--port'
      const cli = startCli([
        'serve',
        flag,
        String(taken.port),
        other,
        '0',
        '--data-dir',
        join(root, `serve-${flag}`)
      ])
      const exit = await cli.wait()
      expect(exit.code, flag).toBe(1)
      expect(cli.stderr, flag).toMatch(new RegExp(`error: .*\\b${taken.port}\\b.*in use`))
      expect(hasStackTrace(cli.stderr), flag).toBe(false)
    }
  })

  it("engine with portConflict 'next-free': the receiver takes the next free port", async () => {
    const engine = await createHeadlessEngine({
      dataDir: null,
      portConflict: 'next-free',
      receiverOverrides: { port: taken.port }
    })
    try {
      const status = engine.receiverStatus()
      expect(status.running).toBe(true)
      expect(status.port).toBeGreaterThan(taken.port)
      expect(status.port).toBeLessThanOrEqual(taken.port + 20)
      const response = await roundTrip(status.port!, formatRequest({ method: 'POST', body: '{}' }))
      expect(response.status).toBe(200)
    } finally {
      await engine.close()
    }
  })

  it("engine with portConflict 'fail': a ReceiverListenError naming the port, nothing left open", async () => {
    const attempt = createHeadlessEngine({
      dataDir: null,
      portConflict: 'fail',
      receiverOverrides: { port: taken.port }
    })
    await expect(attempt).rejects.toBeInstanceOf(ReceiverListenError)
    await expect(attempt).rejects.toMatchObject({
      code: 'port-in-use',
      port: taken.port,
      message: expect.stringContaining(String(taken.port))
    })
  })
})

describe('loopback by default; LAN only when asked, with a warning', () => {
  it('CLI listen binds 127.0.0.1 by default and warns about nothing', async () => {
    const cli = startCli(['listen', '--port', '0'])
    try {
      const [, url] = await cli.waitFor('stdout', /^Listening on (\S+)$/m)
      expect(new URL(url!).hostname).toBe('127.0.0.1')
      await cli.waitFor('stderr', /Press Ctrl\+C/)
      expect(cli.stderr).not.toMatch(/warning/i)
    } finally {
      expect((await cli.stop()).code).toBe(0)
    }
  })

  it('CLI listen --host 0.0.0.0 without credentials is refused unless --allow-anonymous', async () => {
    const refused = startCli(['listen', '--host', '0.0.0.0', '--port', '0'])
    const exit = await refused.wait()
    expect(exit.code).toBe(2)
    expect(refused.stdout).toBe('')
    expect(refused.stderr.trim()).toBe(
      'error: Listening on 0.0.0.0 is refused: the receiver listens on 0.0.0.0, so other machines can send it requests; it needs expected credentials with a non-empty email and password, unless anonymous access is chosen (--allow-anonymous, or confirm anonymous access in the app).'
    )
    expect(hasStackTrace(refused.stderr)).toBe(false)
    const blank = startCli([
      'listen',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--expect-auth',
      'a@b.c:'
    ])
    expect((await blank.wait()).code).toBe(2)
    expect(blank.stderr).toMatch(/^error: Listening on 0\.0\.0\.0 is refused/m)
    const onLoopback = startCli(['listen', '--port', '0', '--allow-anonymous'])
    expect((await onLoopback.wait()).code).toBe(2)
    expect(onLoopback.stderr).toMatch(
      /--allow-anonymous is only used with --public or a receiver host other than loopback/
    )
  })

  it('CLI listen --host 0.0.0.0 --allow-anonymous prints its exposure on stderr (only loopback traffic is sent)', async () => {
    const cli = startCli(['listen', '--host', '0.0.0.0', '--port', '0', '--allow-anonymous'])
    try {
      const [, url] = await cli.waitFor('stdout', /^Listening on (\S+)$/m)
      expect(new URL(url!).hostname).toBe('0.0.0.0')
      expect(cli.stderr).toMatch(
        /^warning: listening on 0\.0\.0\.0 lets other machines reach the receiver; anonymous access was chosen \(--allow-anonymous\): it answers anyone and records what they send$/m
      )
      const port = Number(new URL(url!).port)
      const response = await roundTrip(
        port,
        formatRequest({ method: 'POST', path: '/lan', body: '{}' })
      )
      expect(response.status).toBe(200)
      await cli.waitFor('stdout', /\/lan/)
    } finally {
      expect((await cli.stop()).code).toBe(0)
    }
  })

  it('CLI listen --host 0.0.0.0 with credentials says they are required, and asks for them', async () => {
    const cli = startCli([
      'listen',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--expect-auth',
      'ann@site.org:s3cret'
    ])
    try {
      const [, url] = await cli.waitFor('stdout', /^Listening on (\S+)$/m)
      expect(cli.stderr).toMatch(
        /^warning: listening on 0\.0\.0\.0 lets other machines reach the receiver; every request needs the expected credentials \(ann@site\.org\)$/m
      )
      const port = Number(new URL(url!).port)
      const response = await roundTrip(port, formatRequest({ method: 'POST', body: '{}' }))
      expect(response.status).toBe(401)
    } finally {
      expect((await cli.stop()).code).toBe(0)
    }
  })

  it('serve with a saved receiver host of 0.0.0.0 needs credentials or --allow-anonymous, and says so at start', async () => {
    const data = join(root, 'serve-lan')
    const setup = await createHeadlessEngine({
      dataDir: data,
      startReceiver: false,
      allowAnonymous: true
    })
    await setup.startReceiver({ host: '0.0.0.0', port: 0 })
    await setup.close()
    const args = ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', data]
    const env = { HOOK_INSPECTOR_TOKEN: 'reliability-lan-token-0123456789' }
    const refused = startCli(args, env)
    expect((await refused.wait()).code).toBe(2)
    expect(refused.stderr).toMatch(
      /^error: Listening on 0\.0\.0\.0 is refused: the receiver listens on 0\.0\.0\.0, so other machines can send it requests; /m
    )
    const serve = startCli([...args, '--allow-anonymous'], env)
    try {
      await serve.waitFor('stdout', /^Hook Inspector: /m)
      expect(serve.stderr).toMatch(
        /^warning: listening on 0\.0\.0\.0 lets other machines reach the receiver; anonymous access was chosen \(--allow-anonymous\)/m
      )
    } finally {
      expect((await serve.stop()).code).toBe(0)
    }
  })

  it('serve binds the UI and the receiver to 127.0.0.1 and refuses a LAN host for the UI', async () => {
    const serve = await startServe(
      join(root, 'serve-default'),
      'reliability-ports-token-0123456789'
    )
    try {
      expect(new URL(serve.uiUrl).hostname).toBe('127.0.0.1')
      expect(new URL(serve.receiverUrl).hostname).toBe('127.0.0.1')
      expect(serve.cli.stderr).not.toMatch(/warning: .*(other machines|network)/)
    } finally {
      expect((await serve.cli.stop()).code).toBe(0)
    }
    const lan = startCli([
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--data-dir',
      join(root, 'x')
    ])
    const exit = await lan.wait()
    expect(exit.code).not.toBe(0)
    expect(lan.stderr).toMatch(/^error: .*--host/m)
    expect(hasStackTrace(lan.stderr)).toBe(false)
  })

  it('engine: loopback by default; a LAN host only when set, marked exposed, with a warning notice', async () => {
    const engine: Engine = await createHeadlessEngine({
      dataDir: null,
      receiverOverrides: { port: 0 },
      allowAnonymous: true
    })
    try {
      expect(engine.receiverStatus()).toMatchObject({ host: '127.0.0.1', exposed: false })
      expect((await engine.getInfo()).notices).toEqual([])
      const raised: Notice[] = []
      engine.on('notice', (notice) => raised.push(notice))
      const status = await engine.startReceiver({ host: '0.0.0.0', port: 0 })
      expect(status).toMatchObject({ running: true, host: '0.0.0.0', exposed: true })
      expect(raised).toHaveLength(1)
      expect(raised[0]).toMatchObject({ level: 'warning' })
      expect(raised[0]!.message).toMatch(/0\.0\.0\.0.*other machines/)
      expect((await engine.getInfo()).notices).toEqual(raised)
      const response = await roundTrip(status.port!, formatRequest({ method: 'POST', body: '{}' }))
      expect(response.status).toBe(200)
      const back = await engine.startReceiver({ host: '127.0.0.1', port: 0 })
      expect(back).toMatchObject({ host: '127.0.0.1', exposed: false })
    } finally {
      await engine.close()
    }
  })
})
