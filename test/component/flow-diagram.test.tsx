// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { buildFlow, type FlowInput } from '@renderer/components/flow/flow-model'
import { FlowView } from '@renderer/components/flow/FlowView'
import { spreadPositions, timeAxis, wrapLabel, yAt } from '@renderer/components/flow/flow-geometry'
import { layoutFlow } from '@renderer/components/flow/flow-layout'
import { Inspector } from '@renderer/components/inspector/Inspector'
import type { Exchange } from '@shared/schemas'
import { makeCapture, makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

const input = (patch: Partial<FlowInput>): FlowInput => ({
  exchange: null,
  capture: null,
  forwardLeg: null,
  replaySource: null,
  elapsedMs: null,
  ...patch
})

const failed = (kind: NonNullable<Exchange['error']>['kind'], patch: Partial<Exchange> = {}) =>
  makeExchange({
    response: null,
    error: { kind, message: `${kind} happened` },
    timings: { connectMs: 3, firstByteMs: null, totalMs: 120 },
    ...patch
  })

describe('flow geometry', () => {
  it('puts a moment on a linear scale from the top of the axis to the timeout', () => {
    const axis = timeAxis(100, 400, 4000, [2000])
    expect(yAt(axis, 0)).toBe(100)
    expect(yAt(axis, 2000)).toBe(300)
    expect(yAt(axis, 4000)).toBe(500)
    // Something that ran past the timeout stretches the scale instead of leaving the axis.
    expect(timeAxis(0, 100, 1000, [1500]).scaleMs).toBe(1500)
  })

  it('pushes rows apart only as far as needed and keeps their order', () => {
    expect(spreadPositions([10, 11, 12, 200], 30)).toEqual([10, 40, 70, 200])
    expect(spreadPositions([10, 100], 30)).toEqual([10, 100])
  })

  it('wraps labels at spaces and ends a cut one with an ellipsis', () => {
    expect(wrapLabel('one two three', 8, 2)).toEqual(['one two', 'three'])
    expect(wrapLabel('one two three four five', 8, 2)).toEqual(['one two', 'three…'])
    expect(wrapLabel('abcdefghijkl', 6, 1)).toEqual(['abcde…'])
  })
})

describe('flow diagram', () => {
  it('draws a 2 s answer against a 4 s timeout halfway down the time axis', async () => {
    const exchange = makeExchange({
      timings: { connectMs: 1, firstByteMs: 2000, totalMs: 2000 },
      timeoutMs: 4000
    })
    render(<FlowView model={buildFlow(input({ exchange }))} axisHeight={400} />)
    const svg = screen.getByTestId('flow-svg')
    const top = Number(svg.dataset.axisTop)
    const height = Number(svg.dataset.axisHeight)
    expect(height).toBe(400)
    expect(Number(svg.dataset.scaleMs)).toBe(4000)
    const answer = svg.querySelector<SVGGElement>('[data-step-id="answer"]')!
    expect(Number(answer.dataset.y)).toBeCloseTo(top + height / 2, 1)
    expect(Number(answer.dataset.trueY)).toBeCloseTo(top + height / 2, 1)
    const timeout = screen.getByTestId('flow-timeout-line')
    expect(Number(timeout.dataset.y)).toBeCloseTo(top + height, 1)
    // The wait is shaded from the request to the first byte: half the axis.
    const wait = svg.querySelector('[data-span="wait"]')!
    expect(Number(wait.getAttribute('height'))).toBeCloseTo(height * (1999 / 4000), 0)
  })

  it('a 0.2 s answer sits near the top, far above a 30 s timeout line', () => {
    const fast = makeExchange({ timings: { connectMs: 1, firstByteMs: 190, totalMs: 200 } })
    const L = layoutFlow(buildFlow(input({ exchange: fast })), {
      width: 700,
      fontSize: 12,
      axisHeight: 400
    })
    const answer = L.steps.find((s) => s.step.id === 'answer')!
    expect(answer.trueY - L.axis.top).toBeLessThan(4)
    expect(L.timeoutY! - answer.y).toBeGreaterThan(300)
    // The ruler's numbers beside the pushed-apart rows are left out; 0 and the timeout stay.
    expect(L.scale.map((t) => t.label)).toEqual(['0', '15.0 s', '22.5 s', '30.0 s'])
  })

  it('draws a success as a 2xx arrow back and the record saved for the user', () => {
    const m = buildFlow(input({ exchange: makeExchange() }))
    expect(m.steps.map((s) => s.id)).toEqual(['save', 'request', 'answer', 'outcome'])
    const answer = m.steps.find((s) => s.id === 'answer')!
    expect(answer).toMatchObject({ tone: 'ok', label: '200 OK', from: 'endpoint', to: 'trialkit' })
    expect(m.outcome).toEqual({ state: 'saved', text: 'Record saved' })
    const request = m.steps.find((s) => s.id === 'request')!
    expect(request.kind === 'message' && request.detail).toBe(
      'OnInsert · trans_id 436 · Basic ann@site.org'
    )
    expect(m.ticks.map((t) => t.label)).toEqual(['connect', 'first byte', 'last byte'])
  })

  it('draws each fault as what it is', () => {
    const hang = buildFlow(
      input({
        exchange: failed('timeout', {
          timings: { connectMs: 2, firstByteMs: null, totalMs: 30_004 }
        }),
        capture: makeCapture({ response: { status: 200, delayMs: 0, fault: 'hang' } })
      })
    )
    expect(hang.steps.find((s) => s.id === 'gave-up')).toMatchObject({
      kind: 'mark',
      shape: 'cross',
      lane: 'trialkit',
      detail: 'the endpoint hangs'
    })
    expect(hang.spans.find((s) => s.id === 'wait')?.tone).toBe('error')

    const reset = buildFlow(
      input({
        exchange: failed('connection-reset'),
        capture: makeCapture({ response: { status: 200, delayMs: 0, fault: 'reset' } })
      })
    )
    expect(reset.steps.find((s) => s.id === 'reset')).toMatchObject({ line: 'zigzag' })

    const drop = buildFlow(
      input({
        exchange: failed('connection-reset'),
        capture: makeCapture({ response: { status: 200, delayMs: 0, fault: 'drop' } })
      })
    )
    expect(drop.steps.find((s) => s.id === 'reset')).toMatchObject({
      line: 'dashed',
      label: 'closed, no answer'
    })

    const refused = buildFlow(input({ exchange: failed('connection-refused') }))
    expect(refused.steps.find((s) => s.id === 'refused')).toMatchObject({
      end: 'cross',
      to: 'endpoint'
    })
    expect(refused.lanes.find((l) => l.id === 'endpoint')?.absent).toBe(true)
    expect(refused.steps.some((s) => s.id === 'request')).toBe(false)

    const dns = buildFlow(input({ exchange: failed('dns') }))
    expect(dns.steps.find((s) => s.id === 'dns')).toMatchObject({ to: 'network', end: 'cross' })

    const tls = buildFlow(input({ exchange: failed('tls') }))
    expect(tls.steps.find((s) => s.id === 'tls')).toMatchObject({
      label: 'TLS handshake failed',
      end: 'cross'
    })

    const status = buildFlow(
      input({
        exchange: makeExchange({
          response: {
            ...makeExchange().response!,
            status: 500,
            statusText: 'Internal Server Error'
          },
          error: { kind: 'http-status', message: 'HTTP 500' }
        })
      })
    )
    expect(status.steps.find((s) => s.id === 'answer')).toMatchObject({ tone: 'error' })
    expect(status.outcome).toEqual({ state: 'error', text: 'ProtocolError (http-status)' })

    const invalid = buildFlow(input({ exchange: failed('invalid-url') }))
    expect(invalid.steps.map((s) => s.id)).toEqual(['save', 'invalid', 'outcome'])
  })

  it('draws a late answer after the timeout as too late, and renders every fault kind', () => {
    const slow = buildFlow(
      input({
        exchange: failed('timeout', {
          timeoutMs: 2000,
          timings: { connectMs: 1, firstByteMs: null, totalMs: 2003 }
        }),
        capture: makeCapture({ response: { status: 200, delayMs: 3000, fault: 'none' } })
      })
    )
    expect(slow.steps.find((s) => s.id === 'late')).toMatchObject({ tone: 'muted', end: 'cross' })
    for (const kind of [
      'timeout',
      'connection-reset',
      'connection-refused',
      'dns',
      'tls'
    ] as const) {
      cleanup()
      render(<FlowView model={buildFlow(input({ exchange: failed(kind) }))} />)
      const svg = screen.getByTestId('flow-svg')
      expect(svg.dataset.outcome).toBe('error')
      expect(svg.querySelectorAll('.flow-cross, polyline, .flow-dashed').length).toBeGreaterThan(0)
      expect(screen.getByTestId('flow-outcome').textContent).toContain(`ProtocolError (${kind})`)
    }
  })

  it('draws a capture alone with the caller unknown and the default timeout as a reference', () => {
    const m = buildFlow(
      input({ capture: makeCapture({ response: { status: 503, delayMs: 400, fault: 'none' } }) })
    )
    expect(m.lanes[0]).toMatchObject({ title: 'Caller’s user', absent: true })
    expect(m.timeoutLabel).toContain('reference')
    expect(m.outcome.state).toBe('unknown')
    expect(m.outcome.text).toContain('ProtocolError (http-status)')
    expect(m.steps.find((s) => s.id === 'answer')).toMatchObject({ atMs: 400, tone: 'error' })
  })

  it('draws a capture alone whose caller left: the hold ends there and no answer is drawn', () => {
    const delayed = buildFlow(
      input({
        capture: makeCapture({
          response: { status: 200, delayMs: 60_000, fault: 'none' },
          unfinished: { how: 'left-before-answer', afterMs: 30_000 }
        })
      })
    )
    expect(delayed.steps.find((s) => s.id === 'answer')).toBeUndefined()
    expect(delayed.steps.find((s) => s.id === 'ended')).toMatchObject({
      lane: 'trialkit',
      atMs: 30_000,
      label: 'caller left',
      tone: 'error'
    })
    expect(delayed.spans.find((s) => s.id === 'hold')).toMatchObject({ toMs: 30_000 })
    expect(delayed.totalMs).toBe(30_000)
    expect(delayed.summary).toContain('the caller left after 30.0 s, before the 200 due at 60.0 s')

    const hang = buildFlow(
      input({
        capture: makeCapture({
          response: { status: 0, delayMs: 0, fault: 'hang' },
          unfinished: { how: 'left-before-answer', afterMs: 2000 }
        })
      })
    )
    expect(hang.spans.find((s) => s.id === 'hold')).toMatchObject({ fromMs: 0, toMs: 2000 })
    expect(hang.summary).toContain('held until the caller left after 2.0 s')

    const stalled = buildFlow(
      input({
        capture: makeCapture({
          response: { status: 0, delayMs: 0, fault: 'none' },
          unfinished: { how: 'body-stalled', afterMs: 30_000 }
        })
      })
    )
    expect(stalled.steps.find((s) => s.id === 'answer')).toBeUndefined()
    expect(stalled.steps.find((s) => s.id === 'ended')).toMatchObject({
      lane: 'endpoint',
      label: 'closed, no answer'
    })
  })

  it('draws the forwarding hop and what a replay re-sends', () => {
    const leg = makeExchange({
      id: 'ex_2',
      origin: 'forward',
      forwardOf: 'cap_1',
      startedAt: '2025-01-02T10:11:12.360Z',
      request: { ...makeExchange().request, url: 'http://127.0.0.1:9000/next' }
    })
    const m = buildFlow(
      input({
        exchange: makeExchange({ captureId: 'cap_1', replayOf: 'ex_0' }),
        capture: makeCapture({
          exchangeId: 'ex_1',
          forward: { url: 'http://127.0.0.1:9000/next', exchangeId: 'ex_2', error: null }
        }),
        forwardLeg: leg,
        replaySource: makeExchange({ id: 'ex_0' })
      })
    )
    expect(m.lanes.map((l) => l.id)).toEqual(['user', 'trialkit', 'network', 'endpoint', 'target'])
    expect(m.steps.find((s) => s.id === 'forward')).toMatchObject({
      from: 'endpoint',
      to: 'target'
    })
    expect(m.steps.find((s) => s.id === 'forward-answer')).toMatchObject({ label: '200 OK' })
    expect(m.banner).toContain('Replay of the insert sent at')
    expect(m.banner).toContain('Record saved')
  })

  it('is live while pending: the request travelling, the wait growing, the time left', () => {
    const exchange = makeExchange({
      state: 'pending',
      response: null,
      timings: { connectMs: null, firstByteMs: null, totalMs: 0 },
      timeoutMs: 10_000
    })
    const m = buildFlow(input({ exchange, elapsedMs: 2500 }))
    expect(m.live).toEqual({ elapsedMs: 2500, leftMs: 7500 })
    expect(m.outcome.state).toBe('pending')
    expect(m.steps.find((s) => s.id === 'request')).toMatchObject({ travelling: true })
    render(<FlowView model={m} axisHeight={400} />)
    const svg = screen.getByTestId('flow-svg')
    const wait = svg.querySelector('[data-span="wait"]')!
    expect(Number(wait.getAttribute('height'))).toBeCloseTo(100, 0)
    expect(screen.getByTestId('flow-now').textContent).toBe('2.50 s')
  })

  it('lets the keyboard walk the steps, each with its description', () => {
    render(<FlowView model={buildFlow(input({ exchange: makeExchange() }))} />)
    const steps = screen.getByTestId('flow-svg').querySelectorAll<SVGGElement>('.flow-step')
    expect(steps.length).toBe(4)
    act(() => steps[0]!.focus())
    expect(screen.getByTestId('flow-caption').textContent).toContain('saves a record')
    fireEvent.keyDown(steps[0]!, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(steps[1])
    expect(screen.getByTestId('flow-caption').textContent).toContain('TrialKit sends POST')
    fireEvent.keyDown(steps[1]!, { key: 'End' })
    expect(document.activeElement).toBe(steps[3])
    const words = screen.getByTestId('flow-steps').querySelectorAll('li')
    expect(words.length).toBe(5)
  })
})

describe('inspector Flow tab', () => {
  it('runs live on the pending dispatch clock and settles on the outcome', async () => {
    const bridge = new FakeBridge()
    const pending = makeExchange({
      state: 'pending',
      response: null,
      timings: { connectMs: null, firstByteMs: null, totalMs: 0 }
    })
    bridge.history = [pending]
    const r = await renderWithStore(<Inspector />, bridge)
    await act(async () => {
      const s = r.store.getState()
      r.store.setState({
        selectedRowId: s.history.rowOf.get('ex_1') ?? null,
        dispatch: {
          ...s.dispatch,
          phase: 'pending',
          exchangeId: 'ex_1',
          timeoutMs: 30_000,
          startedAt: Date.now() - 1500
        }
      })
    })
    fireEvent.click(screen.getByTestId('inspector-tab-flow'))
    expect(screen.getByTestId('flow-svg').dataset.outcome).toBe('pending')
    // 1.5 s into the dispatch (not the exchange's recorded start, long ago): 28.5 s left.
    const countdown = screen.getByTestId('flow-countdown').textContent ?? ''
    expect(countdown).toMatch(/^\d+\.\d s left of 30 s$/)
    const left = parseFloat(countdown)
    expect(left).toBeLessThanOrEqual(28.5)
    expect(left).toBeGreaterThan(15)
    await act(async () => {
      r.store.getState().applyEvents([{ type: 'exchange-done', data: makeExchange() }])
    })
    expect(screen.getByTestId('flow-svg').dataset.outcome).toBe('saved')
    expect(screen.queryByTestId('flow-countdown')).toBeNull()
  })

  it('shows the flow of the selected row, forwarding hop included', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeExchange({ captureId: 'cap_1' }),
      makeCapture({
        exchangeId: 'ex_1',
        forward: { url: 'http://127.0.0.1:9000/', exchangeId: 'ex_9', error: null }
      }),
      makeExchange({ id: 'ex_9', origin: 'forward', forwardOf: 'cap_1', hookId: null })
    ]
    const r = await renderWithStore(<Inspector />, bridge)
    await act(async () => {
      r.store.getState().selectRow(r.store.getState().history.rowOf.get('ex_1') ?? null)
    })
    fireEvent.click(screen.getByTestId('inspector-tab-flow'))
    const svg = screen.getByTestId('flow-svg')
    expect(svg.querySelector('[data-lane="target"]')).not.toBeNull()
    expect(svg.querySelector('[data-step-id="forward"]')).not.toBeNull()
    expect(screen.getByTestId('flow-save-svg').textContent).toBe('Save diagram as SVG')
  })
})
