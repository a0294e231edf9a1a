import { describe, expect, it } from 'vitest'
import { bodyFromTemplate, templateProblem } from '@shared/event-template'
import { buildEventBody } from '@shared/trialkit'

describe('a captured body as the template of an event', () => {
  it('keeps the captured shape: key order, types and keys beyond the docs', () => {
    const template =
      '{"form_id":"1","trans_id":"9","OnInsert":true,"form_name":"Old","site_id":17,"extra":{"a":[1]}}'
    expect(bodyFromTemplate('insert', template, { trans_id: '500', form_name: 'Vitals' })).toBe(
      '{"form_id":"319","trans_id":"500","OnInsert":true,"form_name":"Vitals","site_id":17,"extra":{"a":[1]}}'
    )
  })

  it('writes review values in the types the real TrialKit used', () => {
    const review = JSON.parse(buildEventBody('review')) as Record<string, unknown>
    review.wf_status = '10'
    ;(review.wf_object as Record<string, unknown>).wf_seq = '1'
    const body = JSON.parse(
      bodyFromTemplate('review', JSON.stringify(review), {
        wf: { wf_seq: 2, wf_status: 11 },
        LockBroken: true
      })
    ) as Record<string, unknown>
    expect(body.wf_status).toBe('11')
    expect((body.wf_object as Record<string, unknown>).wf_seq).toBe('2')
    expect((body.wf_object as Record<string, unknown>).wf_status).toBe(11)
    expect(body.LockBroken).toBe(true)
  })

  it('adds no documented key the capture did not have', () => {
    const body = bodyFromTemplate('update', '{"trans_id":"1","OnUpdate":true}', {
      form_name: 'X'
    })
    expect(body).toBe('{"trans_id":"435","OnUpdate":true}')
  })

  it('falls back to the documented body without a usable template', () => {
    expect(bodyFromTemplate('insert', null)).toBe(buildEventBody('insert'))
    expect(bodyFromTemplate('insert', '{"OnUpdate":true}')).toBe(buildEventBody('insert'))
    expect(templateProblem('insert', 'nope')).toBe('the body is not JSON')
    expect(templateProblem('review', '{"OnInsert":true}')).toBe(
      'the body is not a TrialKit review event'
    )
  })
})
