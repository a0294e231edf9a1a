// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Toasts } from '@renderer/components/layout/Toasts'
import { Timeline } from '@renderer/components/timeline/Timeline'
import { encodeBasicAuth } from '@shared/basic-auth'
import { buildEventBody } from '@shared/trialkit'
import { b64, makeCapture, makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

// happy-dom lays nothing out: give the timeline's scroller a size, so its rows are rendered.
const sizes = { clientHeight: 400, clientWidth: 800 } as const
const real = Object.keys(sizes).map(
  (k) => [k, Object.getOwnPropertyDescriptor(Element.prototype, k)!] as const
)
beforeAll(() => {
  for (const [k, v] of Object.entries(sizes)) {
    Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v })
  }
})
afterAll(() => {
  for (const [k] of real) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[k]
})

const raw = '{"trans_id":"9","note":"not built by TrialKit"}'
/** A customer's sequence, oldest first: a saved insert, a refused raw body, a failing review. */
function history() {
  const insert = makeExchange({
    id: 'ex_a',
    startedAt: '2025-01-02T10:00:00.000Z',
    request: { ...makeExchange().request, body: buildEventBody('insert', { trans_id: '77' }) }
  })
  const refused = makeCapture({
    id: 'cap_b',
    receivedAt: '2025-01-02T10:01:00.000Z',
    bodyBase64: b64(raw),
    bodySize: raw.length,
    event: null,
    headers: [['Authorization', encodeBasicAuth('ann@site.org', 'x')]],
    response: { status: 401, delayMs: 0, fault: 'none' }
  })
  const review = makeExchange(
    {
      id: 'ex_c',
      startedAt: '2025-01-02T10:02:00.000Z',
      timeoutMs: 10_000,
      response: { ...makeExchange().response!, status: 500 },
      error: { kind: 'http-status', message: 'HTTP 500' }
    },
    'review'
  )
  const aborted = makeExchange({
    id: 'ex_d',
    startedAt: '2025-01-02T10:03:00.000Z',
    response: null,
    error: { kind: 'aborted', message: 'Aborted.' }
  })
  return [insert, refused, review, aborted]
}

async function open() {
  const bridge = new FakeBridge()
  bridge.history = history()
  const r = await renderWithStore(
    <>
      <Timeline />
      <Toasts />
    </>,
    bridge
  )
  return r
}

function row(entryId: string): HTMLElement {
  return screen
    .getAllByTestId('timeline-row')
    .find((el) => el.dataset.rowId === entryId || el.textContent?.includes(entryId))!
}

async function click(el: HTMLElement, init: MouseEventInit = {}) {
  await act(async () => {
    fireEvent.click(el, init)
  })
}

