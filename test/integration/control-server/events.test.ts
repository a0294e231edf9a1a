import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINE_EVENT_NAMES, type EngineEvent } from '../../../src/shared/api'
import { startControlServer, type RunningControlServer } from '../../../src/main/web/control-server'
import { startFixture, TOKEN, type Fixture } from './setup'

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
