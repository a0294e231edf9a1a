// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { applyEntries, emptyHistory } from '@renderer/lib/history-index'
import { rowMatches, NO_FILTERS, rowOutcome } from '@renderer/lib/row-filter'
import { b64, makeCapture, makeExchange } from '../helpers/builders'

const pending = makeExchange({ state: 'pending', response: null, captureId: null })

describe('history index', () => {
  it('links exchange → capture into one row when the exchange comes first', () => {
    let h = applyEntries(emptyHistory(), [pending])
    h = applyEntries(h, [makeCapture({ exchangeId: 'ex_1' })])
    h = applyEntries(h, [makeExchange({ captureId: 'cap_1' })])
    expect(h.order).toEqual(['ex_1'])
    const row = h.rows.get('ex_1')!
    expect(row.exchange?.state).toBe('done')
    expect(row.capture?.id).toBe('cap_1')
    expect(h.rowOf.get('cap_1')).toBe('ex_1')
  })

  it('links when the capture arrives first and keeps one row', () => {
    let h = applyEntries(emptyHistory(), [makeCapture({ exchangeId: 'ex_1' })])
    h = applyEntries(h, [makeExchange({ captureId: 'cap_1' })])
    expect(h.order).toHaveLength(1)
    const row = h.rows.get(h.order[0]!)!
    expect(row.exchange?.id).toBe('ex_1')
    expect(row.capture?.id).toBe('cap_1')
  })

  it('merges two rows that turn out to be linked only when the exchange is done', () => {
    let h = applyEntries(emptyHistory(), [pending, makeCapture({ exchangeId: null })])
    expect(h.order).toHaveLength(2)
    h = applyEntries(h, [makeExchange({ captureId: 'cap_1' })])
    expect(h.order).toEqual(['ex_1'])
    expect(h.rows.has('cap_1')).toBe(false)
    expect(h.rows.get('ex_1')!.capture?.id).toBe('cap_1')
  })

  it('puts the newest first and drops the oldest beyond the cap', () => {
    const caps = Array.from({ length: 6 }, (_, i) => makeCapture({ id: `cap_${i}` }))
    const h = applyEntries(emptyHistory(), caps, 4)
    expect(h.order).toEqual(['cap_5', 'cap_4', 'cap_3', 'cap_2'])
    expect(h.rows.has('cap_0')).toBe(false)
    expect(h.rowOf.has('cap_1')).toBe(false)
  })

  it('makes a new order array and revision on every change, so subscribers see it', () => {
    const a = applyEntries(emptyHistory(), [pending])
    const b = applyEntries(a, [makeExchange()])
    expect(b.order).not.toBe(a.order)
    expect(b.revision).toBe(a.revision + 1)
    expect(applyEntries(b, [])).toBe(b)
  })

  it('filters by event, outcome, kind and text (id, path, URL, body, email)', () => {
    const failed = makeExchange({
      id: 'ex_2',
      error: { kind: 'timeout', message: 'too slow' },
      response: null
    })
    const other = makeCapture({
      id: 'cap_9',
      event: null,
      path: '/health',
      auth: null,
      bodyBase64: b64('ping'),
      bodySize: 4
    })
    const h = applyEntries(emptyHistory(), [makeExchange(), failed, other])
    const rows = h.order.map((id) => h.rows.get(id)!)
    const pick = (f: Partial<typeof NO_FILTERS>) =>
      rows.filter((r) => rowMatches(r, { ...NO_FILTERS, ...f })).map((r) => r.id)
    expect(pick({ event: 'other' })).toEqual(['cap_9'])
    expect(pick({ outcome: 'error' })).toEqual(['ex_2'])
    expect(pick({ kind: 'timeout' })).toEqual(['ex_2'])
    expect(pick({ text: '/HEALTH' })).toEqual(['cap_9'])
    expect(pick({ text: 'sample form' })).toEqual(['ex_2', 'ex_1'])
    expect(pick({ text: 'ann@site' })).toEqual(['ex_2', 'ex_1'])
    expect(rowOutcome(h.rows.get('ex_1')!)).toBe('ok')
  })

  it('search finds a row by its time as the row shows it, in local time', () => {
    const at = new Date(2026, 2, 5, 18, 22, 56, 120)
    const other = new Date(2026, 2, 5, 9, 1, 2, 3)
    const h = applyEntries(emptyHistory(), [
      makeExchange({ id: 'ex_a', startedAt: at.toISOString() }),
      makeExchange({ id: 'ex_b', startedAt: other.toISOString() })
    ])
    const rows = h.order.map((id) => h.rows.get(id)!)
    const pick = (text: string) =>
      rows.filter((r) => rowMatches(r, { ...NO_FILTERS, text })).map((r) => r.id)
    expect(pick('18:22:56')).toEqual(['ex_a'])
    expect(pick('18:22:56.120')).toEqual(['ex_a'])
    expect(pick('2026-03-05 09:01')).toEqual(['ex_b'])
    expect(pick('18:22:57')).toEqual([])
  })
})
