import { connect, type Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ENGINE_EVENT_NAMES, type EngineEvent } from '@shared/api'
import { startControlServer, type RunningControlServer } from '@main/web/control-server'
import type { EventStreamOptions, StreamDrop } from '@main/web/event-stream'
import { startFixture, TOKEN, type Fixture } from '../../helpers/control-fixture'

/** Reads an SSE response, collecting `data:` messages (JSON arrays) and comment lines. */
class StreamReader {
  readonly batches: EngineEvent[][] = []
  readonly comments: string[] = []
  private buffer = ''
  private waiters: (() => void)[] = []
  readonly done: Promise<void>

  constructor(res: Response) {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          this.buffer += decoder.decode(value, { stream: true })
          let end: number
          while ((end = this.buffer.indexOf('\n\n')) !== -1) {
            const message = this.buffer.slice(0, end)
            this.buffer = this.buffer.slice(end + 2)
            if (message.startsWith('data: ')) {
              this.batches.push(JSON.parse(message.slice(6)) as EngineEvent[])
            } else if (message.startsWith(':')) this.comments.push(message)
          }
          for (const w of this.waiters.splice(0)) w()
        }
      } catch {
        // Aborted by the test.
      }
      for (const w of this.waiters.splice(0)) w()
    })()
  }

  events(): EngineEvent[] {
    return this.batches.flat()
  }

  waitFor(test: () => boolean, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `stream condition not met; got ${JSON.stringify(this.events().map((e) => e.type))}`
            )
          ),
        timeoutMs
      )
      const check = (): void => {
        if (test()) {
          clearTimeout(timer)
          resolve()
        } else this.waiters.push(check)
      }
      check()
    })
  }
}

