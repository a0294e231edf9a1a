import { describe, expect, it } from 'vitest'
import { entriesToHar, HarSchema, redactEntry } from '@shared/har'
import { harToEntries } from '@shared/har-import'
import { rowOrigin, type OriginRow, type RowOrigin } from '@shared/row-origin'
import type { CapacityRun, Exchange, HistoryEntry } from '@shared/schemas'
import { sentEmailOf } from '@shared/sent-email'
import { timelineRows } from '@shared/har-rows'
import { makeCapture, makeExchange } from '../../integration/engine/entries'

/**
 * A HAR exported here reads back as the same rows: each keeps what made it, a capacity run comes
 * back as one run with its exchanges inside, and a redacted Authorization keeps who sent it.
 */

const at = (s: number): string => new Date(Date.UTC(2026, 0, 1, 9, 0, s)).toISOString()
// ann@site.org:s3cret
const ANN = ['Authorization', 'Basic YW5uQHNpdGUub3JnOnMzY3JldA=='] as [string, string]
const ok = {
  status: 200,
  statusText: 'OK',
  headers: [] as [string, string][],
  bodyBase64: '',
  bodySize: 0,
  truncated: false
}

function capacityExchange(i: number, failed: boolean): Exchange {
  return makeExchange(`exc_cap_${i}`, {
    startedAt: at(20),
    hookName: 'Capacity check at 8',
    origin: 'capacity',
    response: failed ? null : ok,
    error: failed ? { kind: 'timeout', message: 'no answer within 2 s' } : null
  })
}

/** An app's history: a fire landing on the receiver, the other origins, and one capacity run. */
function appHistory(): HistoryEntry[] {
  const run: CapacityRun = {
    type: 'capacity',
    id: 'cpc_1',
    startedAt: at(20),
    finishedAt: at(40),
    url: 'http://127.0.0.1:9/hook',
    event: 'insert',
    timeoutMs: 2000,
    levels: [8],
    steps: [
      {
        concurrency: 8,
        sent: 332,
        ok: 12,
        protocolErrors: 320,
        byKind: { timeout: 320 },
        p50Ms: 2000,
        p95Ms: 2000,
        maxMs: 2001
      }
    ],
    capacity: 0,
    summary: 'No level kept every request under the timeout.',
    stopped: 'all-failed',
    exchanges: [capacityExchange(1, false), capacityExchange(2, true), capacityExchange(3, true)],
    requestsSent: 332
  }
  return [
    makeExchange('exc_fire', {
      startedAt: at(1),
      origin: 'fire',
      captureId: 'cap_fire',
      request: {
        method: 'POST',
        url: 'http://127.0.0.1:9/hook',
        headers: [ANN],
        body: '{}',
        bodySize: 2
      },
      response: ok,
      error: null
    }),
    makeCapture('cap_fire', {
      receivedAt: at(1),
      exchangeId: 'exc_fire',
      headers: [ANN],
      auth: {
        scheme: 'Basic',
        email: 'ann@site.org',
        password: 's3cret',
        base64Valid: true,
        matchesExpected: null
      }
    }),
    makeCapture('cap_alone', { receivedAt: at(2) }),
    makeExchange('exc_replay', { startedAt: at(3), origin: 'replay', replayOf: 'exc_fire' }),
    makeExchange('exc_check', { startedAt: at(4), origin: 'check' }),
    makeExchange('exc_scn', { startedAt: at(5), origin: 'scenario' }),
    makeCapture('cap_fwd', {
      receivedAt: at(6),
      forward: { url: 'http://127.0.0.1:8/', exchangeId: 'exc_fwd', error: null }
    }),
    makeExchange('exc_fwd', { startedAt: at(7), origin: 'forward', forwardOf: 'cap_fwd' }),
    run
  ]
}

/** Export as HAR (redacted unless asked), through JSON text, and import again. */
function roundTrip(entries: HistoryEntry[], includeSecrets = false): HistoryEntry[] {
  const text = JSON.stringify(entriesToHar(entries, { includeSecrets, appVersion: '1.0.0' }))
  return harToEntries(HarSchema.parse(JSON.parse(text)))
}

