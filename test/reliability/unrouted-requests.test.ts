import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startReceiver } from '@main/engine'
import type { RunningReceiver } from '@main/engine/ports'
import { encodeBasicAuth } from '@shared/basic-auth'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { CaptureSchema, type Capture } from '@shared/schemas'
import { RawClient } from '../helpers/raw-client'
import { failOnProcessErrors } from './support/process-guard'
import { roundTrip } from './support/raw'

failOnProcessErrors()

const HEADERS_TIMEOUT_MS = 300

describe('requests Node answers or drops before any route are recorded with what was read', () => {
  let receiver: RunningReceiver
  const captures: Capture[] = []

  beforeAll(async () => {
    receiver = await startReceiver({
      host: '127.0.0.1',
      port: 0,
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      getBehavior: () => ({ ...structuredClone(HEALTHY_BEHAVIOR), preset: null }),
      onCapture: (capture) => {
        captures.push(CaptureSchema.parse(capture))
      }
    })
  })
  afterAll(async () => {
    await receiver?.close()
  })
  beforeEach(() => {
    captures.length = 0
  })

  /** The receiver still records and answers a plain request afterwards. */
  async function stillServes(): Promise<void> {
    const before = captures.length
    const response = await roundTrip(
      receiver.port,
      'POST /after HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}'
    )
    expect(response.status).toBe(200)
    expect(captures).toHaveLength(before + 1)
  }

  it('an Expect other than 100-continue: recorded, answered 417 with the reason', async () => {
    const auth = encodeBasicAuth('hook@example.org', 'secret')
    const response = await roundTrip(
      receiver.port,
      `POST /expect?x=1 HTTP/1.1\r\nHost: x\r\nExpect: 999-bogus\r\nAuthorization: ${auth}\r\nContent-Length: 2\r\n\r\n{}`
    )
    expect(response.status).toBe(417)
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({
      error: 'Expectation Failed',
      message:
        'The request expects "999-bogus", which the receiver does not meet (it meets only "100-continue").'
    })
    expect(captures).toHaveLength(1)
    expect(captures[0]).toMatchObject({
      method: 'POST',
      path: '/expect',
      query: { x: '1' },
      httpVersion: '1.1',
      headers: [
        ['Host', 'x'],
        ['Expect', '999-bogus'],
        ['Authorization', auth],
        ['Content-Length', '2']
      ],
      auth: { email: 'hook@example.org', matchesExpected: null },
      bodySize: 0,
      response: { status: 417, delayMs: 0, fault: 'none' }
    })
    await stillServes()
  })

  it('CONNECT: recorded with its target as the path, refused 405, no tunnel', async () => {
    const client = await RawClient.open(receiver.port)
    try {
      client.write(
        'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\nX-Probe: 1\r\n\r\n'
      )
      const response = await client.response(3000)
      expect(response.status).toBe(405)
      expect(JSON.parse(response.body.toString('utf8'))).toEqual({
        error: 'Method Not Allowed',
        message: 'The receiver is not a proxy and opens no tunnels: CONNECT is not supported.'
      })
      const end = await client.endWithin(3000)
      expect(end).not.toBeNull()
    } finally {
      client.destroy()
    }
    expect(captures).toHaveLength(1)
    expect(captures[0]).toMatchObject({
      method: 'CONNECT',
      path: 'example.org:443',
      headers: [
        ['Host', 'example.org:443'],
        ['X-Probe', '1']
      ],
      bodySize: 0,
      response: { status: 405 }
    })
    await stillServes()
  })

  it('headers too slow: the 408 capture has the method, path and the header lines that arrived', async () => {
    const client = await RawClient.open(receiver.port)
    try {
      client.write('GET /slow?step=2 HTTP/1.1\r\nHost: x\r\nX-Partial: yes\r\nX-Cut')
      const end = await client.endWithin(HEADERS_TIMEOUT_MS * 2 + 5000)
      expect(end).not.toBeNull()
      expect(client.received().toString('latin1')).toMatch(/^HTTP\/1\.1 408 /)
    } finally {
      client.destroy()
    }
    expect(captures).toHaveLength(1)
    expect(captures[0]).toMatchObject({
      method: 'GET',
      path: '/slow',
      query: { step: '2' },
      httpVersion: '1.1',
      headers: [
        ['Host', 'x'],
        ['X-Partial', 'yes']
      ],
      response: { status: 408 }
    })
    await stillServes()
  })

  it('headers too slow on a kept-alive connection: the 408 capture is of the second request, not the first', async () => {
    const client = await RawClient.open(receiver.port)
    try {
      client.write('POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}')
      await client.response(3000)
      client.write('PUT /second HTTP/1.1\r\nHost: y\r\n')
      const end = await client.endWithin(HEADERS_TIMEOUT_MS * 2 + 5000)
      expect(end).not.toBeNull()
    } finally {
      client.destroy()
    }
    expect(captures).toHaveLength(2)
    expect(captures[1]).toMatchObject({
      method: 'PUT',
      path: '/second',
      headers: [['Host', 'y']],
      response: { status: 408 }
    })
  })

  it('headers over the size limit: the 431 capture has the header lines before the limit', async () => {
    const response = await roundTrip(
      receiver.port,
      `GET /big HTTP/1.1\r\nHost: x\r\nX-Small: 1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`
    )
    expect(response.status).toBe(431)
    expect(captures).toHaveLength(1)
    expect(captures[0]).toMatchObject({
      method: 'GET',
      path: '/big',
      headers: [
        ['Host', 'x'],
        ['X-Small', '1']
      ],
      response: { status: 431 }
    })
  })
})
