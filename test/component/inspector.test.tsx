// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { encodeBasicAuth } from '@shared/basic-auth'
import { bytesToBase64 } from '@shared/bytes'
import { buildEventBody } from '@shared/trialkit'
import { b64, makeCapture, makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderSelecting } from '../helpers/render-app'

afterEach(cleanup)

/** Selects the row holding entry `entryId`. */
async function inspect(bridge: FakeBridge, entryId: string) {
  return renderSelecting(<Inspector />, bridge, entryId)
}

function linkedBridge(): FakeBridge {
  const bridge = new FakeBridge()
  bridge.history = [makeExchange({ captureId: 'cap_1' }), makeCapture({ exchangeId: 'ex_1' })]
  return bridge
}

describe('inspector', () => {
  it('shows a linked exchange + capture as one row with the request body as pretty JSON', async () => {
    const r = await inspect(linkedBridge(), 'ex_1')
    const { order, rows } = r.store.getState().history
    expect(order).toHaveLength(1)
    const row = rows.get(order[0]!)!
    expect([row.exchange?.id, row.capture?.id]).toEqual(['ex_1', 'cap_1'])
    const body = screen.getByTestId('inspector-request-body')
    expect(body.dataset.mode).toBe('pretty')
    expect(screen.getByTestId('inspector-request-body-content').textContent).toBe(
      JSON.stringify(JSON.parse(buildEventBody('insert')), null, 2)
    )
    fireEvent.click(screen.getByTestId('inspector-request-body-mode-raw'))
    expect(screen.getByTestId('inspector-request-body-content').textContent).toBe(
      buildEventBody('insert')
    )
  })

  it('decodes the credentials and marks whether they match what the receiver expects', async () => {
    await inspect(linkedBridge(), 'ex_1')
    expect(screen.getByTestId('inspector-request-auth-email').textContent).toBe('ann@site.org')
    expect(screen.getByTestId('inspector-request-auth-match').textContent).toContain('✓')
    fireEvent.click(screen.getByTestId('inspector-tab-received'))
    expect(screen.getByTestId('inspector-capture-auth-email').textContent).toBe('ann@site.org')
    expect(screen.getByTestId('inspector-capture-auth-password').textContent).not.toContain(
      'p:w0rd'
    )
    fireEvent.click(screen.getByTestId('inspector-capture-auth-password-reveal'))
    expect(screen.getByTestId('inspector-capture-auth-password').textContent).toBe('p:w0rd')
    expect(screen.getByTestId('inspector-answer-outcome').textContent).toBe(
      'Answered 200 after 0 ms'
    )
    cleanup()

    const bridge = new FakeBridge()
    bridge.history = [
      makeCapture({
        auth: {
          scheme: 'Basic',
          email: 'eve@site.org',
          password: 'guess',
          base64Valid: true,
          matchesExpected: false
        },
        response: { status: 401, delayMs: 0, fault: 'none' }
      })
    ]
    await inspect(bridge, 'cap_1')
    const mark = screen.getByTestId('inspector-capture-auth-match')
    expect(mark.textContent).toContain('✗')
    expect(mark.dataset.match).toBe('false')
    expect(screen.getByTestId('inspector-outcome').textContent).toBe('error')
  })

  it('shows binary bodies as hex', async () => {
    const bytes = new Uint8Array([0x00, 0x01, 0xff, 0x41, 0x42, 0x0a])
    const bridge = new FakeBridge()
    bridge.history = [
      makeCapture({ bodyBase64: bytesToBase64(bytes), bodySize: 6, json: null, jsonError: 'x' })
    ]
    await inspect(bridge, 'cap_1')
    const viewer = screen.getByTestId('inspector-capture-body')
    expect(viewer.dataset.mode).toBe('hex')
    expect(screen.getByTestId('inspector-capture-body-content').textContent).toContain(
      '00000000  00 01 ff 41 42 0a'
    )
    expect(screen.getByTestId('inspector-capture-body-content').textContent).toContain('..AB.')
    expect(
      (screen.getByTestId('inspector-capture-body-mode-pretty') as HTMLButtonElement).disabled
    ).toBe(true)
  })

  it('draws the timing bar against the timeout', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeExchange({
        timings: { connectMs: 3, firstByteMs: 1900, totalMs: 2004 },
        timeoutMs: 2000,
        response: null,
        error: { kind: 'timeout', message: 'No complete response within 2000 ms' }
      })
    ]
    await inspect(bridge, 'ex_1')
    expect(screen.getByTestId('timing-connect').textContent).toBe('3 ms')
    expect(screen.getByTestId('timing-first-byte').textContent).toBe('1.90 s')
    expect(screen.getByTestId('timing-total').textContent).toBe('2.00 s')
    expect(screen.getByTestId('timing-timeout').textContent).toBe('2.00 s')
    const track = screen.getByTestId('inspector-timing').querySelector('.timing-track')!
    expect(track.className).toContain('timing-over')
    fireEvent.click(screen.getByTestId('inspector-tab-response'))
    expect(screen.getByTestId('inspector-error').textContent).toContain('timeout')
  })

  it('gives a byte-exact cURL with the Authorization header', async () => {
    await inspect(linkedBridge(), 'ex_1')
    fireEvent.click(screen.getByTestId('inspector-tab-curl'))
    const curl = screen.getByTestId('inspector-curl').textContent!
    expect(curl).toContain(`'http://127.0.0.1:4700/hook?study=7'`)
    expect(curl).toContain(`-H '${'Authorization: ' + encodeBasicAuth('ann@site.org', 'p:w0rd')}'`)
    expect(curl).toContain(`--data-binary '${buildEventBody('insert')}'`)
    expect(curl).toContain(`-H 'User-Agent: hook-inspector/9.9.9'`)
    expect(curl).toContain(`-H 'Accept:'`)
  })

  it('replays a captured binary body through printf with octal escapes', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeCapture({
        bodyBase64: bytesToBase64(new Uint8Array([0x00, 0x27, 0x25, 0x41])),
        bodySize: 4
      })
    ]
    await inspect(bridge, 'cap_1')
    fireEvent.click(screen.getByTestId('inspector-tab-curl'))
    const curl = screen.getByTestId('inspector-curl').textContent!
    expect(curl.startsWith(`printf '\\000\\047\\045A' | curl`)).toBe(true)
    expect(curl).toContain(`'http://127.0.0.1:4700/hook?study=7'`)
    expect(curl).toContain('--data-binary @-')
  })

  it('shows the response of an http-status error with its body', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeExchange({
        response: {
          status: 500,
          statusText: 'Internal Server Error',
          headers: [['Content-Type', 'application/json']],
          bodyBase64: b64('{"error":"boom"}'),
          bodySize: 16,
          truncated: false
        },
        error: { kind: 'http-status', message: 'The hook answered 500 Internal Server Error' }
      })
    ]
    await inspect(bridge, 'ex_1')
    fireEvent.click(screen.getByTestId('inspector-tab-response'))
    expect(screen.getByTestId('inspector-response-status').textContent).toBe(
      'HTTP/1.1 500 Internal Server Error'
    )
    expect(screen.getByTestId('inspector-response-body-content').textContent).toContain(
      '"error": "boom"'
    )
  })

  it('a capture the caller left is updated live and reads as no answer, in the row and the inspector', async () => {
    const bridge = new FakeBridge()
    const held = makeCapture({ response: { status: 0, delayMs: 0, fault: 'hang' } })
    bridge.history = [held]
    const r = await inspect(bridge, 'cap_1')
    fireEvent.click(screen.getByTestId('inspector-tab-received'))
    expect(screen.getByTestId('inspector-answer-outcome').textContent).toBe(
      'No answer: the connection is held open until the caller leaves'
    )
    await act(async () => {
      r.store.getState().applyEvents([
        {
          type: 'capture-updated',
          data: { ...held, unfinished: { how: 'left-before-answer', afterMs: 2000 } }
        }
      ])
    })
    expect(screen.getByTestId('inspector-answer-outcome').textContent).toBe(
      'No answer: held until the caller left after 2.0 s'
    )
    expect(screen.getByTestId('inspector-answer-outcome').className).toContain('status-error')
    expect(r.store.getState().history.rows).toHaveLength(1)
  })
})
