// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CapacityView } from '@renderer/components/capacity/CapacityView'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { AppProvider } from '@renderer/store/store-context'
import { capacityHookName } from '@shared/capacity'
import { CapacityRunSchema, type CapacityRun, type Exchange } from '@shared/schemas'
import { makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderSelecting, renderWithStore } from '../helpers/render-app'

/** uPlot draws on a canvas happy-dom lacks: the stand-in keeps the options it was built with. */
const built = vi.hoisted(() => ({ options: [] as unknown[] }))
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: () => () => null }
    constructor(options: unknown) {
      built.options.push(options)
    }
    setData(): void {}
    setSize(): void {}
    destroy(): void {}
  }
  return { default: FakePlot }
})

afterEach(() => {
  cleanup()
  built.options = []
})

function failed(id: string, level: number, patch: Partial<Exchange>): Exchange {
  return makeExchange({
    id,
    hookId: null,
    hookName: capacityHookName(level),
    origin: 'capacity',
    timeoutMs: 2000,
    ...patch
  })
}

const LATE = { kind: 'timeout', message: 'No complete response within 2 s.' } as const

/** A run whose level 4 had two timeouts and one 429, its level 16 one timeout. */
function makeRun(): CapacityRun {
  return CapacityRunSchema.parse({
    type: 'capacity',
    id: 'cpc_1',
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: '2026-11-29T10:00:09.000Z',
    url: 'http://127.0.0.1:9999/hook',
    event: 'insert',
    timeoutMs: 2000,
    levels: [1, 4, 16],
    steps: [
      step(1, {}, 40, 60, 60),
      step(4, { timeout: 2, 'http-429': 1 }, 300, 2000, 2000.4),
      step(16, { timeout: 1 }, 900, 2400, 2650)
    ],
    capacity: 1,
    summary: 'Up to 1 site user saving at once.',
    stopped: null,
    exchanges: [
      makeExchange({ id: 'exc_ok', hookName: capacityHookName(4), origin: 'capacity' }),
      failed('exc_late_a', 4, { error: LATE, response: null }),
      failed('exc_busy', 4, {
        error: { kind: 'http-status', message: 'HTTP 429 Too Many Requests' },
        response: { ...makeExchange().response!, status: 429, statusText: 'Too Many Requests' }
      }),
      failed('exc_late_b', 4, {
        error: LATE,
        response: null,
        startedAt: '2025-01-02T10:11:13.000Z'
      }),
      failed('exc_late_16', 16, { error: LATE, response: null })
    ],
    requestsSent: 84
  })
}

function step(
  concurrency: number,
  byKind: Record<string, number>,
  p50Ms: number,
  p95Ms: number,
  maxMs: number
) {
  const protocolErrors = Object.values(byKind).reduce((a, b) => a + b, 0)
  const sent = 4 * concurrency
  return {
    concurrency,
    sent,
    ok: sent - protocolErrors,
    protocolErrors,
    byKind,
    p50Ms,
    p95Ms,
    maxMs
  }
}

function bridgeWithRun(): FakeBridge {
  const bridge = new FakeBridge()
  bridge.history = [makeRun()]
  return bridge
}

type Series = { label?: string; dash?: number[]; points?: { show?: unknown; paths?: unknown } }
type Options = {
  series: Series[]
  scales: { ms: { range: (u: unknown, min: number | null, max: number | null) => number[] } }
}

describe('a capacity level’s failures', () => {
  it('open from the count in the table: the inspector lists those exchanges with their ProtocolError', async () => {
    const r = await renderSelecting(<Inspector />, bridgeWithRun(), 'cpc_1')
    const row = screen.getAllByTestId('capacity-step').find((el) => el.dataset.concurrency === '4')!
    const open = within(row).getAllByTestId('capacity-open-failures')
    expect(open.map((b) => b.textContent)).toEqual(['timeout 2', 'http-429 1'])
    await act(async () => fireEvent.click(open[0]!))

    const panel = screen.getByTestId('capacity-failures')
    expect(within(panel).getByRole('heading').textContent).toBe('At 4: 2 failed with timeout')
    expect(screen.getByTestId('capacity-failures-kept').textContent).toBe('all 2 kept')
    const listed = within(panel).getAllByTestId('capacity-failure')
    expect(listed.map((b) => b.dataset.exchangeId)).toEqual(['exc_late_a', 'exc_late_b'])
    expect(screen.getByTestId('capacity-failure-error').textContent).toBe(
      'timeout No complete response within 2 s.' +
        'No complete response within the hook’s timeout (connect → last body byte).'
    )
    expect(screen.getByTestId('capacity-failure-status').textContent).toBe(
      'No response was received.'
    )

    // The chosen one opens as the TrialKit user saw it.
    fireEvent.click(listed[1]!)
    await act(async () => fireEvent.click(screen.getByTestId('capacity-failure-show')))
    expect(r.store.getState().dispatch.exchange?.id).toBe('exc_late_b')
    expect(r.store.getState().dispatch.phase).toBe('failed')
  })

  it('by http-NNN key: only the answers with that status, and the run’s row is selected', async () => {
    const r = await renderWithStore(<Inspector />, bridgeWithRun())
    expect(r.store.getState().selectedRowId).toBeNull()
    await act(async () =>
      r.store.getState().openCapacityFailures({ runId: 'cpc_1', concurrency: 4, key: 'http-429' })
    )
    expect(r.store.getState().selectedRowId).toBe('cpc_1')
    const listed = screen.getAllByTestId('capacity-failure')
    expect(listed.map((b) => b.dataset.exchangeId)).toEqual(['exc_busy'])
    expect(screen.getByTestId('capacity-failure-status').textContent).toBe(
      'HTTP/1.1 429 Too Many Requests'
    )
    await act(async () => fireEvent.click(screen.getByTestId('capacity-failures-close')))
    expect(screen.queryByTestId('capacity-failures')).toBeNull()
  })

  it('says when the run kept fewer than it counted', async () => {
    const bridge = new FakeBridge()
    const run = makeRun()
    run.exchanges = run.exchanges.filter((ex) => ex.id !== 'exc_late_b')
    bridge.history = [run]
    const r = await renderWithStore(<Inspector />, bridge)
    await act(async () =>
      r.store.getState().openCapacityFailures({ runId: 'cpc_1', concurrency: 4, key: 'timeout' })
    )
    expect(screen.getByTestId('capacity-failures-kept').textContent).toBe(
      '1 of 2 kept (a run keeps a sample)'
    )
  })
})