describe('Save as scenario from timeline rows', () => {
  it('Ctrl/Cmd-click and Shift-click mark rows; the scenario has them oldest first, each with its outcome', async () => {
    const { bridge, store } = await open()
    const rowId = (id: string) => store.getState().history.rowOf.get(id)!
    await click(row(rowId('ex_a')))
    await click(row(rowId('cap_b')), { ctrlKey: true })
    expect(store.getState().markedRowIds).toEqual([rowId('ex_a'), rowId('cap_b')])
    // Shift-click: the range from the last one marked (the timeline is newest first).
    await click(row(rowId('ex_d')), { shiftKey: true })
    expect(new Set(store.getState().markedRowIds)).toEqual(
      new Set(['ex_a', 'cap_b', 'ex_c', 'ex_d'].map(rowId))
    )
    expect(row(rowId('ex_c')).getAttribute('aria-selected')).toBe('true')
    expect(row(rowId('ex_c')).dataset.marked).toBe('true')
    expect(screen.getByTestId('timeline-marks-count').textContent).toBe('4 rows selected')

    await click(screen.getByTestId('timeline-save-scenario'))
    expect(
      [...screen.getByTestId('save-scenario-steps').querySelectorAll('li')].map(
        (li) => li.textContent
      )
    ).toEqual([
      'insert · built body · expects success',
      'insert · raw body · expects ProtocolError http-status 401',
      'review · built body · expects ProtocolError http-status 500'
    ])
    expect(screen.getByTestId('save-scenario-skipped').textContent).toBe(
      'Left out (aborted, no outcome to expect): ex_d'
    )
    fireEvent.change(screen.getByTestId('save-scenario-name'), {
      target: { value: 'Site 12 on Tuesday' }
    })
    await click(screen.getByTestId('save-scenario-save'))

    expect(bridge.callsOf('saveScenario')).toEqual([
      [
        {
          name: 'Site 12 on Tuesday',
          description: 'Made from 3 timeline rows.',
          timeoutSeconds: 30,
          steps: [
            {
              title: 'insert (ex_a)',
              narration:
                'As ex_a, sent to http://127.0.0.1:4700/hook?study=7 at 2025-01-02T10:00:00.000Z.',
              event: 'insert',
              fields: { trans_id: '77', form_id: '319', form_name: 'Sample Form' },
              timeoutSeconds: 30,
              expect: { outcome: 'success' }
            },
            {
              title: 'insert (cap_b)',
              narration: 'As cap_b, received on POST /hook at 2025-01-02T10:01:00.000Z.',
              event: 'insert',
              rawBody: raw,
              expect: { outcome: 'protocol-error', kind: 'http-status', status: 401 }
            },
            {
              title: 'review (ex_c)',
              narration:
                'As ex_c, sent to http://127.0.0.1:4700/hook?study=7 at 2025-01-02T10:02:00.000Z.',
              event: 'review',
              fields: expect.objectContaining({ trans_id: '435', wf_id: 1, LockBroken: false }),
              timeoutSeconds: 10,
              expect: { outcome: 'protocol-error', kind: 'http-status', status: 500 }
            }
          ]
        }
      ]
    ])
    expect(
      screen.getByText('Saved the scenario “Site 12 on Tuesday” with 3 steps (1 aborted left out).')
    ).toBeTruthy()
    expect(store.getState().markedRowIds).toEqual([])
    expect(screen.queryByTestId('timeline-marks')).toBeNull()
  })

  it('marks by keyboard: Space toggles the selected row, Shift+Arrow extends, Escape unmarks', async () => {
    const { store } = await open()
    const rowId = (id: string) => store.getState().history.rowOf.get(id)!
    const grid = screen.getByTestId('timeline-scroll')
    const key = (k: string, init: KeyboardEventInit = {}) =>
      act(async () => {
        fireEvent.keyDown(grid, { key: k, ...init })
      })
    const order = store.getState().history.order
    expect(new Set(order)).toEqual(new Set(['ex_a', 'cap_b', 'ex_c', 'ex_d'].map(rowId)))
    await key('Home')
    await key(' ')
    expect(store.getState().markedRowIds).toEqual([order[0]])
    await key('ArrowDown', { shiftKey: true })
    await key('ArrowDown', { shiftKey: true })
    expect(store.getState().markedRowIds).toEqual(order.slice(0, 3))
    await key(' ')
    expect(store.getState().markedRowIds).toEqual(order.slice(0, 2))
    expect(grid.getAttribute('aria-multiselectable')).toBe('true')
    await key('Escape')
    expect(store.getState().markedRowIds).toEqual([])
  })

  it('a plain click selects one row and unmarks the others', async () => {
    const { store } = await open()
    const rowId = (id: string) => store.getState().history.rowOf.get(id)!
    await click(row(rowId('ex_a')))
    await click(row(rowId('ex_c')), { metaKey: true })
    expect(store.getState().markedRowIds).toHaveLength(2)
    await click(row(rowId('cap_b')))
    expect(store.getState().markedRowIds).toEqual([])
    expect(store.getState().selectedRowId).toBe(rowId('cap_b'))
  })
})
