import { readFile, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createEngine,
  createHeadlessEngine,
  FileSettingsPort,
  MemorySecretStore,
  type Dispatch,
  type Engine,
  type SettingsPort
} from '@main/engine'
import type { EngineEventName } from '@shared/api'
import { behaviorPreset } from '@shared/presets'
import { IdSchema, type Capture, type Exchange, type Settings } from '@shared/schemas'
import { ValidationError } from '@shared/validation'
import { removeDir, tempDir, unwritableDir } from './entries'

let dir: string
const engines: Engine[] = []
const servers: Server[] = []

beforeEach(async () => {
  dir = await tempDir()
})

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
  await removeDir(dir)
})

async function headless(
  options: Partial<Parameters<typeof createHeadlessEngine>[0]> = {}
): Promise<Engine> {
  const engine = await createHeadlessEngine({
    dataDir: dir,
    receiverOverrides: { port: 0 },
    ...options
  })
  engines.push(engine)
  return engine
}

function receiverUrl(engine: Engine, path = 'hook'): string {
  const url = engine.receiverStatus().url
  if (!url) throw new Error('receiver not running')
  return `${url}${path}`
}

function record(engine: Engine, names: EngineEventName[]): { type: string; data: unknown }[] {
  const seen: { type: string; data: unknown }[] = []
  for (const name of names) engine.on(name, (data) => seen.push({ type: name, data }))
  return seen
}

async function fieldOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ValidationError) return error.field
    throw error
  }
  throw new Error('expected a ValidationError')
}

/** A port some other program already listens on. */
async function takenPort(): Promise<number> {
  const server = createServer()
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return (server.address() as AddressInfo).port
}

