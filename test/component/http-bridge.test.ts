// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BridgeError, createHttpBridge } from '@renderer/bridge/http-bridge'
import { takeToken } from '@renderer/bridge/token'
import { EVENTS_CUT_NOTICE_ID } from '@shared/http-contract'
import type { EngineEvent } from '@shared/api'
import type { Capture, Notice } from '@shared/schemas'
import { makeCapture } from '../helpers/builders'
import { FakeSource } from '../helpers/fake-event-source'

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' }
  })
}

/**
 * The control server's side of a catch-up: settings, receiver status and its notices, and one
 * capture the stream missed ("missed"); any other call answers null.
 */
async function catchUpServer(url: string, notices: Notice[] = []): Promise<Response> {
  if (url.endsWith('/getSettings')) return jsonResponse(200, { result: { hooks: [] } })
  if (url.endsWith('/getInfo'))
    return jsonResponse(200, { result: { receiver: { running: true }, notices } })
  if (url.endsWith('/listHistory')) {
    return jsonResponse(200, { result: [makeCapture({ id: 'missed' })] })
  }
  return jsonResponse(200, { result: null })
}

/** A bridge on the fake catch-up server and fake EventSources, with the batches it hands on. */
function bridgeOnFakeServer(notices: Notice[] = []): {
  bridge: ReturnType<typeof createHttpBridge>
  got: EngineEvent[][]
  fetch: ReturnType<typeof vi.fn>
} {
  const fetch = vi.fn((url: string) => catchUpServer(url, notices))
  const bridge = createHttpBridge({
    baseUrl: '',
    token: 'tok',
    fetch: fetch as unknown as typeof globalThis.fetch,
    createEventSource: (url) => new FakeSource(url),
    reconnectMs: 100
  })
  const got: EngineEvent[][] = []
  bridge.onBatch((events) => got.push(events))
  return { bridge, got, fetch }
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
    const { got } = bridgeOnFakeServer()
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

  it('a catch-up shows the notices raised meanwhile and takes away those that ended', async () => {
    vi.useFakeTimers()
    const raised: Notice = { id: 'history-write', level: 'error', message: 'disk full' }
    const { got } = bridgeOnFakeServer([raised])
    const first = FakeSource.all[0]!
    const ended: Notice = { id: 'settings-reset', level: 'warning', message: 'reset' }
    first.onmessage?.(
      new MessageEvent('message', { data: JSON.stringify([{ type: 'notice', data: ended }]) })
    )
    first.readyState = 2
    first.onerror?.(new Event('error'))
    await vi.advanceTimersByTimeAsync(100)
    FakeSource.all[1]!.onopen?.(new Event('open'))
    await vi.runAllTimersAsync()
    const catchUp = got.at(-1)!
    expect(catchUp.filter((e) => e.type.startsWith('notice'))).toEqual([
      { type: 'notice-cleared', data: { id: 'settings-reset' } },
      { type: 'notice', data: raised }
    ])
  })

  it('after a plain disconnect it lets EventSource reconnect, then catches up', async () => {
    const { got } = bridgeOnFakeServer()
    const source = FakeSource.all[0]!
    // The connection broke (the server cut it off): EventSource is CONNECTING again by itself.
    source.readyState = 0
    source.onerror?.(new Event('error'))
    expect(source.closed).toBe(false)
    expect(FakeSource.all).toHaveLength(1)
    source.readyState = 1
    source.onopen?.(new Event('open'))
    await vi.waitFor(() => expect(got).toHaveLength(1))
    expect(got[0]!.map((e) => e.type)).toEqual(['settings-changed', 'receiver-status', 'capture'])
  })
})

describe('http bridge: the server cut the stream because the tab fell behind', () => {
  const RELOAD = JSON.stringify({ reason: 'this tab fell more than 32 MiB of live updates behind' })

  it('closes the stream, says why in a notice, and does not reconnect by itself', async () => {
    vi.useFakeTimers()
    const { got } = bridgeOnFakeServer()
    const first = FakeSource.all[0]!
    first.sendNamed('reload', RELOAD)
    expect(first.closed).toBe(true)
    expect(got).toHaveLength(1)
    const [event] = got[0]!
    expect(event).toEqual({
      type: 'notice',
      data: {
        id: EVENTS_CUT_NOTICE_ID,
        level: 'warning',
        message:
          'Live updates stopped: this tab fell behind and the server cut its stream (this tab fell more than 32 MiB of live updates behind). Reload to catch up.'
      }
    })
    // The stream's end that follows, and a long wait: still closed, nothing opened again.
    first.onerror?.(new Event('error'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeSource.all).toHaveLength(1)
    expect(got).toHaveLength(1)
  })

  it('a reload message without a readable reason still gives the notice', () => {
    const { got } = bridgeOnFakeServer()
    FakeSource.all[0]!.sendNamed('reload', 'not json')
    expect(got[0]![0]).toMatchObject({
      type: 'notice',
      data: { id: EVENTS_CUT_NOTICE_ID, message: expect.stringMatching(/stream\. Reload/) }
    })
  })

  it('dismissing the notice (its Reload) opens the stream again and catches up, without asking the server to dismiss it', async () => {
    const { bridge, got, fetch } = bridgeOnFakeServer()
    FakeSource.all[0]!.sendNamed('reload', RELOAD)
    await bridge.dismissNotice(EVENTS_CUT_NOTICE_ID)
    expect(fetch.mock.calls.map(([url]) => url)).not.toContain('/api/dismissNotice')
    expect(FakeSource.all).toHaveLength(2)
    const second = FakeSource.all[1]!
    second.onopen?.(new Event('open'))
    await vi.waitFor(() => expect(got).toHaveLength(2))
    expect(got[1]!.map((e) => e.type)).toEqual(['settings-changed', 'receiver-status', 'capture'])
    // Live events flow again; a second cut gives one notice again, and a second Reload is a no-op
    // until then.
    second.send([{ type: 'history-cleared', data: null }])
    expect(got).toHaveLength(3)
    await bridge.dismissNotice(EVENTS_CUT_NOTICE_ID)
    expect(FakeSource.all).toHaveLength(2)
    second.sendNamed('reload', RELOAD)
    second.sendNamed('reload', RELOAD)
    expect(got).toHaveLength(4)
    expect(got[3]![0]!.type).toBe('notice')
  })

  it('other notices are still dismissed on the server', async () => {
    const { bridge, fetch } = bridgeOnFakeServer()
    await bridge.dismissNotice('notice_disk')
    expect(fetch.mock.calls.map(([url]) => url)).toContain('/api/dismissNotice')
    expect(FakeSource.all).toHaveLength(1)
  })

  it('stays closed while cut, even when listeners come and go', () => {
    const { bridge } = bridgeOnFakeServer()
    FakeSource.all[0]!.sendNamed('reload', RELOAD)
    const off = bridge.onBatch(() => undefined)
    off()
    bridge.onBatch(() => undefined)
    expect(FakeSource.all).toHaveLength(1)
  })
})
