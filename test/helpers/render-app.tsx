import { act, fireEvent, render, screen, type RenderResult } from '@testing-library/react'
import type { ReactNode } from 'react'
import { createAppStore, type AppStore } from '@renderer/store/app-store'
import { AppProvider, useApp } from '@renderer/store/store-context'
import { GateDialog } from '@renderer/components/dispatch/GateDialog'
import { DispatchOverlay } from '@renderer/components/dispatch/DispatchOverlay'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { CenterPane } from '@renderer/components/layout/CenterPane'
import { Toasts } from '@renderer/components/layout/Toasts'
import { TimelineRowView } from '@renderer/components/timeline/TimelineRowView'
import { useEngineEvents } from '@renderer/hooks/use-engine-events'
import { FakeBridge } from './fake-bridge'

export interface Rendered extends RenderResult {
  store: AppStore
  bridge: FakeBridge
}

/** The store connected to the bridge's live events while mounted, as the app's root does. */
function LiveEvents() {
  useEngineEvents()
  return null
}

/**
 * Boots a store on the fake bridge (as the app does on start) and renders `ui` inside it, the
 * store taking the bridge's live events (a dispatch's outcome is its `exchange-done` event).
 */
export async function renderWithStore(ui: ReactNode, bridge = new FakeBridge()): Promise<Rendered> {
  const store = createAppStore(bridge)
  await store.getState().boot()
  let result!: RenderResult
  await act(async () => {
    result = render(
      <AppProvider store={store}>
        <LiveEvents />
        {ui}
      </AppProvider>
    )
  })
  return { ...result, store, bridge }
}

/** Renders `ui` on a booted store, then selects the timeline row that holds entry `entryId`. */
export async function renderSelecting(
  ui: ReactNode,
  bridge: FakeBridge,
  entryId: string
): Promise<Rendered> {
  const r = await renderWithStore(ui, bridge)
  await act(async () => {
    r.store.getState().selectRow(r.store.getState().history.rowOf.get(entryId) ?? null)
  })
  return r
}

/**
 * The views a re-send touches (centre pane, inspector, the blocking view, the credentials gate,
 * toasts) with one history entry selected.
 */
export function renderReplayView(bridge: FakeBridge, entryId: string): Promise<Rendered> {
  return renderSelecting(
    <>
      <CenterPane />
      <Inspector />
      <DispatchOverlay />
      <GateDialog />
      <Toasts />
    </>,
    bridge,
    entryId
  )
}

/** Clicks the element with this test id and lets the store settle. */
export async function clickTestId(testId: string): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId))
  })
}

/** Every loaded timeline row in order, unvirtualized, so a test can look at each one. */
export function AllRows(): ReactNode {
  const order = useApp((s) => s.history.order)
  return (
    <>
      {order.map((id, index) => (
        <TimelineRowView
          key={id}
          id={id}
          index={index}
          top={0}
          selected={false}
          onSelect={() => undefined}
        />
      ))}
    </>
  )
}
