import { afterEach, describe, expect, it } from 'vitest'
import type { DispatchResult } from '@main/engine/ports'
import { dispatch } from '@main/engine/dispatch'
import { buildEventBody } from '@shared/trialkit'
import {
  answer,
  closedPort,
  cutAfter,
  drop,
  httpResponse,
  reset,
  startPeer,
  type Peer
} from '../../helpers/peers'
import { dispatchTarget } from '../../helpers/dispatch-target'

const UA = 'hook-inspector/1.2.3'
const BODY = buildEventBody('insert')

function fire(url: string, timeoutMs = 5000): Promise<DispatchResult> {
  return dispatch({
    target: dispatchTarget(url, { timeoutMs }),
    body: BODY,
    userAgent: UA
  })
}

function bodyText(result: DispatchResult): string {
  return Buffer.from(result.response?.bodyBase64 ?? '', 'base64').toString('utf8')
}

let peer: Peer | null = null
afterEach(async () => {
  await peer?.close()
  peer = null
})

describe('dispatcher: success', () => {
  it('treats a complete 200 as success and records the response as sent', async () => {
    peer = await startPeer(
      answer(
        httpResponse(
          200,
          'All Good',
          [
            ['X-Trace', 'a'],
            ['content-TYPE', 'application/json'],
            ['X-Trace', 'b']
          ],
          '{"ok":true}'
        )
      )
    )
    const result = await fire(peer.url)
    expect(result.error).toBeNull()
    expect(result.response).toMatchObject({
      status: 200,
      statusText: 'All Good',
      headers: [
        ['X-Trace', 'a'],
        ['content-TYPE', 'application/json'],
        ['X-Trace', 'b'],
        ['Content-Length', '11']
      ],
      bodySize: 11,
      truncated: false
    })
    expect(bodyText(result)).toBe('{"ok":true}')
    const { connectMs, firstByteMs, totalMs } = result.timings
    expect(connectMs).not.toBeNull()
    expect(firstByteMs).not.toBeNull()
    expect(connectMs!).toBeGreaterThanOrEqual(0)
    expect(firstByteMs!).toBeGreaterThanOrEqual(connectMs!)
    expect(totalMs).toBeGreaterThanOrEqual(firstByteMs!)
    for (const ms of [connectMs!, firstByteMs!, totalMs]) {
      expect(Math.round(ms * 10) / 10).toBe(ms)
    }
    expect(result.localPort).toBe(peer.remotePorts[0])
  })

  it('treats 204 No Content as success', async () => {
    peer = await startPeer(answer('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n'))
    const result = await fire(peer.url)
    expect(result.error).toBeNull()
    expect(result.response).toMatchObject({ status: 204, bodySize: 0, bodyBase64: '' })
  })

  it('accepts a body that ends with the connection (no Content-Length)', async () => {
    peer = await startPeer(answer('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nstreamed'))
    const result = await fire(peer.url)
    expect(result.error).toBeNull()
    expect(bodyText(result)).toBe('streamed')
  })

  it('keeps 1 MiB of a 3 MiB response and reports its true size', async () => {
    const size = 3 * 1024 * 1024
    peer = await startPeer(answer(httpResponse(200, 'OK', [], Buffer.alloc(size, 0x61))))
    const result = await fire(peer.url)
    expect(result.error).toBeNull()
    expect(result.response?.bodySize).toBe(size)
    expect(result.response?.truncated).toBe(true)
    const kept = Buffer.from(result.response!.bodyBase64, 'base64')
    expect(kept.length).toBe(1024 * 1024)
    expect(kept.every((b) => b === 0x61)).toBe(true)
  })

  it('honours a smaller response body cap', async () => {
    peer = await startPeer(answer(httpResponse(200, 'OK', [], 'abcdefghij')))
    const result = await dispatch({
      target: dispatchTarget(peer.url, { timeoutMs: 5000 }),
      body: BODY,
      userAgent: UA,
      responseBodyCap: 4
    })
    expect(result.response).toMatchObject({ bodySize: 10, truncated: true })
    expect(bodyText(result)).toBe('abcd')
  })
})

