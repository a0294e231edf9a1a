import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DocDifferenceSchema, docDiff } from '@shared/doc-diff'

/** Each difference as a whole object: kind, path, both types and the message an integrator reads. */

const review = (): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', '..', 'fixtures', 'trialkit', 'review.json'),
      'utf8'
    )
  ) as Record<string, unknown>

describe('docDiff, whole differences', () => {
  it('says nothing about a body that is not a JSON object', () => {
    expect(docDiff('insert', null)).toEqual([])
    expect(docDiff('insert', [1, 2])).toEqual([])
    expect(docDiff('insert', 'trans_id')).toEqual([])
  })

  it('names a missing key and an extra one in words, with their types', () => {
    const body: Record<string, unknown> = { ...review(), extra_list: [1, 2], extra_null: null }
    delete body.wf_id
    expect(docDiff('review', body)).toEqual([
      {
        kind: 'missing',
        path: 'wf_id',
        expected: 'number',
        actual: null,
        message: 'wf_id is missing (documented as number)'
      },
      {
        kind: 'extra',
        path: 'extra_list',
        expected: null,
        actual: 'array',
        message: 'extra_list is not in the documented sample ([1,2])'
      },
      {
        kind: 'extra',
        path: 'extra_null',
        expected: null,
        actual: 'null',
        message: 'extra_null is not in the documented sample (null)'
      }
    ])
  })

  it('cuts a long value short in a message, and keeps one of 40 characters whole', () => {
    const forty = 'a'.repeat(38)
    const long = 'b'.repeat(39)
    const diff = docDiff('review', { ...review(), note40: forty, note41: long })
    expect(diff.map((d) => d.message)).toEqual([
      `note40 is not in the documented sample ("${forty}")`,
      `note41 is not in the documented sample ("${'b'.repeat(38)}…)`
    ])
  })

  it('names an object where a number is documented, and an array where an object is', () => {
    const body = { ...review(), wf_status: { code: 10 } }
    expect(docDiff('review', body)).toEqual([
      {
        kind: 'type',
        path: 'wf_status',
        expected: 'number',
        actual: 'object',
        message: 'wf_status is a object ({"code":10}), documented as a number (10)'
      }
    ])
    const notObject = docDiff('review', { ...review(), wf_object: [1] })
    expect(notObject).toEqual([
      {
        kind: 'type',
        path: 'wf_object',
        expected: 'object',
        actual: 'array',
        message:
          'wf_object is a array ([1]), documented as a object ({"wf_id":1,"wf_seq":1,"wf_name":"Monito…)'
      }
    ])
  })

  it('names another key order inside wf_object by its path', () => {
    const body = review()
    const { wf_id, ...rest } = body.wf_object as Record<string, unknown>
    expect(docDiff('review', { ...body, wf_object: { ...rest, wf_id } })).toEqual([
      {
        kind: 'order',
        path: 'wf_object',
        expected:
          'wf_id, wf_seq, wf_name, wf_role1, wf_role2, wf_role3, wf_fl, wf_lock, wf_sign, wf_soft, wf_status, wf_desc',
        actual:
          'wf_seq, wf_name, wf_role1, wf_role2, wf_role3, wf_fl, wf_lock, wf_sign, wf_soft, wf_status, wf_desc, wf_id',
        message:
          'keys of wf_object come in another order than documented (wf_seq, wf_name, wf_role1, wf_role2, wf_role3, wf_fl, wf_lock, wf_sign, wf_soft, wf_status, wf_desc, wf_id); information only, JSON objects have no order'
      }
    ])
  })

  it('every difference it gives passes its schema whole, and no other kind does', () => {
    const body: Record<string, unknown> = { ...review(), wf_status: '10', zz: 1 }
    delete body.wf_id
    const { trans_id, ...rest } = body
    const diff = docDiff('review', { ...rest, trans_id })
    expect(diff.map((d) => d.kind)).toEqual(['missing', 'type', 'extra', 'order'])
    for (const d of diff) expect(DocDifferenceSchema.parse(d)).toEqual(d)
    expect(DocDifferenceSchema.safeParse({ ...diff[0], kind: 'other' }).success).toBe(false)
  })

  it('an extra key or a missing one alone is not another order', () => {
    const body: Record<string, unknown> = { ...review(), zz: 1 }
    delete body.trans_id
    expect(docDiff('review', body).map((d) => d.kind)).toEqual(['missing', 'extra'])
  })

  it('the body order message has no path', () => {
    const { trans_id, ...rest } = review()
    const diff = docDiff('review', { ...rest, trans_id })
    expect(diff).toHaveLength(1)
    expect(diff[0]!.message).toMatch(/^keys come in another order than documented \(form_id, /)
    expect(diff[0]!.expected).toMatch(/^trans_id, form_id, form_name, OnReview, /)
  })
})
