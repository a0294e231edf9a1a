import { describe, expect, it } from 'vitest'
import type { Exchange } from '@shared/schemas'
import { judgeConcurrency } from '@main/engine/check/judge-concurrency'
import { answered, evidence, failed } from '../engine/check-fixture'

/** Several saves at once, as a whole item, at the bounds where it turns to a warning. */

const ID = 'concurrency'
const TITLE = 'Several saves at once'

const line = (label: string, ex: Exchange): string =>
  ex.response
    ? `${label}: HTTP ${ex.response.status}${ex.error ? `, http-status after ${ex.timings.totalMs} ms — The hook answered HTTP ${ex.response.status}.` : ` in ${ex.timings.totalMs} ms`}`
    : `${label}: ${ex.error!.kind} after 5 ms — ${ex.error!.kind} happened`

const singles = (ms: number): Exchange[] => [answered(200, ms), answered(200, ms)]

describe('judgeConcurrency', () => {
  it('passes when saves at once take about as long as one, with the figures as evidence', () => {
    const batch = [answered(200, 100), answered(200, 120)]
    const ev = evidence({
      samples: { insert: [...singles(100), answered(500, 5)], update: [], review: [] },
      concurrent: batch
    })
    expect(judgeConcurrency(ev)).toEqual({
      id: ID,
      title: TITLE,
      status: 'pass',
      summary: '2 saves at once took 0.12 s each vs 0.1 s alone.',
      evidence: [
        line('at once #1', batch[0]!),
        line('at once #2', batch[1]!),
        'p95: 120 ms at once, 100 ms alone'
      ],
      exchangeIds: batch.map((e) => e.id)
    })
  })

  it('warns above 2.5 times one save and above 200 ms, and not at either bound', () => {
    const slow = (single: number, together: number) =>
      judgeConcurrency(
        evidence({
          samples: { insert: singles(single), update: [], review: [] },
          concurrent: [answered(200, together)]
        })
      )
    expect(slow(100, 251).status).toBe('warn')
    expect(slow(100, 251).summary).toBe(
      '1 saves at once took 0.25 s each vs 0.1 s alone: the endpoint serves one request at a time. Run `hook-inspector capacity`.'
    )
    expect(slow(100, 250).status).toBe('pass')
    expect(slow(40, 200).status).toBe('pass')
    expect(slow(40, 201).status).toBe('warn')
  })

  it('passes when no single insert was answered to compare with', () => {
    const batch = [answered(200, 900)]
    const i = judgeConcurrency(
      evidence({ samples: { insert: [answered(500)], update: [], review: [] }, concurrent: batch })
    )
    expect(i.status).toBe('pass')
    expect(i.summary).toBe('1 saves at once took 0.9 s each vs 0.0 s alone.')
    expect(i.evidence.at(-1)).toBe('p95: 900 ms at once, 0 ms alone')
  })

  it('warns when saves at once fail, naming each kind of answer once', () => {
    const batch = [answered(200), answered(503), failed('timeout'), answered(503)]
    expect(judgeConcurrency(evidence({ concurrent: batch }))).toEqual({
      id: ID,
      title: TITLE,
      status: 'warn',
      summary:
        'Of 4 saves at once, 3 got HTTP 503, timeout: site users saving together will see ProtocolErrors. Run `hook-inspector capacity`.',
      evidence: batch.map((ex, i) => line(`at once #${i + 1}`, ex)),
      exchangeIds: batch.map((e) => e.id)
    })
  })

  it('is not run without a batch, with why', () => {
    expect(judgeConcurrency(evidence({ concurrent: [] }))).toEqual({
      id: ID,
      title: TITLE,
      status: 'not-run',
      summary: 'Not run: it needs an insert answered 2xx first.',
      reason: 'it needs an insert answered 2xx first',
      evidence: [],
      exchangeIds: []
    })
    const stopped = judgeConcurrency(evidence({ concurrent: [], stopped: 'the endpoint hangs' }))
    expect(stopped.reason).toBe('the endpoint hangs')
  })

  it('says rate limiting first, with the wait and what the retry got', () => {
    const limited = answered(429)
    const retry = answered(200)
    const batch = [answered(200)]
    const ev = evidence({
      concurrent: batch,
      rateLimited: { exchange: limited, before: 12, atMs: 400, waitedMs: 1000, retry }
    })
    expect(judgeConcurrency(ev)).toEqual({
      id: ID,
      title: TITLE,
      status: 'warn',
      summary:
        'Rate limited after 12 requests in 0.4 s: site users saving together will see ProtocolErrors. The check waited 1.0 s as Retry-After asked; the retry got HTTP 200.',
      evidence: [
        line('rate limited', limited),
        line('retry', retry),
        line('at once #1', batch[0]!)
      ],
      exchangeIds: [limited.id, retry.id, batch[0]!.id]
    })
    const once = judgeConcurrency(
      evidence({
        concurrent: [],
        rateLimited: { exchange: limited, before: 1, atMs: 50, waitedMs: 0, retry: null }
      })
    )
    expect(once).toEqual({
      id: ID,
      title: TITLE,
      status: 'warn',
      summary:
        'Rate limited after 1 request in 0.05 s: site users saving together will see ProtocolErrors.',
      evidence: [line('rate limited', limited)],
      exchangeIds: [limited.id]
    })
  })
})
