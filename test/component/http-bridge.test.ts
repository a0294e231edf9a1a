// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BridgeError, createHttpBridge } from '../../src/renderer/src/bridge/http-bridge'
import { takeToken } from '../../src/renderer/src/bridge/token'
import type { EngineEvent } from '../../src/shared/api'
import type { Capture } from '../../src/shared/schemas'
import { makeCapture } from './builders'

class FakeSource {
  static all: FakeSource[] = []
  readyState = 0
  onopen: ((e: Event) => void) | null = null
  onmessage: ((e: MessageEvent) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  closed = false
  constructor(readonly url: string) {
    FakeSource.all.push(this)
  }
  close(): void {
    this.closed = true
    this.readyState = 2
  }
  send(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(data) }))
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' }
  })
}

afterEach(() => {
  FakeSource.all = []
  vi.useRealTimers()
})

describe('token', () => {
  it('moves ?token= into sessionStorage and out of the visible URL', () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1#frag')
    const token = takeToken(window.location, window.sessionStorage, window.history)
    expect(token).toBe('abc123')
    expect(window.location.search).toBe('?x=1')
    expect(window.location.hash).toBe('#frag')
    window.history.replaceState(null, '', '/')
    expect(takeToken(window.location, window.sessionStorage, window.history)).toBe('abc123')
  })
})

describe('http bridge', () => {
  it('POSTs /api/<method> with the bearer token and {args}, and returns result', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { result: { theme: 'dark' } }))
    const bridge = createHttpBridge({ baseUrl: 'http://127.0.0.1:9', token: 'tok', fetch })
    await expect(bridge.setPreferences({ theme: 'dark' })).resolves.toEqual({ theme: 'dark' })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('http://127.0.0.1:9/api/setPreferences')
    expect(init.method).toBe('POST')
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok')
    expect(JSON.parse(init.body as string)).toEqual({ args: [{ theme: 'dark' }] })
  })

  it("throws the server's message and field", async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(400, { error: { message: 'url: must not be empty', field: 'url' } })
    )
    const bridge = createHttpBridge({ baseUrl: '', token: 'tok', fetch })
    const err = await bridge.deleteHook('x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BridgeError)
    expect((err as BridgeError).message).toBe('url: must not be empty')
    expect((err as BridgeError).field).toBe('url')
  })

  it('says clearly when the server cannot be reached or there is no token', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const bridge = createHttpBridge({ baseUrl: 'http://127.0.0.1:9', token: 'tok', fetch })
    await expect(bridge.getInfo()).rejects.toThrow(/Cannot reach Hook Inspector/)
    const noToken = createHttpBridge({ baseUrl: '', token: null, fetch })
    await expect(noToken.getInfo()).rejects.toThrow(/No access token/)
  })

  it('opens one event stream with the token and hands each message on as one batch', () => {
    const bridge = createHttpBridge({
      baseUrl: 'http://127.0.0.1:9',
      token: 't k',
      fetch: vi.fn(),
      createEventSource: (url) => new FakeSource(url)
    })
    const batches: EngineEvent[][] = []
    const others: EngineEvent[][] = []
    const off1 = bridge.onBatch((events) => batches.push(events))
    const off2 = bridge.onBatch((events) => others.push(events))
    expect(FakeSource.all).toHaveLength(1)
    expect(FakeSource.all[0]!.url).toBe('http://127.0.0.1:9/api/events?token=t%20k')
    const sent: EngineEvent[] = [
      { type: 'capture', data: makeCapture({ id: 'a' }) },
      { type: 'capture', data: makeCapture({ id: 'b' }) },
      { type: 'history-cleared', data: null }
    ]
    FakeSource.all[0]!.send([...sent, { type: 'unknown', data: 1 }])
    FakeSource.all[0]!.send('not a batch')
    expect(batches).toEqual([sent])
    expect(others).toEqual([sent])
    off1()
    expect(FakeSource.all[0]!.closed).toBe(false)
    off2()
    expect(FakeSource.all[0]!.closed).toBe(true)
  })

  it('reconnects after the server closed the stream, then catches up', async () => {
    vi.useFakeTimers()
    const fetch = vi.fn(async (url: string) => {
      if (url.endsWith('/getSettings')) return jsonResponse(200, { result: { hooks: [] } })
      if (url.endsWith('/getInfo'))
        return jsonResponse(200, { result: { receiver: { running: true } } })
      return jsonResponse(200, { result: [makeCapture({ id: 'missed' })] })
    })
    const bridge = createHttpBridge({
      baseUrl: '',
      token: 'tok',
      fetch: fetch as unknown as typeof globalThis.fetch,
      createEventSource: (url) => new FakeSource(url),
      reconnectMs: 100
    })
    const got: EngineEvent[][] = []
    bridge.onBatch((events) => got.push(events))
    const first = FakeSource.all[0]!
    first.readyState = 2
    first.onerror?.(new Event('error'))
    expect(first.closed).toBe(true)
    await vi.advanceTimersByTimeAsync(100)
    expect(FakeSource.all).toHaveLength(2)
    FakeSource.all[1]!.onopen?.(new Event('open'))
    await vi.runAllTimersAsync()
    expect(got).toHaveLength(1)
    expect(got[0]!.map((e) => e.type)).toEqual(['settings-changed', 'receiver-status', 'capture'])
    expect((got[0]![2]!.data as Capture).id).toBe('missed')
  })
})
