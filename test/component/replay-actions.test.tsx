// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeCapture, makeExchange, makeHook, ANY_EXCHANGE_ID } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderReplayView } from '../helpers/render-app'

afterEach(cleanup)

describe('replay from the inspector', () => {
  it('re-sends a capture to a saved hook, and shows the ProtocolError it gets', async () => {
    const bridge = new FakeBridge()
    bridge.settings.hooks = [makeHook({ id: 'h2', name: 'Staging', timeoutSeconds: 9 })]
    bridge.history = [makeCapture()]
    bridge.replayImpl = async () => ({
      ...makeExchange({ id: 'ex_9', replayOf: 'cap_1' }),
      error: { kind: 'http-status', message: 'HTTP 502' }
    })
    await renderReplayView(bridge, 'cap_1')
    fireEvent.click(screen.getByTestId('inspector-resend-to'))
    expect((screen.getByTestId('replay-target') as HTMLSelectElement).value).toBe('hook:h2')
    await act(async () => {
      fireEvent.click(screen.getByTestId('replay-send'))
    })
    expect(bridge.callsOf('replay')).toEqual([
      [{ sourceId: 'cap_1', hookId: 'h2', exchangeId: ANY_EXCHANGE_ID }]
    ])
    expect(screen.getByTestId('protocol-error-kind').textContent).toBe('http-status')
  })

  it('opens the request in the composer, refuses a bad URL there, then sends the edited body and headers', async () => {
    const bridge = new FakeBridge()
    const sent = makeExchange()
    bridge.history = [sent]
    bridge.answerReplays()
    await renderReplayView(bridge, 'ex_1')
    expect(screen.getByTestId('composer')).toBeTruthy()
    expect(screen.getByTestId('inspector-resend').textContent).toBe('Re-send')
    fireEvent.click(screen.getByTestId('inspector-edit-resend'))
    expect(screen.queryByTestId('composer')).toBeNull()
    // The edits are on screen: the inspector's button says it sends the original.
    expect(screen.getByTestId('inspector-resend').textContent).toBe('Re-send original')
    const body = screen.getByTestId('replay-body') as HTMLTextAreaElement
    expect(body.value).toBe(sent.request.body)
    fireEvent.change(body, { target: { value: '{"edited":true}' } })
    fireEvent.change(screen.getByTestId('replay-target'), { target: { value: 'url' } })
    fireEvent.change(screen.getByTestId('replay-url'), { target: { value: 'not a url' } })
    await act(async () => {
      fireEvent.click(screen.getByTestId('replay-send'))
    })
    expect(screen.getByTestId('replay-url-error').textContent).toMatch(/not an absolute URL/)
    expect(bridge.callsOf('replay')).toHaveLength(0)
    fireEvent.change(screen.getByTestId('replay-url'), {
      target: { value: 'http://127.0.0.1:9999/x' }
    })
    await act(async () => {
      fireEvent.click(screen.getByTestId('replay-send'))
    })
    const [[request]] = bridge.callsOf('replay') as [[Record<string, unknown>]]
    expect(request).toMatchObject({
      sourceId: 'ex_1',
      url: 'http://127.0.0.1:9999/x',
      body: '{"edited":true}'
    })
    const names = (request.headers as [string, string][]).map(([n]) => n)
    expect(names).toContain('Content-Type')
    expect(names).not.toContain('Host')
    expect(names).not.toContain('Content-Length')
    expect(screen.getByTestId('dispatch-saved')).toBeTruthy()
    // Sent: the composer is back to composing events.
    expect(screen.queryByTestId('replay-editor')).toBeNull()
    expect(screen.getByTestId('composer')).toBeTruthy()
  })

  it('cannot re-send a capture whose body was cut short', async () => {
    const bridge = new FakeBridge()
    bridge.history = [makeCapture({ truncated: true, bodySize: 9_000_000 })]
    await renderReplayView(bridge, 'cap_1')
    expect((screen.getByTestId('inspector-resend') as HTMLButtonElement).disabled).toBe(true)
    expect((screen.getByTestId('inspector-edit-resend') as HTMLButtonElement).disabled).toBe(true)
  })
})