describe('dispatcher: http-status', () => {
  it('reports a complete 500 as http-status with the response', async () => {
    peer = await startPeer(
      answer(httpResponse(500, 'Internal Server Error', [], '{"error":"boom"}'))
    )
    const result = await fire(peer.url)
    expect(result.error).toEqual({ kind: 'http-status', message: 'HTTP 500 Internal Server Error' })
    expect(result.response?.status).toBe(500)
    expect(bodyText(result)).toBe('{"error":"boom"}')
  })

  it('reports a 302 with its Location and does not follow it', async () => {
    const target = await startPeer(answer(httpResponse(200, 'OK')))
    try {
      peer = await startPeer(answer(httpResponse(302, 'Found', [['Location', target.url]])))
      const result = await fire(peer.url)
      expect(result.error?.kind).toBe('http-status')
      expect(result.error?.message).toBe(
        `HTTP 302 Found (Location: ${target.url}; redirects are not followed)`
      )
      expect(result.response?.headers).toContainEqual(['Location', target.url])
      expect(target.remotePorts).toHaveLength(0)
    } finally {
      await target.close()
    }
  })

  it('reports a 101 protocol switch as http-status', async () => {
    peer = await startPeer(
      answer(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'
      )
    )
    const result = await fire(peer.url)
    expect(result.error).toEqual({ kind: 'http-status', message: 'HTTP 101 Switching Protocols' })
    expect(result.response?.headers).toContainEqual(['Upgrade', 'websocket'])
    await peer.allClosed(1000)
  })

  it('fills in the standard reason phrase when the server sends none', async () => {
    peer = await startPeer(answer('HTTP/1.1 503 \r\nContent-Length: 0\r\n\r\n'))
    const result = await fire(peer.url)
    expect(result.error).toEqual({ kind: 'http-status', message: 'HTTP 503 Service Unavailable' })
  })
})

describe('dispatcher: connection failures', () => {
  it('reports connection-refused for a closed port', async () => {
    const port = await closedPort()
    const result = await fire(`http://127.0.0.1:${port}/hook`)
    expect(result.error?.kind).toBe('connection-refused')
    expect(result.error?.message).toContain(`127.0.0.1:${port}`)
    expect(result.response).toBeNull()
    expect(result.timings.connectMs).toBeNull()
    expect(result.localPort).toBeNull()
  })

  it('reports connection-reset when the server closes without answering', async () => {
    peer = await startPeer(drop)
    const result = await fire(peer.url)
    expect(result.error?.kind).toBe('connection-reset')
    expect(result.error?.message).toMatch(/closed before any response/)
    expect(result.response).toBeNull()
  })

  it('reports connection-reset when the server resets the connection (RST)', async () => {
    peer = await startPeer(reset)
    const result = await fire(peer.url)
    expect(result.error?.kind).toBe('connection-reset')
    expect(result.error?.message).toMatch(/before any response/)
  })

  it('reports connection-reset when the body stops short of its Content-Length', async () => {
    peer = await startPeer(cutAfter('HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n0123456789ab'))
    const result = await fire(peer.url)
    expect(result.error).toEqual({
      kind: 'connection-reset',
      message: 'The connection was closed before a complete response (after 12 of 40 body bytes).'
    })
    expect(result.response).toMatchObject({ status: 200, bodySize: 12 })
    expect(result.timings.firstByteMs).not.toBeNull()
  })

  it('reports connection-reset when the body is cut off by a reset (RST)', async () => {
    peer = await startPeer(
      cutAfter('HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n0123456789ab', 'reset')
    )
    const result = await fire(peer.url)
    expect(result.error?.kind).toBe('connection-reset')
    expect(result.error?.message).toMatch(/^The connection was reset .*after 12 of 40 body bytes/)
  })

  it('reports connection-reset when a chunked body is cut off', async () => {
    peer = await startPeer(
      cutAfter('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n')
    )
    const result = await fire(peer.url)
    expect(result.error?.kind).toBe('connection-reset')
    expect(result.error?.message).toMatch(/after 5 body bytes/)
  })

  it('reports connection-reset for a malformed status line', async () => {
    peer = await startPeer(answer('HTTX/9 what\r\n\r\n'))
    const result = await fire(peer.url)
    expect(result.error?.kind).toBe('connection-reset')
    expect(result.error?.message).toMatch(/malformed HTTP response/)
    expect(result.response).toBeNull()
  })
})

describe('dispatcher: dns', () => {
  it('reports dns for a host under the reserved .invalid TLD', async () => {
    const result = await fire('http://no-such-host.invalid/hook', 8000)
    expect(result.error?.kind).toBe('dns')
    expect(result.error?.message).toContain('no-such-host.invalid')
    expect(result.timings.connectMs).toBeNull()
  }, 10_000)
})

describe('dispatcher: invalid-url', () => {
  it.each([
    ['ftp://127.0.0.1/hook', /"ftp" is not supported/],
    ['not a url', /not an absolute URL/],
    ['http://user:pass@127.0.0.1:1/hook', /credentials/]
  ])('refuses %j without touching the network', async (url, message) => {
    let connected = false
    const result = await dispatch({
      target: dispatchTarget(url, { email: 'a@b.c', password: 'x', timeoutMs: 1000 }),
      body: BODY,
      userAgent: UA,
      onConnect: () => {
        connected = true
      }
    })
    expect(result.error?.kind).toBe('invalid-url')
    expect(result.error?.message).toMatch(message)
    expect(result.request).toEqual({
      method: 'POST',
      url,
      headers: [],
      body: BODY,
      bodySize: Buffer.byteLength(BODY)
    })
    expect(result.response).toBeNull()
    expect(result.localPort).toBeNull()
    expect(connected).toBe(false)
  })
})