describe('the capacity chart', () => {
  it('tells p50, p95 and max apart by dash pattern and marker, with a legend saying which is which', async () => {
    await renderSelecting(<Inspector />, bridgeWithRun(), 'cpc_1')
    const options = built.options.at(-1) as Options
    // After the failure kinds' bars, so no bar covers a point.
    expect(options.series.map((s) => s.label)).toEqual([
      'concurrency',
      'failed: timeout',
      'failed: http-429',
      'p50',
      'p95',
      'max'
    ])
    const latency = options.series.slice(3)
    expect(latency.map((s) => s.label)).toEqual(['p50', 'p95', 'max'])
    expect(latency.map((s) => s.dash)).toEqual([[], [8, 4], [2, 3]])
    for (const s of latency) {
      expect(s.points?.show).toBe(true)
      expect(typeof s.points?.paths).toBe('function')
    }
    const legend = screen.getByTestId('capacity-legend')
    const items = within(legend).getAllByTestId('capacity-legend-item')
    expect(items.map((li) => li.textContent)).toEqual([
      'p50 (half the saves were faster)',
      'p95 (all but the slowest 1 in 20)',
      'max (the slowest save)',
      'failed: timeout (3)',
      'failed: http-429 (1)'
    ])
    // Each latency sample draws its own line pattern and marker shape.
    const samples = items.slice(0, 3).map((li) => {
      const line = li.querySelector('line')!
      const marker = li.querySelector('circle, rect, polygon')!
      return [line.getAttribute('stroke-dasharray'), marker.tagName.toLowerCase()]
    })
    expect(samples).toEqual([
      [null, 'circle'],
      ['8 4', 'rect'],
      ['2 3', 'polygon']
    ])
  })

  it('keeps a point above the timeout inside the plot and says its value', async () => {
    await renderSelecting(<Inspector />, bridgeWithRun(), 'cpc_1')
    const options = built.options.at(-1) as Options
    const [low, high] = options.scales.ms.range(null, 0, 2650)
    expect(low).toBe(0)
    expect(high).toBeGreaterThan(2650)
    expect(options.scales.ms.range(null, 0, 500)[1]).toBeGreaterThan(2000)
    expect(screen.getByTestId('capacity-above-timeout').textContent).toBe(
      'Above the timeout line: max 2001 ms at 4, max 2650 ms at 16, p95 2400 ms at 16.'
    )
  })
})

describe('the capacity form', () => {
  it('keeps its inputs when the view is left and opened again', async () => {
    const r = await renderWithStore(<CapacityView />)
    fireEvent.change(screen.getByTestId('capacity-url'), {
      target: { value: 'http://127.0.0.1:4800/slow' }
    })
    fireEvent.change(screen.getByTestId('capacity-levels'), { target: { value: '2, 8' } })
    fireEvent.change(screen.getByTestId('capacity-timeout'), { target: { value: '3' } })
    fireEvent.change(screen.getByTestId('capacity-requests'), { target: { value: '12' } })
    r.unmount()
    await act(async () => {
      render(
        <AppProvider store={r.store}>
          <CapacityView />
        </AppProvider>
      )
    })
    expect(
      ['capacity-url', 'capacity-levels', 'capacity-timeout', 'capacity-requests'].map(
        (id) => (screen.getByTestId(id) as HTMLInputElement).value
      )
    ).toEqual(['http://127.0.0.1:4800/slow', '2, 8', '3', '12'])
  })
})
