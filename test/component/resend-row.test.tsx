// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DispatchOverlay } from '@renderer/components/dispatch/DispatchOverlay'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { Toasts } from '@renderer/components/layout/Toasts'
import type { AppStore } from '@renderer/store/app-store'
import { NO_FILTERS, rowMatches } from '@renderer/lib/row-filter'
import type { ReplayRequest } from '@shared/replay'
import { makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { AllRows, renderSelecting } from '../helpers/render-app'

afterEach(cleanup)

const target = 'http://127.0.0.1:9999/elsewhere'

/** A failed exchange; its re-send elsewhere succeeds, so an "errors only" filter would hide it. */
function setup(): { bridge: FakeBridge } {
  const bridge = new FakeBridge()
  bridge.history = [
    makeExchange({
      response: null,
      error: { kind: 'connection-refused', message: 'Nothing listens at 127.0.0.1:4700.' }
    })
  ]
  const base = makeExchange()
  bridge.answerReplays((request) => ({
    startedAt: '2025-01-02T10:12:00.000Z',
    hookId: null,
    hookName: request.url ?? base.hookName,
    request: { ...base.request, url: request.url ?? base.request.url }
  }))
  return { bridge }
}

/** The id the window chose for its last re-send: the engine gives it to the exchange. */
function resentId(bridge: FakeBridge): string {
  const [request] = bridge.callsOf('replay').at(-1) as [ReplayRequest]
  return request.exchangeId!
}

async function resendTo(url: string) {
  await act(async () => {
    fireEvent.click(screen.getByTestId('inspector-resend-to'))
  })
  fireEvent.change(screen.getByTestId('replay-target'), { target: { value: 'url' } })
  fireEvent.change(screen.getByTestId('replay-url'), { target: { value: url } })
  await act(async () => {
    fireEvent.click(screen.getByTestId('replay-send'))
  })
}

/** The rows the timeline shows under its filters (it renders these, virtualized). */
function shownRowIds(store: AppStore): string[] {
  const { history, filters } = store.getState()
  return history.order.filter((id) => rowMatches(history.rows.get(id)!, filters))
}

describe('the re-sent row', () => {
  it('is shown under a filter that would hide it: the filters are cleared, and a notice says so', async () => {
    const { bridge } = setup()
    const { store } = await open(bridge)
    await act(async () => store.getState().setFilters({ outcome: 'error', text: 'refused' }))
    expect(shownRowIds(store)).toEqual([store.getState().history.rowOf.get('ex_1')])

    await resendTo(target)
    const rowId = store.getState().history.rowOf.get(resentId(bridge))!
    expect(store.getState().filters).toEqual(NO_FILTERS)
    expect(shownRowIds(store)).toContain(rowId)
    expect(store.getState().selectedRowId).toBe(rowId)
    expect(
      screen.getByText('The timeline filters were cleared to show the re-sent row, which they hid.')
    ).toBeTruthy()
  })

  it('keeps filters that show it, with no notice', async () => {
    const { bridge } = setup()
    const { store } = await open(bridge)
    await act(async () => store.getState().setFilters({ event: 'insert' }))
    await resendTo(target)
    expect(store.getState().filters).toEqual({ ...NO_FILTERS, event: 'insert' })
    expect(screen.queryByText(/filters were cleared/)).toBeNull()
  })

  it('is labelled by the URL it went to: in its row, the inspector and the blocking view', async () => {
    const { bridge } = setup()
    let resolve!: () => void
    const gate = new Promise<void>((r) => (resolve = r))
    const deliver = bridge.replayImpl
    bridge.replayImpl = async (request) => {
      await gate
      return deliver(request)
    }
    const { store } = await open(bridge)
    await resendTo(target)
    // While it waits, the blocking view names where it goes, not the source's hook.
    expect(screen.getByTestId('dispatch-waiting').textContent).toContain(`insert → ${target}`)
    await act(async () => resolve())
    await waitFor(() => expect(store.getState().dispatch.phase).toBe('saved'))
    await act(async () => store.getState().closeDispatch())
    const row = screen
      .getAllByTestId('timeline-row')
      .find(
        (r) =>
          r.getAttribute('data-row-id') === store.getState().history.rowOf.get(resentId(bridge))
      )!
    expect(row.querySelector('[data-testid="timeline-origin"]')!.getAttribute('title')).toBe(
      `Re-sent to ${target}`
    )
    expect(
      screen.getByTestId('inspector').querySelector('.inspector-head strong')!.textContent
    ).toBe(target)
  })
})

async function open(bridge: FakeBridge) {
  return renderSelecting(
    <>
      <AllRows />
      <Inspector />
      <DispatchOverlay />
      <Toasts />
    </>,
    bridge,
    'ex_1'
  )
}
