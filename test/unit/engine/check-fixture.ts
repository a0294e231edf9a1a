import type { Exchange, ExchangeErrorKind } from '@shared/schemas'
import type { CheckEvidence } from '@main/engine/check/evidence'

/** Exchanges and check evidence for the judges' tests: a healthy endpoint, patched per test. */

export function makeExchange(patch: Partial<Exchange>): Exchange {
  return {
    type: 'exchange',
    id: 'ex_0',
    state: 'done',
    startedAt: '2025-01-02T10:11:12.345Z',
    hookId: null,
    hookName: 'Readiness check',
    event: 'insert',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:4700/hook?study=7',
      headers: [],
      body: '{}',
      bodySize: 2
    },
    response: null,
    error: null,
    timings: { connectMs: 1, firstByteMs: 1, totalMs: 1 },
    timeoutMs: 30_000,
    captureId: null,
    replayOf: null,
    ...patch
  }
}

let seq = 0
export function answered(status: number, ms = 40, headers: [string, string][] = []): Exchange {
  seq += 1
  return makeExchange({
    id: `ex_${seq}`,
    response: {
      status,
      statusText: '',
      headers,
      bodyBase64: '',
      bodySize: 0,
      truncated: false
    },
    error:
      status >= 200 && status < 300
        ? null
        : { kind: 'http-status', message: `The hook answered HTTP ${status}.` },
    timings: { connectMs: 1, firstByteMs: ms, totalMs: ms }
  })
}
export function failed(kind: ExchangeErrorKind): Exchange {
  seq += 1
  return makeExchange({
    id: `ex_${seq}`,
    response: null,
    error: { kind, message: `${kind} happened` },
    timings: { connectMs: null, firstByteMs: null, totalMs: 5 }
  })
}

export function evidence(patch: Partial<CheckEvidence> = {}): CheckEvidence {
  const ok = (): Exchange[] => [answered(200), answered(200), answered(200)]
  return {
    url: 'http://127.0.0.1:9/hook',
    email: 'study@example.org',
    password: 's3cret',
    timeoutSeconds: 30,
    slowMs: 2000,
    https: false,
    tls: null,
    samples: { insert: ok(), update: ok(), review: ok() },
    stopped: null,
    refusedAt: null,
    credentials: { wrong: answered(401), none: answered(401), lowerEmail: null },
    lockBroken: answered(200),
    extraKeys: answered(200),
    malformed: answered(400),
    unknown: answered(400),
    alive: answered(200),
    slashProbe: null,
    concurrent: [answered(200), answered(200), answered(200), answered(200)],
    rateLimited: null,
    ...patch
  }
}
