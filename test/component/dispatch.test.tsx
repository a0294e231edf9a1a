// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Composer } from '@renderer/components/composer/Composer'
import { DispatchOverlay } from '@renderer/components/dispatch/DispatchOverlay'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { FirstRun } from '@renderer/components/timeline/FirstRun'
import { useShortcuts } from '@renderer/hooks/use-shortcuts'
import type { ReplayRequest } from '@shared/replay'
import type { Exchange, FireRequest } from '@shared/schemas'
import { makeExchange, makeHook, ANY_EXCHANGE_ID } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

function Events() {
  useShortcuts()
  return null
}

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

async function setup(hookPatch = {}) {
  const bridge = new FakeBridge()
  bridge.settings.hooks = [makeHook({ timeoutSeconds: 2, ...hookPatch })]
  const done = deferred<Exchange>()
  bridge.fireImpl = () => done.promise
  const r = await renderWithStore(
    <>
      <Events />
      <Composer />
      <DispatchOverlay />
    </>,
    bridge
  )
  return { ...r, done }
}

describe('firing', () => {
  it('blocks with a countdown while pending, then shows the ProtocolError from both sides', async () => {
    const r = await setup()
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true })
    })
    expect(screen.getByTestId('dispatch-waiting').textContent).toContain(
      'Saving record… waiting for hook'
    )
    expect(screen.getByTestId('dispatch-countdown').textContent).toMatch(/s left of 2 s/)
    expect(r.bridge.callsOf('fire')[0]![0]).toEqual({
      hookId: 'hook_1',
      event: 'insert',
      // One trans_id for every event, so a lifecycle is one record.
      fields: { trans_id: '436' },
      exchangeId: ANY_EXCHANGE_ID
    })
    await act(async () => {
      r.done.resolve(
        makeExchange({
          response: null,
          error: { kind: 'timeout', message: 'No complete response within 2000 ms.' },
          timings: { connectMs: 1, firstByteMs: null, totalMs: 2003 },
          timeoutMs: 2000
        })
      )
    })
    expect(screen.queryByTestId('dispatch-waiting')).toBeNull()
    expect(screen.getByTestId('protocol-error-kind').textContent).toBe('timeout')
    expect(screen.getByTestId('protocol-error-box').textContent).toContain('ProtocolError')
    expect(screen.getByTestId('protocol-error-approximation').textContent).toBe(
      'Approximation: TrialKit’s exact wording is not public.'
    )
    expect(screen.getByTestId('protocol-error-request').textContent).toContain(
      'POST /hook?study=7 HTTP/1.1'
    )
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' })
    })
    expect(screen.queryByTestId('protocol-error')).toBeNull()
    // The engine gives the exchange the id the window chose for it.
    const [fired] = r.bridge.callsOf('fire')[0] as [FireRequest]
    expect(r.store.getState().selectedRowId).toBe(fired.exchangeId)
  })

  it('shows "Record saved" on success', async () => {
    const r = await setup()
    fireEvent.click(screen.getByTestId('fire'))
    await act(async () => {
      r.done.resolve(makeExchange())
    })
    expect(screen.getByTestId('dispatch-saved').textContent).toContain('Record saved')
  })

  it('aborts its own exchange at once, even before the engine announced it', async () => {
    const r = await setup()
    fireEvent.click(screen.getByTestId('fire'))
    const [request] = r.bridge.callsOf('fire')[0]!
    const ownId = (request as { exchangeId: string }).exchangeId
    expect(ownId).toEqual(ANY_EXCHANGE_ID)
    await act(async () => {
      fireEvent.click(screen.getByTestId('dispatch-abort'))
    })
    expect(r.bridge.callsOf('abortExchange')).toEqual([[ownId]])
    expect(screen.getByTestId('dispatch-abort').textContent).toBe('Aborting…')
    await act(async () => {
      r.done.resolve(makeExchange({ id: ownId, error: { kind: 'aborted', message: 'Aborted.' } }))
    })
    expect(screen.queryByTestId('dispatch-waiting')).toBeNull()
    expect(screen.queryByTestId('protocol-error')).toBeNull()
  })

  it('a foreign exchange-started during a pending re-send leaves the dispatch its own id', async () => {
    const bridge = new FakeBridge()
    bridge.history = [makeExchange({ id: 'ex_1', hookId: null })]
    const done = deferred<Exchange>()
    bridge.replayImpl = () => done.promise
    const r = await renderWithStore(
      <>
        <Events />
        <DispatchOverlay />
      </>,
      bridge
    )
    await act(async () => {
      void r.store.getState().replay({ sourceId: 'ex_1', url: 'http://127.0.0.1:9/x' })
    })
    const [request] = bridge.callsOf('replay')[0]!
    const ownId = (request as { exchangeId: string }).exchangeId
    expect(r.store.getState().dispatch).toMatchObject({ phase: 'pending', exchangeId: ownId })
    await act(async () => {
      // A check probe, also to a URL with no saved hook, starts meanwhile.
      bridge.emit(
        'exchange-started',
        makeExchange({ id: 'ex_probe', hookId: null, state: 'pending' })
      )
      await new Promise((res) => setTimeout(res, 80))
    })
    expect(r.store.getState().dispatch.exchangeId).toBe(ownId)
    await act(async () => {
      fireEvent.click(screen.getByTestId('dispatch-abort'))
    })
    expect(bridge.callsOf('abortExchange')).toEqual([[ownId]])
    await act(async () => {
      done.resolve(makeExchange({ id: ownId, error: { kind: 'aborted', message: 'Aborted.' } }))
    })
  })

  it('waits without locking the app: its row is selected, Esc or a click elsewhere reduces it to a bar', async () => {
    const r = await setup()
    fireEvent.click(screen.getByTestId('fire'))
    const ownId = (r.bridge.callsOf('fire')[0]![0] as { exchangeId: string }).exchangeId
    // Focus goes to the waiting view, not to <body>; no modal hides the rest of the app.
    expect(document.activeElement).toBe(screen.getByTestId('dispatch-abort'))
    expect(screen.getByTestId('dispatch-waiting').getAttribute('aria-modal')).toBe('false')
    expect(document.querySelector('.modal-backdrop')).toBeNull()
    await act(async () => {
      r.bridge.emit('exchange-started', makeExchange({ id: ownId, state: 'pending' }))
      await new Promise((res) => setTimeout(res, 80))
    })
    expect(r.store.getState().selectedRowId).toBe(r.store.getState().history.rowOf.get(ownId))
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' })
    })
    expect(screen.queryByTestId('dispatch-waiting')).toBeNull()
    const bar = screen.getByTestId('dispatch-waiting-bar')
    expect(bar.textContent).toMatch(/Saving record… insert → .*s left of 2 s/)
    expect(bar.contains(screen.getByTestId('dispatch-abort'))).toBe(true)
    await act(async () => {
      fireEvent.click(screen.getByTestId('dispatch-expand'))
    })
    expect(screen.getByTestId('dispatch-waiting')).toBeTruthy()
    await act(async () => {
      fireEvent.pointerDown(screen.getByTestId('fire'))
    })
    expect(screen.getByTestId('dispatch-waiting-bar')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByTestId('dispatch-abort'))
    })
    expect(r.bridge.callsOf('abortExchange')).toEqual([[ownId]])
    await act(async () => {
      r.done.resolve(makeExchange({ id: ownId, error: { kind: 'aborted', message: 'Aborted.' } }))
    })
    expect(screen.queryByTestId('dispatch-waiting-bar')).toBeNull()
  })

  it('refuses a disabled hook with a message instead of firing', async () => {
    const r = await setup({ enabled: false })
    await act(async () => {
      await r.store.getState().fire()
    })
    expect(r.bridge.callsOf('fire')).toEqual([])
    expect(r.store.getState().toasts.at(-1)?.message).toContain('disabled')
  })

  it('first run: creates "Built-in receiver" at the receiver URL, then fires an insert', async () => {
    const bridge = new FakeBridge()
    bridge.fireImpl = async () => makeExchange()
    await renderWithStore(<FirstRun />, bridge)
    await act(async () => {
      fireEvent.click(screen.getByTestId('first-run-fire'))
    })
    expect(bridge.settings.hooks.map((h) => [h.name, h.url])).toEqual([
      ['Built-in receiver', 'http://127.0.0.1:4700/']
    ])
    const [request] = bridge.callsOf('fire')[0]!
    expect(request).toMatchObject({ hookId: bridge.settings.hooks[0]!.id, event: 'insert' })
  })
})

