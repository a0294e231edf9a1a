import { describe, expect, it, vi } from 'vitest'
import type * as Faults from '@shared/faults'
import { formatCaptureLine } from '@main/cli/capture-line'
import { answerRecord } from '@main/engine/receiver/answer-record'
import { prepareAnswer, recordedStatus } from '@main/engine/receiver/answers'
import { describeBehavior } from '@shared/behavior-text'
import { captureOutcome } from '@shared/capture-outcome'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import type { Capture } from '@shared/schemas'

/**
 * The readers take a fault's facts from the fault table, never from its name: with the table's
 * rows swapped here, what they say follows the rows. (`drop` is given a hang's facts, `slow-body`
 * a silent close's.)
 */
vi.mock('@shared/faults', async (importOriginal) => {
  const real = await importOriginal<typeof Faults>()
  return {
    ...real,
    FAULT_TABLE: {
      ...real.FAULT_TABLE,
      drop: { ...real.FAULT_TABLE.drop, answers: false, instead: 'hold', trickles: false },
      'slow-body': {
        ...real.FAULT_TABLE['slow-body'],
        answers: false,
        instead: 'close',
        trickles: false
      }
    }
  }
})

function capture(response: Capture['response']): Capture {
  return {
    type: 'capture',
    id: 'cap_1',
    receivedAt: '2025-01-02T10:11:12.350Z',
    method: 'POST',
    path: '/hook',
    query: {},
    httpVersion: '1.1',
    headers: [],
    bodyBase64: '',
    bodySize: 0,
    truncated: false,
    json: null,
    jsonError: null,
    auth: null,
    event: null,
    response,
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    exchangeId: null
  }
}

describe('fault readers follow the fault table', () => {
  it('the outcome sentence and the capture line', () => {
    const dropped = capture({ status: 0, delayMs: 0, fault: 'drop' })
    expect(captureOutcome(dropped)).toEqual({
      brief: 'hang',
      text: 'No answer: the connection is held open until the caller leaves',
      answered2xx: false
    })
    expect(formatCaptureLine(dropped)).toMatch(
      /→ No answer: the connection is held open until the caller leaves$/
    )
    const slow = capture({ status: 200, delayMs: 300, fault: 'slow-body' })
    expect(captureOutcome(slow)).toEqual({
      brief: 'dropped',
      text: 'Connection dropped after 300 ms',
      answered2xx: false
    })
  })

  it('the behaviour description', () => {
    expect(describeBehavior({ ...HEALTHY_BEHAVIOR, fault: 'drop' })).toBe(
      'Holds the connection open and never answers.'
    )
    expect(
      describeBehavior({
        ...HEALTHY_BEHAVIOR,
        failure: { rate: 0.25, status: 500, fault: 'slow-body' }
      })
    ).toBe(
      'Answers 200 at once; 25% of requests, chosen at random, are dropped without an answer instead.'
    )
  })

  it('what the receiver records of an answer that did not go out', () => {
    const answer = prepareAnswer({
      status: 200,
      headers: [],
      body: 'hello',
      delayMs: 0,
      fault: 'slow-body'
    })
    expect(recordedStatus(answer)).toBe(0)
    expect(answerRecord(answer)).toBeUndefined()
  })
})
