import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '@main/engine/dispatch'
import { buildEventBody } from '@shared/trialkit'
import { answer, httpResponse, ipv6Unavailable, startPeer, type Peer } from '../../helpers/peers'
import { dispatchTarget } from '../../helpers/dispatch-target'

const UA = 'hook-inspector/1.2.3'
const OK = httpResponse(200, 'OK', [], '{"ok":true}')

let peer: Peer | null = null
afterEach(async () => {
  await peer?.close()
  peer = null
})

describe('dispatcher: linking by port', () => {
  it('calls onConnect once, before the request arrives, with the port the server sees', async () => {
    peer = await startPeer(answer(OK))
    const calls: { localAddress: string; localPort: number; requestsSeen: number }[] = []
    const result = await dispatch({
      target: dispatchTarget(peer.url, { timeoutMs: 5000 }),
      body: buildEventBody('insert'),
      userAgent: UA,
      onConnect: (info) => calls.push({ ...info, requestsSeen: peer!.requests.length })
    })
    expect(result.error).toBeNull()
    expect(calls).toEqual([
      { localAddress: '127.0.0.1', localPort: peer.remotePorts[0], requestsSeen: 0 }
    ])
    expect(result.localPort).toBe(peer.remotePorts[0])
  })

  it('uses a fresh connection (and port) for every dispatch', async () => {
    peer = await startPeer(answer(OK))
    const target = dispatchTarget(peer.url, { timeoutMs: 5000 })
    const body = buildEventBody('update')
    const first = await dispatch({ target, body, userAgent: UA })
    const second = await dispatch({ target, body, userAgent: UA })
    expect(peer.remotePorts).toHaveLength(2)
    expect(first.localPort).toBe(peer.remotePorts[0])
    expect(second.localPort).toBe(peer.remotePorts[1])
    expect(first.localPort).not.toBe(second.localPort)
    await peer.allClosed(1000)
  })

  it('is not thrown off by an onConnect listener that throws', async () => {
    peer = await startPeer(answer(OK))
    const result = await dispatch({
      target: dispatchTarget(peer.url, { timeoutMs: 5000 }),
      body: buildEventBody('insert'),
      userAgent: UA,
      onConnect: () => {
        throw new Error('listener failed')
      }
    })
    expect(result.error).toBeNull()
    expect(result.response?.status).toBe(200)
  })
})

describe('dispatcher: IPv6 loopback', () => {
  it('dispatches to http://[::1]:port/', async () => {
    const reason = await ipv6Unavailable()
    if (reason !== null) {
      console.warn(`IPv6 check not run: ${reason}`)
      expect(reason).toMatch(/::1/)
      return
    }
    peer = await startPeer(answer(OK), { host: '::1' })
    let localAddress = ''
    const result = await dispatch({
      target: dispatchTarget(peer.url, { timeoutMs: 5000 }),
      body: buildEventBody('review'),
      userAgent: UA,
      onConnect: (info) => {
        localAddress = info.localAddress
      }
    })
    expect(result.error).toBeNull()
    expect(peer.url).toBe(`http://[::1]:${peer.port}/`)
    expect(localAddress).toBe('::1')
    expect(result.localPort).toBe(peer.remotePorts[0])
    expect(peer.requests[0]!.toString('latin1')).toContain(`\r\nHost: [::1]:${peer.port}\r\n`)
  })
})
