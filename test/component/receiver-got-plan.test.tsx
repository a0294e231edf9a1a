// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ReceiverGot } from '@renderer/components/scenarios/ReceiverGot'
import type { Capture } from '@shared/schemas'
import { makeCapture } from '../helpers/builders'

afterEach(cleanup)

function planned(response: Capture['response']): string | null {
  render(<ReceiverGot capture={makeCapture({ response })} exchange={null} builtIn />)
  return screen.getByTestId('presenter-answer').textContent
}

describe('the presenter says what the receiver will do with the request', () => {
  it.each([
    [{ status: 202, delayMs: 0, fault: 'none' }, 'It will answer 202.'],
    [
      { status: 200, delayMs: 1500, fault: 'slow-body' },
      'It will answer 200 after 1.50 s (slow-body).'
    ],
    [{ status: 0, delayMs: 0, fault: 'hang' }, 'It holds the connection and never answers.'],
    [
      { status: 0, delayMs: 400, fault: 'drop' },
      'It will close the connection without an answer after 400 ms.'
    ],
    [{ status: 0, delayMs: 0, fault: 'reset' }, 'It will reset the connection with a TCP RST.']
  ] as const)('%o', (response, text) => {
    expect(planned(response)).toBe(text)
  })
})