describe('re-send', () => {
  it('replays the exchange through the engine, blocking like a fire', async () => {
    const bridge = new FakeBridge()
    bridge.settings.hooks = [makeHook()]
    const sent = makeExchange({}, 'review')
    bridge.history = [sent]
    bridge.answerReplays({ id: 'ex_2' }, 'review')
    const r = await renderWithStore(
      <>
        <Inspector />
        <DispatchOverlay />
      </>,
      bridge
    )
    await act(async () => {
      r.store.getState().selectRow('ex_1')
    })
    await act(async () => {
      fireEvent.click(screen.getByTestId('inspector-resend'))
    })
    expect(bridge.callsOf('replay')).toEqual([[{ sourceId: 'ex_1', exchangeId: ANY_EXCHANGE_ID }]])
    expect(screen.getByTestId('dispatch-saved')).toBeTruthy()
    const [replayed] = bridge.callsOf('replay')[0] as [ReplayRequest]
    expect(r.store.getState().selectedRowId).toBe(replayed.exchangeId)
  })
})

describe('live events', () => {
  it('applies a flood of captures in a few store updates, not one per event', async () => {
    const r = await renderWithStore(<Events />)
    let updates = 0
    const unsubscribe = r.store.subscribe(() => updates++)
    await act(async () => {
      for (let i = 0; i < 2000; i++) {
        r.bridge.emit('capture', {
          ...makeExchange(),
          type: 'capture'
        } as never)
      }
      await new Promise((res) => setTimeout(res, 100))
    })
    unsubscribe()
    expect(updates).toBeGreaterThan(0)
    expect(updates).toBeLessThanOrEqual(2)
  })

  it('applies one batch from the bridge in exactly one store update', async () => {
    const r = await renderWithStore(<Events />)
    let updates = 0
    const unsubscribe = r.store.subscribe(() => updates++)
    await act(async () => {
      r.bridge.emitBatch(
        Array.from({ length: 500 }, (_, i) => ({
          type: 'capture' as const,
          data: { ...makeExchange({ id: `c${i}` }), type: 'capture' } as never
        }))
      )
    })
    unsubscribe()
    expect(updates).toBe(1)
    expect(r.store.getState().history.order).toHaveLength(500)
  })

  it('unsubscribes from live events on unmount', async () => {
    const r = await renderWithStore(<Events />)
    expect(r.bridge.listenerCount()).toBe(1)
    r.unmount()
    expect(r.bridge.listenerCount()).toBe(0)
  })
})
