import { describe, expect, it } from 'vitest'
import { entriesToHar, redactEntry } from '@shared/har'
import { CapacityRunSchema, HistoryEntrySchema, type CapacityRun } from '@shared/schemas'
import { applyEntries, emptyHistory, rowTime } from '@renderer/lib/history-index'
import { NO_FILTERS, rowEvent, rowMatches, rowOutcome } from '@renderer/lib/row-filter'
import { makeExchange } from '../helpers/builders'

const AUTH = `Basic ${btoa('ann@site.org:secret')}`

function makeRun(patch: Partial<CapacityRun> = {}): CapacityRun {
  const ok = makeExchange({ id: 'exc_ok', origin: 'capacity' })
  const failed = makeExchange({
    id: 'exc_late',
    origin: 'capacity',
    error: { kind: 'timeout', message: 'No complete response within 2 s.' },
    response: null
  })
  for (const ex of [ok, failed]) ex.request.headers.push(['Authorization', AUTH])
  return CapacityRunSchema.parse({
    type: 'capacity',
    id: 'cpc_1',
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: '2026-11-29T10:00:09.000Z',
    url: 'http://127.0.0.1:9999/hook',
    event: 'update',
    timeoutMs: 2000,
    levels: [1, 4],
    steps: [
      {
        concurrency: 1,
        sent: 4,
        ok: 4,
        protocolErrors: 0,
        byKind: {},
        p50Ms: 50,
        p95Ms: 60,
        maxMs: 60
      },
      {
        concurrency: 4,
        sent: 16,
        ok: 15,
        protocolErrors: 1,
        byKind: { timeout: 1 },
        p50Ms: 200,
        p95Ms: 2000,
        maxMs: 2000
      }
    ],
    capacity: 1,
    summary: 'Up to 1 site user saving at once.',
    stopped: null,
    exchanges: [ok, failed],
    requestsSent: 20,
    ...patch
  })
}

describe('a capacity run as a history entry', () => {
  it('is one timeline row, whatever its exchanges, with its event, outcome and time', () => {
    const run = makeRun()
    const index = applyEntries(emptyHistory(), [makeExchange({ id: 'exc_other' }), run])
    expect(index.order).toEqual(['cpc_1', 'exc_other'])
    const row = index.rows.get('cpc_1')!
    expect(row.capacity).toBe(run)
    expect(rowTime(row)).toBe(run.startedAt)
    expect(rowEvent(row)).toBe('update')
    expect(rowOutcome(row)).toBe('error')
    expect(
      rowOutcome({ id: 'x', exchange: null, capture: null, capacity: makeRun({ steps: [] }) })
    ).toBe('ok')
    // Applying it again (a reload) does not add a second row.
    expect(applyEntries(index, [run]).order).toEqual(['cpc_1', 'exc_other'])
  })

  it('matches the kind filter by the kinds its requests ended in, and the search by its URL', () => {
    const row = applyEntries(emptyHistory(), [makeRun()]).rows.get('cpc_1')!
    expect(rowMatches(row, { ...NO_FILTERS, kind: 'timeout' })).toBe(true)
    expect(rowMatches(row, { ...NO_FILTERS, kind: 'dns' })).toBe(false)
    expect(rowMatches(row, { ...NO_FILTERS, text: '9999/hook' })).toBe(true)
    expect(rowMatches(row, { ...NO_FILTERS, outcome: 'ok' })).toBe(false)
  })

  it('matches the http-status kind filter by the statuses its requests were answered with', () => {
    const steps = makeRun().steps.map((s, i) => (i === 1 ? { ...s, byKind: { 'http-429': 1 } } : s))
    const row = applyEntries(emptyHistory(), [makeRun({ steps })]).rows.get('cpc_1')!
    expect(rowMatches(row, { ...NO_FILTERS, kind: 'http-status' })).toBe(true)
    expect(rowMatches(row, { ...NO_FILTERS, kind: 'timeout' })).toBe(false)
  })

  it('exports as HAR the exchanges it kept, redacted unless secrets are asked for', () => {
    const run = makeRun()
    const har = entriesToHar([run], { includeSecrets: false, appVersion: '1.0.0' })
    expect(har.log.entries).toHaveLength(2)
    const auth = (i: number) =>
      har.log.entries[i]!.request.headers.find((h) => h.name === 'Authorization')?.value
    expect(auth(0)).not.toBe(AUTH)
    const withSecrets = entriesToHar([run], { includeSecrets: true, appVersion: '1.0.0' })
    expect(withSecrets.log.entries[0]!.request.headers).toContainEqual({
      name: 'Authorization',
      value: AUTH
    })
    const redacted = redactEntry(run)
    expect(redacted.type).toBe('capacity')
    expect(redacted.exchanges[0]!.request.headers.at(-1)![1]).not.toBe(AUTH)
  })

  it('passes the history schema that bundles and imports are checked with', () => {
    expect(HistoryEntrySchema.parse(makeRun()).type).toBe('capacity')
  })
})
