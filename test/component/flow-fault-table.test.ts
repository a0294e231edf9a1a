import { describe, expect, it, vi } from 'vitest'
import type * as Faults from '@shared/faults'
import { buildFlow } from '@renderer/components/flow/flow-model'
import type { Capture } from '@shared/schemas'
import { makeCapture } from '../helpers/builders'

/**
 * The flow diagram draws a fault from its row in the fault table, not from its name: with the
 * rows swapped here (`hang` given a reset's facts, `drop` a hang's), the drawing follows the rows.
 */
vi.mock('@shared/faults', async (importOriginal) => {
  const real = await importOriginal<typeof Faults>()
  return {
    ...real,
    FAULT_TABLE: {
      ...real.FAULT_TABLE,
      hang: { ...real.FAULT_TABLE.hang, instead: 'reset' },
      drop: { ...real.FAULT_TABLE.drop, instead: 'hold' }
    }
  }
})

function flowOf(response: Capture['response']): ReturnType<typeof buildFlow> {
  return buildFlow({
    exchange: null,
    capture: makeCapture({ response }),
    forwardLeg: null,
    replaySource: null,
    elapsedMs: null
  })
}

describe('the flow diagram of a capture follows the fault table', () => {
  it('draws a fault with a reset row as a reset after its delay', () => {
    const m = flowOf({ status: 0, delayMs: 400, fault: 'hang' })
    expect(m.steps.find((s) => s.id === 'reset')).toMatchObject({
      kind: 'message',
      atMs: 400,
      label: 'RST: connection reset',
      line: 'zigzag'
    })
    expect(m.totalMs).toBe(400)
    expect(m.outcome.text).toBe(
      'TrialKit with its default timeout would show: ProtocolError (connection-reset)'
    )
    expect(m.summary).toContain('the receiver resets the connection (RST) after 400 ms.')
  })

  it('draws a fault with a hold row as a hold without end', () => {
    const m = flowOf({ status: 0, delayMs: 400, fault: 'drop' })
    expect(m.steps.some((s) => s.id === 'reset' || s.id === 'answer')).toBe(false)
    expect(m.spans).toEqual([
      { id: 'hold', lane: 'endpoint', fromMs: 0, toMs: null, role: 'hold', tone: 'error' }
    ])
    expect(m.totalMs).toBeNull()
    expect(m.outcome.text).toBe(
      'TrialKit with its default timeout would show: ProtocolError (timeout)'
    )
  })
})
