import { createServer, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { DispatchResult } from '@main/engine/ports'
import { dispatch } from '@main/engine/dispatch'
import { buildEventBody } from '@shared/trialkit'
import { answer, httpResponse, startPeer, type Peer } from '../../helpers/peers'
import { dispatchTarget } from '../../helpers/dispatch-target'

const UA = 'hook-inspector/1.2.3'
const BODY = buildEventBody('review')

function fire(url: string, insecureTls: boolean): Promise<DispatchResult> {
  return dispatch({
    target: dispatchTarget(url, {
      email: 'ann@site.org',
      password: 'secret',
      timeoutMs: 5000,
      insecureTls
    }),
    body: BODY,
    userAgent: UA
  })
}

let peer: Peer | null = null
afterEach(async () => {
  await peer?.close()
  peer = null
})

describe('dispatcher: tls', () => {
  it('refuses a self-signed certificate by default', async () => {
    peer = await startPeer(answer(httpResponse(200, 'OK')), { tls: true })
    const result = await fire(peer.url, false)
    expect(result.error?.kind).toBe('tls')
    expect(result.error?.message).toMatch(/self[- ]signed/i)
    expect(result.error?.message).toMatch(/insecure TLS/)
    expect(result.response).toBeNull()
    expect(result.timings.connectMs).toBeNull()
    expect(result.localPort).not.toBeNull()
    expect(peer.requests).toHaveLength(0)
  })

  it('accepts it with insecureTls and sends the same bytes inside TLS', async () => {
    peer = await startPeer(answer(httpResponse(200, 'OK', [], 'fine')), { tls: true })
    let tcpUp: number | null = null
    const result = await dispatch({
      target: dispatchTarget(peer.url, { timeoutMs: 5000, insecureTls: true }),
      body: BODY,
      userAgent: UA,
      onConnect: ({ localPort }) => {
        tcpUp = localPort
      }
    })
    expect(result.error).toBeNull()
    expect(result.response?.status).toBe(200)
    expect(result.timings.connectMs).not.toBeNull()
    expect(result.timings.firstByteMs!).toBeGreaterThanOrEqual(result.timings.connectMs!)
    expect(tcpUp).toBe(peer.remotePorts[0])
    const raw = peer.requests[0]!.toString('utf8')
    expect(raw).toBe(
      'POST / HTTP/1.1\r\n' +
        `Host: 127.0.0.1:${peer.port}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(BODY)}\r\n` +
        `User-Agent: ${UA}\r\n` +
        'Connection: close\r\n\r\n' +
        BODY
    )
  })

  it('reports tls when the server does not speak TLS at all', async () => {
    const plain: Server = createServer((_req, res) => res.end('plain'))
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', () => resolve()))
    try {
      const address = plain.address()
      if (address === null || typeof address === 'string') throw new Error('no address')
      const result = await fire(`https://127.0.0.1:${address.port}/`, true)
      expect(result.error?.kind).toBe('tls')
      expect(result.error?.message).toMatch(/^TLS handshake failed: /)
    } finally {
      plain.closeAllConnections()
      await new Promise<void>((resolve) => plain.close(() => resolve()))
    }
  })

  it('reports connection-reset when the server hangs up during the handshake', async () => {
    peer = await startPeer(({ socket }) => {
      socket.destroy()
    })
    const result = await fire(peer.url.replace('http:', 'https:'), true)
    expect(result.error?.kind).toBe('connection-reset')
    expect(result.error?.message).toMatch(/during the TLS handshake/)
  })
})
