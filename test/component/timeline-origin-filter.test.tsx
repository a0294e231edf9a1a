// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { Timeline } from '@renderer/components/timeline/Timeline'
import { TimelineRowView } from '@renderer/components/timeline/TimelineRowView'
import { entriesToHar, HarSchema } from '@shared/har'
import { harToEntries } from '@shared/har-import'
import type { CapacityRun, Exchange, HistoryEntry } from '@shared/schemas'
import { makeCapture, makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

const at = (s: number): string => new Date(Date.UTC(2026, 0, 1, 9, 0, s)).toISOString()
const failed = {
  response: null,
  error: { kind: 'timeout' as const, message: 'no answer within 2 s' }
}

function capacityRun(): CapacityRun {
  const one = (i: number, patch: Partial<Exchange>): Exchange =>
    makeExchange({ id: `ex_cap_${i}`, startedAt: at(20), origin: 'capacity', ...patch })
  return {
    type: 'capacity',
    id: 'cpc_1',
    startedAt: at(20),
    finishedAt: at(40),
    url: 'http://127.0.0.1:4700/hook?study=7',
    event: 'insert',
    timeoutMs: 2000,
    levels: [8],
    steps: [
      {
        concurrency: 8,
        sent: 332,
        ok: 12,
        protocolErrors: 320,
        byKind: { timeout: 320 },
        p50Ms: 2000,
        p95Ms: 2000,
        maxMs: 2001
      }
    ],
    capacity: 0,
    summary: 'No level kept every request under the timeout.',
    stopped: 'all-failed',
    exchanges: [one(1, {}), one(2, failed), one(3, failed)],
    requestsSent: 332
  }
}

/** An app's history with every origin and a capacity run, exported as HAR and imported again. */
function importedHistory(): HistoryEntry[] {
  const history: HistoryEntry[] = [
    makeExchange({ id: 'ex_fire', startedAt: at(1), origin: 'fire', captureId: 'cap_fire' }),
    makeCapture({ id: 'cap_fire', receivedAt: at(1), exchangeId: 'ex_fire' }),
    makeCapture({ id: 'cap_alone', receivedAt: at(2) }),
    makeExchange({ id: 'ex_replay', startedAt: at(3), replayOf: 'ex_fire', origin: 'replay' }),
    makeExchange({ id: 'ex_check', startedAt: at(4), origin: 'check', ...failed }),
    makeExchange({ id: 'ex_scn', startedAt: at(5), origin: 'scenario' }),
    makeCapture({
      id: 'cap_fwd',
      receivedAt: at(6),
      forward: { url: 'http://127.0.0.1:8/', exchangeId: 'ex_fwd', error: null }
    }),
    makeExchange({ id: 'ex_fwd', startedAt: at(7), origin: 'forward', forwardOf: 'cap_fwd' }),
    capacityRun()
  ]
  const har = entriesToHar(history, { includeSecrets: false, appVersion: '1.0.0' })
  return harToEntries(HarSchema.parse(JSON.parse(JSON.stringify(har))))
}

/** How many rows the timeline shows, from its count ("3 of 8 entries"). */
function shownCount(): number {
  const text = screen.getByTestId('timeline-count').textContent ?? ''
  return Number(/^([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN)
}

async function pick(testId: string, value: string): Promise<void> {
  await act(async () => {
    fireEvent.change(screen.getByTestId(testId), { target: { value } })
  })
}

async function renderImported() {
  const bridge = new FakeBridge()
  bridge.history = importedHistory().reverse()
  return renderWithStore(
    <>
      <Timeline />
      <Inspector />
    </>,
    bridge
  )
}

describe('the timeline’s origin filter, after importing a HAR from an app with a capacity run', () => {
  it('offers every origin', async () => {
    await renderImported()
    const options = within(screen.getByTestId('filter-origin'))
      .getAllByRole('option')
      .map((o) => o.textContent)
    expect(options).toEqual([
      'All origins',
      'fire',
      'capture',
      'replay',
      'check',
      'capacity',
      'scenario',
      'forwarded',
      'imported'
    ])
  })

  it('shows the capacity run as one row, and the error filter counts it once', async () => {
    const r = await renderImported()
    expect(screen.getByTestId('timeline-count').textContent).toBe('8 entries')
    await pick('filter-outcome', 'error')
    // The check and the capacity run (not each of its failed exchanges).
    expect(screen.getByTestId('timeline-count').textContent).toBe('2 of 8 entries')
    await pick('filter-outcome', 'all')
    await pick('filter-origin', 'capacity')
    expect(screen.getByTestId('timeline-count').textContent).toBe('1 of 8 entries')
    const run = r.store.getState().history.rows.get('cpc_1')?.capacity
    expect(run?.exchanges.map((ex) => ex.id)).toEqual(['ex_cap_1', 'ex_cap_2', 'ex_cap_3'])
  })

  it('keeps each row’s origin', async () => {
    await renderImported()
    const expected: [string, number][] = [
      ['fire', 1],
      ['capture', 2],
      ['replay', 1],
      ['check', 1],
      ['capacity', 1],
      ['scenario', 1],
      ['forwarded', 2],
      ['imported', 8]
    ]
    const counts: [string, number][] = []
    for (const [origin] of expected) {
      await pick('filter-origin', origin)
      counts.push([origin, shownCount()])
    }
    expect(counts).toEqual(expected)
  })

  it('shows who sent a row whose Authorization was redacted, in the Auth column and the inspector', async () => {
    const r = await renderImported()
    const rowId = r.store.getState().history.rowOf.get('ex_replay')!
    r.unmount()
    const shown = await renderWithStore(
      <>
        <TimelineRowView id={rowId} index={0} top={0} selected={false} onSelect={() => {}} />
        <Inspector />
      </>,
      r.bridge
    )
    const row = screen.getByTestId('timeline-row')
    expect(within(row).getAllByRole('gridcell').at(-1)?.textContent).toBe('ann@site.org')
    await act(async () => {
      shown.store.getState().selectRow(rowId)
    })
    const headers = screen.getByTestId('inspector-request-headers')
    expect(within(headers).getByText('[redacted]')).toBeTruthy()
    expect(screen.getByTestId('inspector-request-headers-sent-email').textContent).toBe(
      ' · sent as ann@site.org'
    )
    expect(screen.getByTestId('inspector-request-auth').textContent).toBe(
      'redacted on export; sent as ann@site.org'
    )
  })
})
