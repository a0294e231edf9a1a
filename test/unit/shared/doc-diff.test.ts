import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docDiff } from '@shared/doc-diff'
import { HOOK_EVENTS } from '@shared/trialkit'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', '..', 'fixtures', 'trialkit', `${name}.json`),
      'utf8'
    )
  ) as Record<string, unknown>

describe('docDiff', () => {
  it("is empty for each of TrialKit's documented samples", () => {
    for (const event of HOOK_EVENTS) expect(docDiff(event, fixture(event))).toEqual([])
  })

  it('names a value of another type, with both values', () => {
    const body = { ...fixture('review'), wf_status: '10' }
    expect(docDiff('review', body)).toEqual([
      {
        kind: 'type',
        path: 'wf_status',
        expected: 'number',
        actual: 'string',
        message: 'wf_status is a string ("10"), documented as a number (10)'
      }
    ])
  })

  it('looks inside wf_object', () => {
    const review = fixture('review')
    const wf = { ...(review.wf_object as Record<string, unknown>), wf_seq: '1' }
    delete (wf as Record<string, unknown>).wf_desc
    const diff = docDiff('review', { ...review, wf_object: wf })
    expect(diff.map((d) => [d.kind, d.path])).toEqual([
      ['type', 'wf_object.wf_seq'],
      ['missing', 'wf_object.wf_desc']
    ])
  })

  it('lists keys missing and keys the docs do not have', () => {
    const insert = fixture('insert')
    delete insert.form_name
    const diff = docDiff('insert', { ...insert, site_id: 7 })
    expect(diff.map((d) => [d.kind, d.path, d.expected, d.actual])).toEqual([
      ['missing', 'form_name', 'string', null],
      ['extra', 'site_id', null, 'number']
    ])
  })

  it('reports another key order as information, once', () => {
    const diff = docDiff('update', {
      form_id: '319',
      trans_id: '435',
      form_name: 'Sample Form',
      OnUpdate: true
    })
    expect(diff).toHaveLength(1)
    expect(diff[0]).toMatchObject({
      kind: 'order',
      path: '(body)',
      actual: 'form_id, trans_id, form_name, OnUpdate'
    })
    expect(diff[0]?.message).toContain('information only')
  })
})