/** A port that is free right now (to send a request from). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  await new Promise((r) => server.close(r))
  return port
}

function post(url: string, body: string, localPort?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', localPort, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('Engine with the real receiver and dispatcher', () => {
  it('fires at its own receiver and links exchange and capture both ways, without extra headers', async () => {
    const engine = await headless()
    const seen = record(engine, ['exchange-started', 'capture', 'exchange-done'])
    const hook = await engine.saveHook({ name: 'Own receiver', url: receiverUrl(engine) })

    const exchange = await engine.fire({ hookId: hook.id, event: 'insert' })

    expect(exchange.state).toBe('done')
    expect(exchange.error).toBeNull()
    expect(exchange.response?.status).toBe(200)
    expect(seen.map((e) => e.type)).toEqual(['exchange-started', 'capture', 'exchange-done'])
    const started = seen[0]!.data as Exchange
    expect(started).toMatchObject({ id: exchange.id, state: 'pending', captureId: null })
    const capture = seen[1]!.data as Capture
    expect(capture.exchangeId).toBe(exchange.id)
    expect(exchange.captureId).toBe(capture.id)
    expect(capture.headers.map(([name]) => name)).toEqual([
      'Host',
      'Content-Type',
      'Content-Length',
      'User-Agent',
      'Connection'
    ])
    expect(Buffer.from(capture.bodyBase64, 'base64').toString()).toBe(
      '{"trans_id":"436","form_id":"319","form_name":"Sample Form","OnInsert":true}'
    )
    expect(capture.event).toBe('insert')

    const history = await engine.listHistory({})
    expect(history.map((e) => e.id)).toEqual([exchange.id, capture.id])
    expect((history[0] as Exchange).captureId).toBe(capture.id)
    expect((history[1] as Capture).exchangeId).toBe(exchange.id)
  })

  it('sends the saved password as Basic auth, and keeps it out of settings.json', async () => {
    const engine = await headless()
    const settingsEvents = record(engine, ['settings-changed'])
    const hook = await engine.saveHook({
      name: 'With auth',
      url: receiverUrl(engine),
      email: 'site@example.test',
      password: 'pa:ss'
    })
    expect(hook.password).toBe('pa:ss')
    const last = settingsEvents.at(-1)!.data as Settings
    expect(last.hooks[0]!.password).toBe('pa:ss')
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).not.toContain('pa:ss')
    expect((await engine.getSettings()).hooks[0]!.password).toBe('pa:ss')

    const captures = record(engine, ['capture'])
    await engine.fire({ hookId: hook.id, event: 'review' })
    const capture = captures[0]!.data as Capture
    expect(capture.auth).toMatchObject({ email: 'site@example.test', password: 'pa:ss' })
    expect(capture.event).toBe('review')

    await engine.deleteHook(hook.id)
    expect((await engine.getSettings()).hooks).toEqual([])
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))).toEqual({})
  })

  it('applies a behaviour change to the next request', async () => {
    const engine = await headless()
    const hook = { name: 'Inline', url: receiverUrl(engine), timeoutSeconds: 5 }
    const first = await engine.fire({ hook, event: 'update' })
    expect(first.error).toBeNull()

    await engine.setBehavior(behaviorPreset('Server error'))
    const second = await engine.fire({ hook, event: 'update' })
    expect(second.error?.kind).toBe('http-status')
    expect(second.response?.status).toBe(500)
    expect(second.hookId).toBeNull()
    expect((await engine.getSettings()).behavior.preset).toBe('Server error')
  })

  it('keeps history, hooks and behaviour across close and reopen of the same data dir', async () => {
    const engine = await headless()
    const hook = await engine.saveHook({ name: 'Keep', url: receiverUrl(engine), password: 'p' })
    await engine.setBehavior(behaviorPreset('Slow'))
    await engine.setBehavior(behaviorPreset('Healthy'))
    const exchange = await engine.fire({ hookId: hook.id, event: 'insert' })
    await engine.close()

    const again = await headless()
    const history = await again.listHistory({})
    expect(history.map((e) => e.id)).toEqual([exchange.id, exchange.captureId])
    expect((history[0] as Exchange).captureId).toBe(exchange.captureId)
    expect(await again.listHistory({ limit: 1 })).toHaveLength(1)
    const settings = await again.getSettings()
    expect(settings.hooks).toEqual([{ ...hook }])
    expect(settings.behavior.preset).toBe('Healthy')
    const info = await again.getInfo()
    expect(info).toMatchObject({ dataDir: dir, secretsPersisted: true, historyPersisted: true })
    expect(info.notices).toEqual([])
  })

  it('rejects invalid arguments with a ValidationError naming the field', async () => {
    const engine = await headless({ startReceiver: false })
    expect(await fieldOf(engine.fire({ event: 'insert' }))).toBe('hookId')
    expect(await fieldOf(engine.fire({ hookId: 'nope', event: 'insert' }))).toBe('hookId')
    expect(
      await fieldOf(engine.fire({ hookId: 'x', event: 'delete' as unknown as 'insert' }))
    ).toBe('event')
    expect(await fieldOf(engine.saveHook({ name: ' ', url: 'http://x' }))).toBe('name')
    expect(
      await fieldOf(engine.saveHook({ name: 'n', url: 'http://x', timeoutSeconds: 301 }))
    ).toBe('timeoutSeconds')
    expect(await fieldOf(engine.deleteHook('missing'))).toBe('id')
    expect(await fieldOf(engine.setPreferences({ historyCap: 5 }))).toBe('historyCap')
    expect(await fieldOf(engine.listHistory({ limit: 0 }))).toBe('limit')
    expect(await fieldOf(engine.startReceiver({ port: 70000 }))).toBe('port')
    const behavior = { ...behaviorPreset('Healthy'), status: 99 }
    expect(await fieldOf(engine.setBehavior(behavior))).toBe('status')
    expect(
      await fieldOf(createHeadlessEngine({ dataDir: dir, receiverOverrides: { port: -1 } }))
    ).toBe('receiverOverrides.port')
  })

  it('reports an unusable URL as an invalid-url exchange instead of rejecting', async () => {
    const engine = await headless({ startReceiver: false })
    const done = await engine.fire({ hook: { name: 'Bad', url: 'ftp://x/' }, event: 'insert' })
    expect(done.error?.kind).toBe('invalid-url')
    expect(done.request.headers).toEqual([])
  })

  it('aborts a pending exchange', async () => {
    const engine = await headless()
    await engine.setBehavior(behaviorPreset('Hang'))
    // Aborted once the request has reached the hanging receiver.
    let aborted: Promise<boolean> | null = null
    engine.on('capture', (capture) => {
      aborted = engine.abortExchange(capture.exchangeId ?? 'unlinked')
    })
    const done = await engine.fire({
      hook: { name: 'Hang', url: receiverUrl(engine), timeoutSeconds: 30 },
      event: 'insert'
    })
    expect(await aborted).toBe(true)
    expect(done.error?.kind).toBe('aborted')
    expect(done.timings.totalMs).toBeLessThan(5000)
    expect(await engine.abortExchange(done.id)).toBe(false)
  })

  it('checks a direct call once: the id schema runs one time per id argument', async () => {
    const engine = await headless({ startReceiver: false })
    const spy = vi.spyOn(IdSchema, 'safeParse')
    try {
      expect(await engine.abortExchange('exc_none1')).toBe(false)
      expect(spy).toHaveBeenCalledTimes(1)
      await expect(engine.abortExchange('')).rejects.toMatchObject({ field: 'id' })
      expect(spy).toHaveBeenCalledTimes(2)
    } finally {
      spy.mockRestore()
    }
  })

  it('gives the exchange the id its caller chose, and refuses an id already in use', async () => {
    const engine = await headless()
    const started: string[] = []
    engine.on('exchange-started', (ex) => started.push(ex.id))
    const hook = { name: 'Mine', url: receiverUrl(engine), timeoutSeconds: 5 }
    const done = await engine.fire({ hook, event: 'insert', exchangeId: 'exc_chosen1' })
    expect(done.id).toBe('exc_chosen1')
    expect(started).toEqual(['exc_chosen1'])
    await expect(
      engine.fire({ hook, event: 'insert', exchangeId: 'exc_chosen1' })
    ).rejects.toMatchObject({ field: 'exchangeId', message: expect.stringContaining('in use') })
    const replayed = await engine.replay({ sourceId: done.id, exchangeId: 'exc_chosen2' })
    expect(replayed.id).toBe('exc_chosen2')
    expect(replayed.replayOf).toBe('exc_chosen1')
  })

  it('an abort that comes before its fire reaches that exchange, and no other', async () => {
    const engine = await headless()
    await engine.setBehavior(behaviorPreset('Hang'))
    const hook = { name: 'Hang', url: receiverUrl(engine), timeoutSeconds: 30 }
    expect(await engine.abortExchange('exc_early1')).toBe(false)
    const other = engine.fire({ hook, event: 'update', exchangeId: 'exc_other1' })
    const early = await engine.fire({ hook, event: 'insert', exchangeId: 'exc_early1' })
    expect(early.error?.kind).toBe('aborted')
    expect(early.timings.totalMs).toBeLessThan(5000)
    // The other exchange is still pending: only an abort of its own id ends it.
    expect(await engine.abortExchange('exc_other1')).toBe(true)
    expect((await other).error?.kind).toBe('aborted')
  })

  it('cancels pending dispatches on close and still journals them', async () => {
    const engine = await headless()
    await engine.setBehavior(behaviorPreset('Hang'))
    const pending = engine.fire({
      hook: { name: 'Hang', url: receiverUrl(engine), timeoutSeconds: 30 },
      event: 'insert'
    })
    await new Promise((r) => engine.on('capture', r))
    await engine.close()
    expect((await pending).error?.kind).toBe('aborted')
    const again = await headless({ startReceiver: false })
    const kinds = (await again.listHistory({})).map((e) => e.type)
    expect(kinds).toEqual(['exchange', 'capture'])
  })

  it("fails on a taken port under 'fail', naming the port", async () => {
    const port = await takenPort()
    await expect(
      createHeadlessEngine({ dataDir: dir, portConflict: 'fail', receiverOverrides: { port } })
    ).rejects.toThrow(String(port))
  })

  it("moves to a free port under 'next-free' and reports the actual port", async () => {
    const port = await takenPort()
    const engine = await headless({ portConflict: 'next-free', receiverOverrides: { port } })
    const status = engine.receiverStatus()
    expect(status.running).toBe(true)
    expect(status.port).toBeGreaterThan(port)
    expect(status.port).toBeLessThanOrEqual(port + 20)
    // The saved config keeps the port that was asked for.
    expect((await engine.getSettings()).receiver.port).toBe(4700)
  })

  it('restarts the receiver on request, saves the config and emits its status', async () => {
    const engine = await headless()
    const statuses = record(engine, ['receiver-status'])
    const stopped = await engine.stopReceiver()
    expect(stopped).toMatchObject({ running: false, port: null, url: null, error: null })
    const port = await freePort()
    const started = await engine.startReceiver({ port })
    expect(started).toMatchObject({ running: true, port, exposed: false })
    expect(statuses.map((s) => (s.data as { running: boolean }).running)).toEqual([false, true])
    expect((await engine.getSettings()).receiver.port).toBe(port)

    // A taken port: the running receiver stays where it is and the error says why.
    const taken = await takenPort()
    const refused = await engine.startReceiver({ port: taken })
    expect(refused).toMatchObject({ running: true, port })
    expect(refused.error).toContain(String(taken))
    expect((await engine.getSettings()).receiver.port).toBe(port)

    // Stopped, the same taken port is refused under 'fail' as before.
    await engine.stopReceiver()
    await expect(engine.startReceiver({ port: taken })).rejects.toThrow(String(taken))
    const status = engine.receiverStatus()
    expect(status.running).toBe(false)
    expect(status.error).toContain(String(taken))
    expect((await engine.getSettings()).receiver.port).toBe(port)
  })

  it('warns when the receiver listens beyond loopback', async () => {
    const engine = await headless({ startReceiver: false, allowAnonymous: true })
    const notices = record(engine, ['notice'])
    const status = await engine.startReceiver({ host: '0.0.0.0', port: 0 })
    await engine.stopReceiver()
    expect(status.exposed).toBe(true)
    expect(notices).toHaveLength(1)
    const info = await engine.getInfo()
    expect(info.notices.map((n) => n.message)).toEqual([
      'The receiver listens on 0.0.0.0: other machines on your network can send it requests.'
    ])
    await engine.dismissNotice(info.notices[0]!.id)
    expect((await engine.getInfo()).notices).toEqual([])
  })

  it('links a capture that arrives after its exchange finished', async () => {
    const port = await freePort()
    const fake: Dispatch = async (options) => {
      options.onConnect?.({ localAddress: '127.0.0.1', localPort: port })
      return {
        request: { method: 'POST', url: options.target.url, headers: [], body: '', bodySize: 0 },
        response: null,
        error: { kind: 'timeout', message: 'timed out' },
        timings: { connectMs: 1, firstByteMs: null, totalMs: 1000 },
        localPort: port
      }
    }
    const engine = await createEngine({
      dataDir: dir,
      settings: new FileSettingsPort(dir),
      secrets: new MemorySecretStore(),
      portConflict: 'fail',
      receiverOverrides: { port: 0 },
      dispatch: fake
    })
    engines.push(engine)
    const done: Exchange[] = []
    engine.on('exchange-done', (e) => done.push(e))
    const exchange = await engine.fire({
      hook: { name: 'Late', url: receiverUrl(engine) },
      event: 'insert'
    })
    expect(exchange.captureId).toBeNull()

    expect(await post(receiverUrl(engine), '{}', port)).toBe(200)
    const capture = (await engine.listHistory({}))[0] as Capture
    expect(capture.exchangeId).toBe(exchange.id)
    expect(done).toHaveLength(2)
    expect(done[1]).toMatchObject({ id: exchange.id, captureId: capture.id })
    const stored = (await engine.listHistory({})).find((e) => e.id === exchange.id) as Exchange
    expect(stored.captureId).toBe(capture.id)

    // A later request from another port is not linked to anything.
    expect(await post(receiverUrl(engine), '{}')).toBe(200)
    expect(((await engine.listHistory({ limit: 1 }))[0] as Capture).exchangeId).toBeNull()
  })

  it('caps history at the saved preference and clears it', async () => {
    const engine = await headless()
    const url = receiverUrl(engine)
    for (let i = 0; i < 110; i++) await post(url, `{"n":${i}}`)
    expect(await engine.listHistory({})).toHaveLength(110)
    const prefs = await engine.setPreferences({ historyCap: 100 })
    expect(prefs.historyCap).toBe(100)
    const history = await engine.listHistory({})
    expect(history).toHaveLength(100)
    expect((history[0] as Capture).json).toEqual({ n: 109 })
    expect((history[99] as Capture).json).toEqual({ n: 10 })

    const cleared = record(engine, ['history-cleared'])
    await engine.clearHistory()
    expect(cleared).toHaveLength(1)
    expect(await engine.listHistory({})).toEqual([])
    expect(await readFile(join(dir, 'history.jsonl'), 'utf8')).toBe('')
  })

  it('keeps working in memory when the data dir cannot be written, with notices', async () => {
    const bad = await unwritableDir(dir)
    const engine = await createHeadlessEngine({
      dataDir: bad,
      receiverOverrides: { port: 0 }
    })
    engines.push(engine)
    const info = await engine.getInfo()
    expect(info.historyPersisted).toBe(false)
    expect(info.notices.some((n) => n.message.startsWith('History is kept in memory only'))).toBe(
      true
    )
    const notices = record(engine, ['notice'])
    const hook = await engine.saveHook({ name: 'Mem', url: receiverUrl(engine), password: 'p' })
    expect((await engine.getSettings()).hooks[0]).toEqual(hook)
    const messages = notices.map((n) => (n.data as { message: string }).message)
    expect(messages.some((m) => m.startsWith(`Settings could not be saved to ${bad}`))).toBe(true)
    expect(messages.some((m) => m.endsWith('changes are kept until you quit.'))).toBe(true)
    // A second failing change does not repeat the notice.
    await engine.setPreferences({ theme: 'dark' })
    expect(notices).toHaveLength(messages.length)
    const exchange = await engine.fire({ hookId: hook.id, event: 'insert' })
    expect(exchange.error).toBeNull()
    expect(await engine.listHistory({})).toHaveLength(2)
  })

  it('raises notices for a bad settings file and skipped history lines', async () => {
    await writeFile(join(dir, 'settings.json'), '{oops')
    await writeFile(join(dir, 'history.jsonl'), 'torn')
    const engine = await headless({ startReceiver: false })
    const messages = (await engine.getInfo()).notices.map((n) => n.message)
    expect(messages).toHaveLength(2)
    expect(messages[0]).toMatch(/settings\.json\.bad-/)
    expect(messages[1]).toBe('1 unreadable history line(s) were skipped.')
  })

  it('uses a failing settings port without losing the change', async () => {
    const memory = new FileSettingsPort(null)
    const failing: SettingsPort = {
      load: () => memory.load(),
      save: () => Promise.reject(new Error('store is locked'))
    }
    const engine = await createEngine({
      dataDir: null,
      settings: failing,
      secrets: new MemorySecretStore(),
      portConflict: 'fail',
      startReceiver: false
    })
    engines.push(engine)
    await engine.setPreferences({ theme: 'light' })
    expect((await engine.getSettings()).preferences.theme).toBe('light')
    const info = await engine.getInfo()
    expect(info.historyPersisted).toBe(false)
    expect(info.notices.map((n) => n.message)).toEqual([
      'Settings could not be saved to the settings store: store is locked; changes are kept until you quit.'
    ])
  })
})
