import { describe, expect, it } from 'vitest'
import { fieldsOfBody, stepOfEntry } from '@shared/scenarios/from-history'
import { ScenarioStepSchema } from '@shared/schemas'
import { buildEventBody } from '@shared/trialkit'
import { b64, makeCapture, makeExchange } from '../../../helpers/builders'

describe('a scenario step made from a history entry', () => {
  it('keeps a built body as its fields, exactly (review included), and any other as rawBody', () => {
    const review = buildEventBody('review', {
      trans_id: '12',
      wf: { wf_status: 12 },
      LockBroken: true
    })
    const fields = fieldsOfBody('review', review)
    expect(fields).not.toBeNull()
    expect(buildEventBody('review', fields!)).toBe(review)
    // Pretty-printed, reordered or extra keys: not what TrialKit builds, so sent verbatim.
    expect(
      fieldsOfBody('insert', JSON.stringify(JSON.parse(buildEventBody('insert')), null, 1))
    ).toBeNull()
    expect(fieldsOfBody('insert', '{"trans_id":"1","OnInsert":true}')).toBeNull()
    expect(fieldsOfBody('insert', 'not json')).toBeNull()
  })

  it('expects what a caller saw of each receiver answer', () => {
    const expects = (response: Parameters<typeof makeCapture>[0]) =>
      stepOfEntry(makeCapture(response))!.expect
    expect(expects({})).toEqual({ outcome: 'success' })
    expect(expects({ response: { status: 503, delayMs: 0, fault: 'none' } })).toEqual({
      outcome: 'protocol-error',
      kind: 'http-status',
      status: 503
    })
    expect(expects({ response: { status: 200, delayMs: 0, fault: 'hang' } })).toEqual({
      outcome: 'protocol-error',
      kind: 'timeout'
    })
    for (const fault of ['drop', 'reset'] as const) {
      expect(expects({ response: { status: 200, delayMs: 0, fault } })).toEqual({
        outcome: 'protocol-error',
        kind: 'connection-reset'
      })
    }
  })

  it('takes an exchange’s ProtocolError kind; an aborted one has no outcome to expect', () => {
    const refused = makeExchange({
      response: null,
      error: { kind: 'connection-refused', message: 'refused' }
    })
    expect(stepOfEntry(refused)!.expect).toEqual({
      outcome: 'protocol-error',
      kind: 'connection-refused'
    })
    expect(stepOfEntry(makeExchange({ error: { kind: 'aborted', message: 'a' } }))).toBeNull()
  })

  it('makes steps the scenario schema accepts, and refuses a capture cut short', () => {
    for (const entry of [makeExchange({}, 'review'), makeCapture({ bodyBase64: b64('{"x":1}') })]) {
      expect(ScenarioStepSchema.safeParse(stepOfEntry(entry)).success).toBe(true)
    }
    expect(() => stepOfEntry(makeCapture({ id: 'cap_cut', truncated: true }))).toThrow(
      'The capture "cap_cut" kept only part of its body, so it cannot become a scenario step.'
    )
  })
})
