import { performance } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import type { DispatchOptions, DispatchResult } from '@main/engine/ports'
import { timeoutMessage } from '@main/engine/dispatch/messages'
import { dispatch } from '@main/engine/dispatch'
import { buildEventBody } from '@shared/trialkit'
import { hang, startPeer, trickle, type Peer } from '../../helpers/peers'
import { dispatchTarget } from '../../helpers/dispatch-target'

const UA = 'hook-inspector/1.2.3'

function fire(url: string, timeoutMs: number, extra: Partial<DispatchOptions> = {}) {
  return dispatch({
    target: dispatchTarget(url, { timeoutMs }),
    body: buildEventBody('review'),
    userAgent: UA,
    ...extra
  })
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
}

let peer: Peer | null = null
afterEach(async () => {
  await peer?.close()
  peer = null
})

describe('dispatcher: timeout', () => {
  it('times out a server that hangs, within timeout + 50 ms, and closes the socket', async () => {
    peer = await startPeer(hang)
    const before = performance.now()
    const result = await fire(peer.url, 300)
    const waited = performance.now() - before
    expect(result.error).toEqual({
      kind: 'timeout',
      message: "No complete response within 0.3 s (the hook's timeout)."
    })
    expect(waited).toBeGreaterThanOrEqual(299)
    expect(waited).toBeLessThan(350)
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(299)
    expect(result.timings.totalMs).toBeLessThan(350)
    expect(result.timings.connectMs).not.toBeNull()
    expect(result.timings.firstByteMs).toBeNull()
    expect(result.response).toBeNull()
    await peer.allClosed(1000)
  })

  it('never ends before the whole timeout has passed, though timers run on a millisecond clock', async () => {
    peer = await startPeer(hang)
    // The event loop's clock counts whole milliseconds, so a plain timer can fire up to one
    // millisecond before its time as measured from the fire itself; over many fires some would.
    const totals: number[] = []
    for (let i = 0; i < 40; i++) {
      const result = await fire(peer.url, 20)
      expect(result.error?.kind).toBe('timeout')
      totals.push(result.timings.totalMs)
    }
    expect(Math.min(...totals)).toBeGreaterThanOrEqual(20)
  })

  it('words the timeout the way the hook configures it', () => {
    expect(timeoutMessage(30_000)).toBe("No complete response within 30 s (the hook's timeout).")
    expect(timeoutMessage(1500)).toBe("No complete response within 1.5 s (the hook's timeout).")
  })

  it('treats a body trickled past the timeout as a timeout, with what had arrived', async () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n'
    peer = await startPeer(trickle(head, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], 80))
    const result = await fire(peer.url, 400)
    expect(result.error?.kind).toBe('timeout')
    expect(result.timings.firstByteMs).not.toBeNull()
    // Headers came: the message says so, not "no answer".
    expect(result.error?.message).toBe(
      `Answered HTTP 200 headers after ${Math.round(result.timings.firstByteMs!)} ms, but the body never completed; TrialKit gave up at 0.4 s.`
    )
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(399)
    expect(result.response?.status).toBe(200)
    expect(result.response?.bodySize).toBeGreaterThan(0)
    expect(result.response?.bodySize).toBeLessThan(10)
    await peer.allClosed(1000)
  })

  it('accepts a trickled body that completes inside the timeout', async () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n'
    peer = await startPeer(trickle(head, ['x', 'y', 'z'], 30))
    const result = await fire(peer.url, 2000)
    expect(result.error).toBeNull()
    expect(Buffer.from(result.response!.bodyBase64, 'base64').toString()).toBe('xyz')
  })

  it('clears its timer once the outcome is known', async () => {
    peer = await startPeer(hang)
    const baseline = timers()
    const controller = new AbortController()
    const pending = fire(peer.url, 60_000, { signal: controller.signal })
    expect(timers()).toBe(baseline + 1)
    controller.abort()
    await pending
    expect(timers()).toBe(baseline)
  })
})

describe('dispatcher: abort', () => {
  it('ends with aborted when the signal fires and closes the connection', async () => {
    peer = await startPeer(hang)
    const controller = new AbortController()
    const pending: Promise<DispatchResult> = fire(peer.url, 5000, { signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    const result = await pending
    expect(result.error?.kind).toBe('aborted')
    expect(result.error?.message).toMatch(/^Cancelled after \d+ ms/)
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(95)
    expect(result.timings.totalMs).toBeLessThan(1000)
    await peer.allClosed(1000)
  })

  it('does not touch the network when already aborted', async () => {
    peer = await startPeer(hang)
    const result = await fire(peer.url, 5000, { signal: AbortSignal.abort() })
    expect(result.error?.kind).toBe('aborted')
    expect(result.request.headers.length).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(peer.remotePorts).toHaveLength(0)
  })
})
