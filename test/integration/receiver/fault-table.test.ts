import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAULT_TABLE } from '@shared/faults'
import { FAULTS, type Fault } from '@shared/schemas'
import { RawClient } from '../../helpers/raw-client'
import { behaviorWith, startHarness, type Harness } from '../../helpers/receiver-harness'

/**
 * Every fault in FAULTS, driven through the real receiver, does on the wire what its row in the
 * fault table says, and the capture records it so. A fault added without its behaviour (or with a
 * row that says something else) fails here.
 */

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

const BODY = '{"ok":"set by the test"}'

/** What a raw client saw: the answer's status and body, or how the connection ended without one. */
async function experience(fault: Fault): Promise<unknown> {
  // A trickled body is spread over the delay; every other fault acts at once.
  const delayMs = FAULT_TABLE[fault].trickles ? 150 : 0
  h.behavior = behaviorWith({
    fault,
    status: 202,
    body: BODY,
    delay: { minMs: delayMs, maxMs: delayMs }
  })
  const client = await RawClient.open(h.receiver.port)
  try {
    client.send({ method: 'POST', path: `/${fault}`, body: '{"OnInsert":true}' })
    const info = FAULT_TABLE[fault]
    if (info.answers) {
      const response = await client.response(2000)
      return { status: response.status, body: response.body.toString() }
    }
    if (info.instead === 'hold') {
      // Held: nothing arrives and the connection stays open (a bounded look, then the test leaves).
      const end = await client.endWithin(300)
      return { end: end === null ? 'open' : end.how, bytes: client.received().length }
    }
    const end = await client.endWithin(2000)
    return { end: end?.how, bytes: client.received().length }
  } finally {
    client.destroy()
  }
}

/** What the table says the client sees. */
function expected(fault: Fault): unknown {
  const info = FAULT_TABLE[fault]
  if (info.answers) return { status: 202, body: BODY }
  const ends = { hold: 'open', close: 'closed', reset: 'reset' } as const
  return { end: ends[info.instead], bytes: 0 }
}

describe('every receiver fault does what the fault table says', () => {
  it.each(FAULTS.map((fault) => [fault]))('%s', async (fault) => {
    const before = h.captures.length
    expect(await experience(fault)).toEqual(expected(fault))
    const capture = h.captures[before]
    expect(capture?.path).toBe(`/${fault}`)
    expect(capture?.response.fault).toBe(fault)
    // No answer went out: the capture records status 0 and no answer.
    expect(capture?.response.status).toBe(FAULT_TABLE[fault].answers ? 202 : 0)
    expect(capture?.answer?.bodySize).toBe(FAULT_TABLE[fault].answers ? BODY.length : undefined)
  })
})
