import { performance } from 'node:perf_hooks'
import { afterAll, describe, expect, it } from 'vitest'
import type { DispatchResult } from '@main/engine/ports'
import { dispatch } from '@main/engine/dispatch'
import type { ExchangeErrorKind } from '@shared/schemas'
import { buildEventBody } from '@shared/trialkit'
import {
  answer,
  closedPort,
  cutAfter,
  drop,
  hang,
  httpResponse,
  ipv6Unavailable,
  reset,
  startPeer,
  type Peer,
  type PeerOptions,
  type PeerScript
} from '../helpers/peers'
import { failOnProcessErrors } from './support/process-guard'
import { activeSockets, socketsSettle } from './support/sockets'
import { dispatchTarget } from '../helpers/dispatch-target'

const TIMEOUT_MS = 600
/** Timeout precision target: an outcome lands within 50 ms of the timeout (plus the test's own scheduling). */
const SLACK_MS = 50
const FIFTY_MB = 50 * 1024 * 1024
const ONE_MIB = 1024 * 1024

failOnProcessErrors()

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Reads the request, sends a 200 with a 50 MB body in 1 MiB pieces (minding backpressure). */
const fiftyMegabytes: PeerScript = async ({ socket, request }) => {
  await request
  socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${FIFTY_MB}\r\n\r\n`)
  const piece = Buffer.alloc(ONE_MIB, 'z')
  for (let sent = 0; sent < FIFTY_MB && !socket.destroyed; sent += ONE_MIB) {
    if (!socket.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          socket.off('drain', done)
          socket.off('close', done)
          resolve()
        }
        socket.on('drain', done)
        socket.on('close', done)
      })
    }
  }
  socket.end()
}

/** Answers 100 Continue, then never the final response. */
const continueThenStall: PeerScript = async ({ socket, request }) => {
  await request
  socket.write('HTTP/1.1 100 Continue\r\n\r\n')
}

/** Sends the response head, then never the body it announced. */
const headersOnly: PeerScript = async ({ socket, request }) => {
  await request
  socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n')
}

interface Outcome {
  result: DispatchResult
  waitedMs: number
}

async function fire(url: string, timeoutMs = TIMEOUT_MS): Promise<Outcome> {
  const started = performance.now()
  const result = await dispatch({
    target: dispatchTarget(url, { email: 'hook@example.org', password: 's3cret', timeoutMs }),
    body: buildEventBody('insert'),
    userAgent: 'hook-inspector/reliability'
  })
  return { result, waitedMs: performance.now() - started }
}

/** The one outcome kind of a result: null for success. */
function kindOf(result: DispatchResult): ExchangeErrorKind | null {
  return result.error?.kind ?? null
}

/**
 * Runs one dispatch against a peer and checks what every dispatch must guarantee: one outcome,
 * in time, and no socket left open on either side.
 */
async function against(
  script: PeerScript,
  expected: ExchangeErrorKind | null,
  options: PeerOptions & { timeoutMs?: number; path?: string } = {}
): Promise<DispatchResult> {
  const peer: Peer = await startPeer(script, options)
  try {
    const baseline = activeSockets()
    const timeoutMs = options.timeoutMs ?? TIMEOUT_MS
    const { result, waitedMs } = await fire(`${peer.url}${options.path ?? 'hook'}`, timeoutMs)
    expect(kindOf(result), result.error?.message).toBe(expected)
    expect(result.error === null).toBe(expected === null)
    expect(waitedMs).toBeLessThanOrEqual(timeoutMs + SLACK_MS)
    expect(result.timings.totalMs).toBeLessThanOrEqual(timeoutMs + SLACK_MS)
    await peer.allClosed(1000)
    expect(peer.openConnections()).toBe(0)
    expect(await socketsSettle(baseline, 1000)).toBeLessThanOrEqual(baseline)
    return result
  } finally {
    await peer.close()
  }
}

const v6Problem = await ipv6Unavailable()

describe('dispatcher against faulty peers: one outcome, in time, nothing left open', () => {
  const startSockets = activeSockets()
  afterAll(async () => {
    expect(await socketsSettle(startSockets, 2000)).toBeLessThanOrEqual(startSockets)
  })

  it('a healthy peer: success', async () => {
    const result = await against(answer(httpResponse(200, 'OK', [], '{"ok":true}')), null)
    expect(result.response?.status).toBe(200)
  })

  it('a peer that never answers: timeout', async () => {
    const result = await against(hang, 'timeout')
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 1)
  })

  it('nothing listening: connection-refused', async () => {
    const baseline = activeSockets()
    const port = await closedPort()
    const { result, waitedMs } = await fire(`http://127.0.0.1:${port}/hook`)
    expect(kindOf(result)).toBe('connection-refused')
    expect(waitedMs).toBeLessThan(TIMEOUT_MS)
    expect(await socketsSettle(baseline, 1000)).toBeLessThanOrEqual(baseline)
  })

  it('a peer that closes without answering: connection-reset', async () => {
    await against(drop, 'connection-reset')
  })

  it('a peer that resets the connection: connection-reset', async () => {
    await against(reset, 'connection-reset')
  })

  it('a host name that does not resolve (rejected locally, nothing leaves the machine): dns', async () => {
    // A label over 63 characters is refused by the resolver itself, without any DNS query.
    const host = `${'a'.repeat(70)}.invalid`
    const { result, waitedMs } = await fire(`http://${host}/hook`)
    expect(kindOf(result)).toBe('dns')
    expect(result.error?.message).toContain(host)
    expect(waitedMs).toBeLessThanOrEqual(TIMEOUT_MS + SLACK_MS)
  })

  it('a self-signed certificate: tls', async () => {
    const result = await against(answer(httpResponse(200, 'OK')), 'tls', { tls: true })
    expect(result.response).toBeNull()
  })

  it('a complete 500 and a 302: http-status, Location named', async () => {
    await against(answer(httpResponse(500, 'Internal Server Error', [], 'boom')), 'http-status')
    const moved = await against(
      answer(httpResponse(302, 'Found', [['Location', 'http://127.0.0.1:1/elsewhere']])),
      'http-status'
    )
    expect(moved.error?.message).toContain('Location: http://127.0.0.1:1/elsewhere')
  })

  it('a malformed status line: connection-reset naming the malformed response', async () => {
    for (const line of ['HTTP/1.1 2OO OK\r\n\r\n', 'HTTX/1.1 200 OK\r\n\r\n', 'hello\r\n\r\n']) {
      const result = await against(answer(line), 'connection-reset')
      expect(result.error?.message, line).toMatch(/malformed HTTP response/)
    }
  })

  it('headers and then never the body: timeout, with the head recorded', async () => {
    const result = await against(headersOnly, 'timeout')
    expect(result.response).toMatchObject({ status: 200, bodySize: 0 })
    expect(result.timings.firstByteMs).not.toBeNull()
  })

  it('100 Continue and then a stall: timeout', async () => {
    const result = await against(continueThenStall, 'timeout')
    expect(result.response).toBeNull()
  })

  it('a 50 MB answer: success, 1 MiB kept, the true size recorded', async () => {
    const result = await against(fiftyMegabytes, null, { timeoutMs: 15_000 })
    expect(result.response).toMatchObject({ status: 200, bodySize: FIFTY_MB, truncated: true })
    expect(Buffer.from(result.response!.bodyBase64, 'base64')).toHaveLength(ONE_MIB)
  })

  it('a close after a partial body: connection-reset, with what arrived', async () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n'
    const result = await against(cutAfter(`${head}${'p'.repeat(300)}`), 'connection-reset')
    expect(result.response).toMatchObject({ status: 200, bodySize: 300 })
    expect(result.error?.message).toContain('after 300 of 1000 body bytes')
  })

  it(
    v6Problem === null
      ? 'an IPv6 loopback URL ([::1]): success'
      : `an IPv6 loopback URL ([::1]) where ::1 is unavailable (${v6Problem}): connection-refused`,
    async () => {
      if (v6Problem === null) {
        const result = await against(answer(httpResponse(200, 'OK')), null, { host: '::1' })
        expect(result.request.headers).toContainEqual([
          'Host',
          expect.stringMatching(/^\[::1\]:\d+$/)
        ])
      } else {
        const { result } = await fire('http://[::1]:9/hook')
        expect(kindOf(result)).toBe('connection-refused')
      }
    }
  )

  it('a URL with credentials in it: invalid-url, pointing at the hook fields; nothing sent', async () => {
    const peer = await startPeer(answer(httpResponse(200, 'OK')))
    try {
      const url = `http://user:secret@127.0.0.1:${peer.port}/hook`
      const { result, waitedMs } = await fire(url)
      expect(kindOf(result)).toBe('invalid-url')
      expect(result.error?.message).toMatch(/credentials/i)
      expect(result.error?.message).toMatch(/email and password fields/)
      expect(result.response).toBeNull()
      expect(waitedMs).toBeLessThan(TIMEOUT_MS)
      await wait(50)
      expect(peer.remotePorts).toEqual([])
    } finally {
      await peer.close()
    }
  })

  it('URLs that are not absolute http(s): invalid-url with a clear message', async () => {
    for (const url of ['', 'not a url', 'ftp://127.0.0.1/x', '/relative/path', 'http://']) {
      const { result } = await fire(url)
      expect(kindOf(result), url).toBe('invalid-url')
      expect(result.error?.message.length, url).toBeGreaterThan(10)
    }
  })
})