describe('control server over real sockets: fire and the event stream', () => {
  let fx: Fixture
  let server: RunningControlServer

  beforeAll(async () => {
    fx = await startFixture()
    server = await startControlServer({
      engine: fx.engine,
      token: TOKEN,
      staticDir: fx.staticDir,
      port: 0,
      events: { heartbeatMs: 100 }
    })
  })
  afterAll(async () => {
    await server?.close()
    await fx?.dispose()
  })

  const api = (method: string, args: unknown[]): Promise<Response> =>
    fetch(`${server.url}api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ args })
    })

  it('listens on loopback and prints a UI address carrying the token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(server.uiUrl).toBe(`${server.url}?token=${TOKEN}`)
  })

  it('refuses the stream without the right token', async () => {
    const none = await fetch(`${server.url}api/events`)
    expect(none.status).toBe(401)
    const wrong = await fetch(`${server.url}api/events?token=nope`)
    expect(wrong.status).toBe(401)
  })

  it('streams the capture and exchange events of a fire over HTTP, in batches', async () => {
    const controller = new AbortController()
    const res = await fetch(`${server.url}api/events?token=${TOKEN}`, { signal: controller.signal })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(res.headers.get('cache-control')).toContain('no-cache')
    const stream = new StreamReader(res)
    try {
      const receiverUrl = fx.engine.receiverStatus().url
      const fired = await api('fire', [
        {
          event: 'review',
          hook: { name: 'Local', url: receiverUrl, email: 'm@example.org', password: 'pw' }
        }
      ])
      expect(fired.status).toBe(200)
      const { result: exchange } = (await fired.json()) as {
        result: { id: string; error: unknown; response: { status: number } }
      }
      expect(exchange.error).toBeNull()
      expect(exchange.response.status).toBe(200)

      await stream.waitFor(() => {
        const types = stream.events().map((e) => e.type)
        return types.includes('capture') && types.includes('exchange-done')
      })
      // Every message is a JSON array of events.
      for (const batch of stream.batches) expect(Array.isArray(batch)).toBe(true)
      const capture = stream.events().find((e) => e.type === 'capture')
      expect(capture?.type === 'capture' && capture.data.event).toBe('review')
      expect(capture?.type === 'capture' && capture.data.auth?.email).toBe('m@example.org')
      const done = stream.events().find((e) => e.type === 'exchange-done')
      expect(done?.type === 'exchange-done' && done.data.id).toBe(exchange.id)
      const started = stream.events().find((e) => e.type === 'exchange-started')
      expect(started).toBeDefined()
      // A burst of fires arrives as a few multi-event messages, not one message per event.
      const burst = await Promise.all(
        Array.from({ length: 5 }, () =>
          api('fire', [{ event: 'insert', hook: { name: 'B', url: receiverUrl } }])
        )
      )
      for (const r of burst) expect(r.status).toBe(200)
      await stream.waitFor(
        () => stream.events().filter((e) => e.type === 'exchange-done').length >= 6
      )
      expect(stream.batches.some((batch) => batch.length > 1)).toBe(true)
      expect(stream.batches.length).toBeLessThan(stream.events().length)

      await stream.waitFor(() => stream.comments.some((c) => c.includes('keep-alive')))
    } finally {
      controller.abort()
      await stream.done
    }
  })

  it('ends open streams when the server closes', async () => {
    const extra = await startControlServer({
      engine: fx.engine,
      token: TOKEN,
      staticDir: null,
      port: 0
    })
    const res = await fetch(`${extra.url}api/events?token=${TOKEN}`)
    const stream = new StreamReader(res)
    await stream.waitFor(() => stream.comments.length > 0)
    await extra.close()
    await stream.done
    expect(stream.comments[0]).toContain('connected')
  })

  it('unsubscribes from the engine when the client goes away', async () => {
    let active = 0
    const engine = {
      on: () => {
        active++
        let subscribed = true
        return () => {
          if (subscribed) active--
          subscribed = false
        }
      }
    }
    const fake = await startControlServer({
      engine: engine as never,
      token: TOKEN,
      staticDir: null,
      port: 0
    })
    try {
      const controller = new AbortController()
      const res = await fetch(`${fake.url}api/events?token=${TOKEN}`, { signal: controller.signal })
      const stream = new StreamReader(res)
      await stream.waitFor(() => stream.comments.length > 0)
      expect(active).toBe(ENGINE_EVENT_NAMES.length)
      controller.abort()
      await stream.done
      const deadline = Date.now() + 5000
      while (active > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      expect(active).toBe(0)
    } finally {
      await fake.close()
    }
  })

  it('refuses to listen on anything but loopback', async () => {
    await expect(
      startControlServer({
        engine: fx.engine,
        token: TOKEN,
        staticDir: null,
        port: 0,
        host: '0.0.0.0'
      })
    ).rejects.toThrow(/loopback only/)
  })
})

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function until(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await delay(5)
  }
}

/** An engine stand-in whose live events the test emits; counts who listens to notices. */
function eventSource(): {
  engine: never
  emit: (data: unknown) => void
  listeners: () => number
} {
  const all = new Map<string, Set<(data: unknown) => void>>()
  const engine = {
    on: (name: string, listener: (data: unknown) => void) => {
      const set = all.get(name) ?? new Set()
      all.set(name, set)
      set.add(listener)
      return () => set.delete(listener)
    }
  }
  return {
    engine: engine as never,
    emit: (data) => {
      for (const listener of [...(all.get('notice') ?? [])]) listener(data)
    },
    listeners: () => all.get('notice')?.size ?? 0
  }
}

/**
 * The event stream over a raw TCP socket that reads only when told, like a tab that fell behind:
 * while it does not read, what the server sends piles up in the kernel and then in the server.
 */
class RawStream {
  private chunks: Buffer[] = []
  received = 0
  ended = false
  private limit = Infinity

  private constructor(readonly socket: Socket) {
    socket.on('end', () => (this.ended = true))
    socket.on('close', () => (this.ended = true))
    socket.on('error', () => (this.ended = true))
  }

  /** Connects and asks for the stream; reads `readFirst` bytes (default none), then stops. */
  static async open(port: number, readFirst = 0): Promise<RawStream> {
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    const stream = new RawStream(socket)
    if (readFirst > 0) stream.read(readFirst)
    socket.write(
      `GET /api/events?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`
    )
    return stream
  }

  /** Reads until `bytes` more have arrived (default: without end). */
  read(bytes = Infinity): void {
    this.limit = this.received + bytes
    if (this.socket.listenerCount('data') === 0) {
      this.socket.on('data', (chunk: Buffer) => {
        this.chunks.push(chunk)
        this.received += chunk.length
        if (this.received >= this.limit) this.socket.pause()
      })
    }
    this.socket.resume()
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8')
  }

  /** The response is complete (its last chunk came), or the connection is gone. */
  finished(): boolean {
    return this.ended || this.text().endsWith('\r\n0\r\n\r\n')
  }

  /** Flood events seen (each a write of its own, so never split by the chunked framing). */
  floodEvents(): number {
    return this.text().split('"id":"flood-').length - 1
  }

  close(): void {
    this.socket.destroy()
  }
}

describe('event stream: memory bounds per client and over all clients', () => {
  const EVENT_BYTES = 128 * 1024
  const cleanup: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn()
  })

  async function serve(events: EventStreamOptions): Promise<{
    server: RunningControlServer
    source: ReturnType<typeof eventSource>
    drops: StreamDrop[]
    emit: (id: string) => void
    openStreams: () => number
  }> {
    const source = eventSource()
    const drops: StreamDrop[] = []
    let open = 0
    const server = await startControlServer({
      engine: source.engine,
      token: TOKEN,
      staticDir: null,
      port: 0,
      events: {
        batchMs: 2,
        heartbeatMs: 60_000,
        ...events,
        onDrop: (d) => drops.push(d),
        onOpenStreams: (n) => (open = n)
      }
    })
    cleanup.push(() => server.close())
    const filler = 'x'.repeat(EVENT_BYTES)
    const emit = (id: string): void =>
      source.emit({ id, level: 'info', message: id.startsWith('flood') ? filler : id })
    return { server, source, drops, emit, openStreams: () => open }
  }

  async function fastReader(server: RunningControlServer): Promise<StreamReader> {
    const controller = new AbortController()
    const res = await fetch(`${server.url}api/events?token=${TOKEN}`, { signal: controller.signal })
    const reader = new StreamReader(res)
    cleanup.push(async () => {
      controller.abort()
      await reader.done
    })
    await reader.waitFor(() => reader.comments.length > 0)
    return reader
  }

  async function rawStream(server: RunningControlServer, readFirst = 0): Promise<RawStream> {
    const stream = await RawStream.open(server.port, readFirst)
    cleanup.push(() => stream.close())
    return stream
  }

  /** Emits large events, one per few milliseconds, until `done` (at most 400 of them). */
  async function flood(emit: (id: string) => void, done: () => boolean): Promise<number> {
    let sent = 0
    while (!done()) {
      if (sent >= 400) throw new Error('no client was dropped after 400 large events')
      emit(`flood-${sent++}`)
      await delay(4)
    }
    return sent
  }

  const noticeIds = (reader: StreamReader): string[] =>
    reader.events().flatMap((e) => (e.type === 'notice' ? [e.data.id] : []))

  it('over the total bound the client furthest behind goes first, told to reload; the others keep going', async () => {
    const maxTotal = 4 * 1024 * 1024
    const { server, source, drops, emit, openStreams } = await serve({
      maxTotalPendingBytes: maxTotal,
      maxPendingBytes: 256 * 1024 * 1024,
      dropGraceMs: 20_000
    })
    const fast = await fastReader(server)
    // Never reads: the furthest behind. Reads its first MiB, then stops: behind, but less.
    const never = await rawStream(server)
    const later = await rawStream(server, 1024 * 1024)
    await until(() => openStreams() === 3, 'three open streams')
    // One subscription to the engine serves every stream.
    expect(source.listeners()).toBe(1)

    const first = await flood(emit, () => drops.length > 0)
    expect(drops).toHaveLength(1)
    const [drop] = drops
    expect(drop).toMatchObject({ bound: 'total', openStreams: 2 })
    // It was over the bound with it, and is under without it.
    expect(drop!.pendingBytes + drop!.totalPendingBytes).toBeGreaterThan(maxTotal)
    expect(drop!.totalPendingBytes).toBeLessThanOrEqual(maxTotal)
    expect(drop!.reason).toMatch(/furthest behind/)
    // The dropped stream is no longer served.
    expect(openStreams()).toBe(2)

    // The one that never read was dropped: once it reads, its stream ends with the reload message.
    never.read()
    await until(() => never.finished(), 'the dropped stream to end')
    const text = never.text()
    const reload = /event: reload\ndata: (\{.*\})\n\n/.exec(text)
    expect(reload, text.slice(-300)).not.toBeNull()
    expect(JSON.parse(reload![1]!)).toEqual({ reason: drop!.reason })
    expect(text.indexOf('event: reload')).toBeGreaterThan(text.lastIndexOf('data: ['))
    // What was queued for it was thrown away, not sent: all but what Node already held (about a
    // piece and its buffer) of its unsent bytes never reached it.
    const thrownAway = Math.floor(drop!.pendingBytes / EVENT_BYTES) - 2
    expect(thrownAway).toBeGreaterThan(0)
    expect(never.floodEvents()).toBeLessThanOrEqual(first - thrownAway)

    // The others are still open and get what comes next.
    emit('after-first-drop')
    await fast.waitFor(() => noticeIds(fast).includes('after-first-drop'))
    later.read()
    await until(
      () => later.text().includes('"id":"after-first-drop"'),
      'the slower stream to go on'
    )
    expect(later.finished()).toBe(false)

    // Now the second one stops reading, and it goes next; the one that reads is never dropped.
    later.socket.pause()
    const second = await flood(emit, () => drops.length > 1)
    expect(drops[1]).toMatchObject({ bound: 'total', openStreams: 1 })
    expect(drops[1]!.totalPendingBytes).toBeLessThanOrEqual(maxTotal)
    emit('after-second-drop')
    await fast.waitFor(() => noticeIds(fast).includes('after-second-drop'))
    // The reader got every event of both floods.
    expect(noticeIds(fast).filter((id) => id.startsWith('flood'))).toHaveLength(first + second)
    expect(drops).toHaveLength(2)
    later.read()
    await until(() => later.finished(), 'the second dropped stream to end')
    expect(later.text()).toMatch(/event: reload\ndata: \{"reason":"[^"]*furthest behind/)
  }, 60_000)

  it('over its own bound a client is dropped alone, and one that reads nothing is cut off after the grace', async () => {
    const { server, drops, emit, openStreams } = await serve({
      maxPendingBytes: 1024 * 1024,
      maxTotalPendingBytes: 256 * 1024 * 1024,
      dropGraceMs: 300
    })
    const fast = await fastReader(server)
    await rawStream(server)
    await until(() => openStreams() === 2, 'two open streams')
    const connections = (): Promise<number> =>
      new Promise((resolve, reject) =>
        server.app.server.getConnections((error, n) => (error ? reject(error) : resolve(n)))
      )
    expect(await connections()).toBe(2)

    const sent = await flood(emit, () => drops.length > 0)
    expect(drops[0]).toMatchObject({ bound: 'client', openStreams: 1 })
    expect(drops[0]!.pendingBytes).toBeGreaterThan(1024 * 1024)
    expect(drops[0]!.reason).toMatch(/^this tab fell more than 1 MiB of live updates behind/)
    // It reads nothing, so its response cannot finish; the grace ends it, freeing what it held.
    const deadline = Date.now() + 10_000
    while ((await connections()) > 1 && Date.now() < deadline) await delay(20)
    expect(await connections()).toBe(1)
    await fast.waitFor(() => noticeIds(fast).filter((id) => id.startsWith('flood')).length === sent)
  }, 60_000)
})