/** The origin of each row, oldest first (a capacity run is one row, as the timeline shows it). */
function originsOf(entries: HistoryEntry[]): [string, RowOrigin][] {
  const rows: OriginRow[] = timelineRows(entries.filter((e) => e.type !== 'capacity'))
  const runs: OriginRow[] = entries.flatMap((e) =>
    e.type === 'capacity' ? [{ exchange: null, capture: null, capacity: e }] : []
  )
  return [...rows, ...runs].map((r) => [
    r.capacity?.id ?? r.exchange?.id ?? r.capture!.id,
    rowOrigin(r)
  ])
}

describe('HAR round trip', () => {
  it('writes each entry’s origin in _hookInspector', () => {
    const har = entriesToHar(appHistory(), { includeSecrets: false, appVersion: '1.0.0' })
    const written = har.log.entries.map((e) => (e._hookInspector as { origin: string }).origin)
    expect(written).toEqual([
      'fire',
      'capture',
      'replay',
      'check',
      'scenario',
      'forwarded',
      'forwarded',
      'capacity',
      'capacity',
      'capacity'
    ])
  })

  it('reads every row back with the origin it had', () => {
    const before = originsOf(appHistory())
    const after = originsOf(roundTrip(appHistory()))
    expect(after).toEqual(before)
    expect(after.map(([, o]) => o)).toEqual([
      'fire',
      'capture',
      'replay',
      'check',
      'scenario',
      'forwarded',
      'forwarded',
      'capacity'
    ])
  })

  it('keeps a capacity run as one row with its exchanges inside, not its exchanges one by one', () => {
    const original = appHistory().find((e) => e.type === 'capacity')!
    const imported = roundTrip(appHistory(), true)
    const runs = imported.filter((e) => e.type === 'capacity')
    expect(runs).toEqual([{ ...original, imported: true }])
    expect(imported.filter((e) => e.type === 'exchange' && e.origin === 'capacity')).toEqual([])
    expect(imported.length).toBe(appHistory().length)
  })

  it('reads back a capacity run that kept no exchange as its report alone', () => {
    const run = { ...appHistory().find((e) => e.type === 'capacity')!, exchanges: [] }
    expect(roundTrip([run])).toEqual([{ ...run, imported: true }])
  })

  it('keeps the email beside a redacted Authorization, for exchanges and captures', () => {
    const har = entriesToHar(appHistory(), { includeSecrets: false, appVersion: '1.0.0' })
    const first = har.log.entries[0]!
    expect(first.request.headers).toEqual([{ name: 'Authorization', value: '[redacted]' }])
    expect((first._hookInspector as { authEmail?: string }).authEmail).toBe('ann@site.org')
    const imported = roundTrip(appHistory())
    const fire = imported.find((e) => e.id === 'exc_fire') as Exchange
    expect(fire.request.headers).toEqual([['Authorization', '[redacted]']])
    expect(fire.authEmail).toBe('ann@site.org')
    expect(sentEmailOf(fire)).toBe('ann@site.org')
    const capture = imported.find((e) => e.id === 'cap_fire')
    expect(capture?.type === 'capture' && sentEmailOf(capture)).toBe('ann@site.org')
    expect(JSON.stringify(imported)).not.toContain('s3cret')
  })

  it('reads the email from _hookInspector.authEmail when the exchange itself lacks it', () => {
    const fire = appHistory()[0] as Exchange
    const har = entriesToHar([fire], { includeSecrets: false, appVersion: '1.0.0' })
    const field = har.log.entries[0]!._hookInspector as { exchange: Exchange; authEmail: string }
    delete field.exchange.authEmail
    const [back] = harToEntries(HarSchema.parse(JSON.parse(JSON.stringify(har))))
    expect(back?.type === 'exchange' && back.authEmail).toBe('ann@site.org')
  })

  it('keeps no email for an Authorization that carried none', () => {
    const bearer = makeExchange('exc_b', {
      request: {
        method: 'POST',
        url: 'http://x/',
        headers: [['Authorization', 'Bearer t0k']],
        body: '',
        bodySize: 0
      }
    })
    expect(redactEntry(bearer).authEmail).toBeUndefined()
    expect(sentEmailOf(redactEntry(bearer))).toBeNull()
  })

  it('marks an entry from another tool as imported', () => {
    const har = entriesToHar([appHistory()[3]!], { includeSecrets: false, appVersion: '1.0.0' })
    delete har.log.entries[0]!._hookInspector
    expect(originsOf(harToEntries(har)).map(([, o]) => o)).toEqual(['imported'])
  })
})
