import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  buildEventBody,
  detectEvent,
  HOOK_EVENTS,
  reviewLevelPreset,
  REVIEW_STATUS_MAX,
  REVIEW_STATUS_MIN
} from '@shared/trialkit'

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../../fixtures/trialkit', `${name}.json`), 'utf8')

describe('TrialKit event bodies', () => {
  it.each(HOOK_EVENTS)('%s body equals TrialKit’s sample byte for byte', (event) => {
    expect(buildEventBody(event)).toBe(fixture(event))
  })

  it('keeps key order and value types when fields are overridden', () => {
    const body = buildEventBody('update', { trans_id: '9', form_id: '12', form_name: 'AE "Form"' })
    expect(body).toBe('{"trans_id":"9","form_id":"12","form_name":"AE \\"Form\\"","OnUpdate":true}')
    expect(Object.keys(JSON.parse(body))).toEqual(['trans_id', 'form_id', 'form_name', 'OnUpdate'])
  })

  it('review repeats wf_id and wf_status at the top level and lets both be overridden', () => {
    const body = JSON.parse(
      buildEventBody('review', {
        wf: { wf_id: 3, wf_status: 12, wf_lock: false },
        LockBroken: true
      })
    )
    expect(body.wf_id).toBe(3)
    expect(body.wf_status).toBe(12)
    expect(body.wf_object).toMatchObject({ wf_id: 3, wf_status: 12, wf_lock: false })
    expect(body.LockBroken).toBe(true)
    const custom = JSON.parse(buildEventBody('review', { wf_id: 7, wf_status: 99 }))
    expect(custom.wf_id).toBe(7)
    expect(custom.wf_object.wf_id).toBe(1)
    expect(custom.wf_status).toBe(99)
    expect(Object.keys(custom)).toEqual([
      'trans_id',
      'form_id',
      'form_name',
      'OnReview',
      'wf_id',
      'wf_object',
      'wf_status',
      'LockBroken'
    ])
  })

  it('escapes non-ASCII and control characters as JSON does', () => {
    const body = buildEventBody('insert', { form_name: 'Évaluation\n日本' })
    expect(JSON.parse(body).form_name).toBe('Évaluation\n日本')
  })

  it('review level presets cover statuses 10–14 with soft review never set beyond level 1', () => {
    const statuses = [1, 2, 3, 4, 5].map((n) => reviewLevelPreset(n).wf_status)
    expect(statuses).toEqual([10, 11, 12, 13, 14])
    expect(statuses[0]).toBe(REVIEW_STATUS_MIN)
    expect(statuses[4]).toBe(REVIEW_STATUS_MAX)
    for (const n of [2, 3, 4, 5]) expect(reviewLevelPreset(n).wf_soft).toBe(false)
    expect(reviewLevelPreset(9).wf_status).toBe(14)
    expect(reviewLevelPreset(1).wf_seq).toBe(1)
  })
})

describe('detectEvent', () => {
  it.each(HOOK_EVENTS)('recognises the %s sample', (event) => {
    expect(detectEvent(JSON.parse(fixture(event)))).toBe(event)
  })

  it('returns null for anything that is not a TrialKit event', () => {
    expect(detectEvent(null)).toBeNull()
    expect(detectEvent([{ OnInsert: true }])).toBeNull()
    expect(detectEvent({ OnInsert: 'true' })).toBeNull()
    expect(detectEvent({ hello: 1 })).toBeNull()
    expect(detectEvent('OnInsert')).toBeNull()
  })
})
