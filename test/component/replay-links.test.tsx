// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { makeCapture, makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderSelecting } from '../helpers/render-app'

afterEach(cleanup)

async function open(bridge: FakeBridge, entryId: string) {
  return renderSelecting(<Inspector />, bridge, entryId)
}

describe('replay and forwarding links in the inspector', () => {
  it('shows "replay of" on a re-sent exchange and follows it to the original', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeExchange({ id: 'ex_1' }),
      makeExchange({ id: 'ex_2', replayOf: 'ex_1', origin: 'replay' })
    ]
    const r = await open(bridge, 'ex_2')
    expect(screen.getByTestId('link-replay-of').textContent).toBe('replay of ex_1')
    await act(async () => {
      fireEvent.click(screen.getByTestId('link-replay-of-target'))
    })
    expect(r.store.getState().selectedRowId).toBe(r.store.getState().history.rowOf.get('ex_1'))
    expect(screen.queryByTestId('replay-links')).toBeNull()
  })

  it('links a forwarded capture and its forwarding leg both ways', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeCapture({
        id: 'cap_1',
        forward: { url: 'http://127.0.0.1:9000/real/hook', exchangeId: 'ex_f', error: null }
      }),
      makeExchange({ id: 'ex_f', origin: 'forward', forwardOf: 'cap_1' })
    ]
    const r = await open(bridge, 'cap_1')
    expect(screen.getByTestId('link-forwarded-to').textContent).toContain(
      'forwarded to http://127.0.0.1:9000/real/hook as ex_f'
    )
    expect(screen.queryByTestId('link-forward-error')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByTestId('link-forwarded-to-target'))
    })
    expect(r.store.getState().selectedRowId).toBe(r.store.getState().history.rowOf.get('ex_f'))
    expect(screen.getByTestId('link-forward-of').textContent).toBe('forwarded from capture cap_1')
  })

  it('says why forwarding failed, and shows an id no longer loaded as plain text', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeCapture({
        id: 'cap_2',
        forward: {
          url: 'http://127.0.0.1:1/down',
          exchangeId: 'ex_gone',
          error: 'Connection refused by 127.0.0.1:1'
        }
      })
    ]
    await open(bridge, 'cap_2')
    expect(screen.getByTestId('link-forward-error').textContent).toContain(
      'Connection refused by 127.0.0.1:1'
    )
    const target = screen.getByTestId('link-forwarded-to-target')
    expect(target.tagName).toBe('CODE')
    expect(target.textContent).toBe('ex_gone')
  })
})
