import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '@main/engine/dispatch'
import { buildEventBody, type HookEvent } from '@shared/trialkit'
import { answer, httpResponse, startPeer, type Peer } from '../../helpers/peers'
import { dispatchTarget } from '../../helpers/dispatch-target'

const UA = 'hook-inspector/1.2.3'
const OK = httpResponse(200, 'OK', [['Content-Type', 'application/json']], '{"ok":true}')

function fixture(event: HookEvent): Buffer {
  return readFileSync(
    fileURLToPath(new URL(`../../fixtures/trialkit/${event}.json`, import.meta.url))
  )
}

let peer: Peer | null = null
afterEach(async () => {
  await peer?.close()
  peer = null
})

describe('dispatcher: bytes on the wire', () => {
  const cases: [HookEvent, string, string][] = [
    ['insert', '', ''],
    ['update', '', ''],
    ['review', '', ''],
    ['insert', 'ann@site.org', 'p:ä ss'],
    ['update', 'ann@site.org', 'p:ä ss'],
    ['review', 'ann@site.org', 'p:ä ss']
  ]

  it.each(cases)('sends exactly TrialKit’s %s request (email %j)', async (event, email, pw) => {
    peer = await startPeer(answer(OK))
    const body = buildEventBody(event)
    const url = `${peer.url}hooks/trialkit?study=7`
    const result = await dispatch({
      target: dispatchTarget(url, { email, password: pw, timeoutMs: 5000 }),
      body,
      userAgent: UA
    })

    const bodyBytes = fixture(event)
    const auth = email
      ? `Authorization: Basic ${Buffer.from(`${email}:${pw}`, 'utf8').toString('base64')}\r\n`
      : ''
    const expected = Buffer.concat([
      Buffer.from(
        'POST /hooks/trialkit?study=7 HTTP/1.1\r\n' +
          `Host: 127.0.0.1:${peer.port}\r\n` +
          'Content-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${bodyBytes.length}\r\n` +
          `User-Agent: ${UA}\r\n` +
          auth +
          'Connection: close\r\n\r\n',
        'latin1'
      ),
      bodyBytes
    ])
    expect(result.error).toBeNull()
    expect(peer.requests).toHaveLength(1)
    expect(peer.requests[0]!.toString('latin1')).toBe(expected.toString('latin1'))
    expect(peer.requests[0]!.equals(expected)).toBe(true)
    expect(result.request.body).toBe(bodyBytes.toString('utf8'))
    expect(result.request.bodySize).toBe(bodyBytes.length)
  })

  it('sends a multi-byte body with its byte length, not its character count', async () => {
    peer = await startPeer(answer(OK))
    const body = buildEventBody('insert', { form_name: 'Visite médicale – Jour 1' })
    const result = await dispatch({
      target: dispatchTarget(peer.url, { timeoutMs: 5000 }),
      body,
      userAgent: UA
    })
    expect(result.error).toBeNull()
    const raw = peer.requests[0]!
    const split = raw.indexOf('\r\n\r\n') + 4
    expect(raw.subarray(split).equals(Buffer.from(body, 'utf8'))).toBe(true)
    expect(raw.subarray(0, split).toString('latin1')).toContain(
      `\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
    )
    expect(raw.subarray(0, split).toString('latin1')).not.toMatch(/transfer-encoding/i)
  })

  it('does not follow a redirect: one request only, to the configured URL', async () => {
    peer = await startPeer(
      answer(httpResponse(307, 'Temporary Redirect', [['Location', '/elsewhere']]))
    )
    const result = await dispatch({
      target: dispatchTarget(peer.url, { timeoutMs: 5000 }),
      body: buildEventBody('update'),
      userAgent: UA
    })
    expect(result.error?.kind).toBe('http-status')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(peer.requests).toHaveLength(1)
    expect(peer.requests[0]!.toString('latin1')).toMatch(/^POST \/ HTTP\/1\.1\r\n/)
  })
})
