import { expect } from 'vitest'
import { encodeBasicAuth } from '@shared/basic-auth'
import { bytesToBase64, utf8Encode } from '@shared/bytes'
import type { CheckItem, CheckReport } from '@shared/check'
import { countsOf } from '@shared/check-counts'
import { exchangeRecord } from '@shared/exchange-record'
import { hookConfig } from '@shared/hook-record'
import type { Capture, Exchange, HookConfig } from '@shared/schemas'
import { buildEventBody, type HookEvent } from '@shared/trialkit'
import { buildWireRequest, userAgentFor } from '@shared/wire-request'

/** The id a dispatch chooses for its exchange: any id the shared id format makes. */
export const ANY_EXCHANGE_ID = expect.stringMatching(/^exc_[0-9a-z]+$/)

export const b64 = (text: string): string => bytesToBase64(utf8Encode(text))

export function makeHook(patch: Partial<HookConfig> = {}): HookConfig {
  return hookConfig({
    id: 'hook_1',
    name: 'ONCO-301',
    url: 'http://127.0.0.1:4700/hook?study=7',
    email: 'ann@site.org',
    password: 'p:w0rd',
    ...patch
  })
}

/** A finished exchange as the engine would record it (request built by the real builder). */
export function makeExchange(patch: Partial<Exchange> = {}, event: HookEvent = 'insert'): Exchange {
  const hook = makeHook()
  const built = buildWireRequest(hook, buildEventBody(event), userAgentFor('9.9.9'))
  if (!built.ok) throw new Error(built.message)
  return exchangeRecord({
    id: 'ex_1',
    startedAt: '2025-01-02T10:11:12.345Z',
    hookId: hook.id,
    hookName: hook.name,
    event,
    request: built.request,
    response: {
      status: 200,
      statusText: 'OK',
      headers: [['Content-Type', 'application/json; charset=utf-8']],
      bodyBase64: b64('{"ok":true}'),
      bodySize: 11,
      truncated: false
    },
    error: null,
    timings: { connectMs: 2, firstByteMs: 40, totalMs: 45 },
    timeoutMs: 30_000,
    ...patch
  })
}

export function makeCapture(patch: Partial<Capture> = {}): Capture {
  const body = buildEventBody('insert')
  return {
    type: 'capture',
    id: 'cap_1',
    receivedAt: '2025-01-02T10:11:12.350Z',
    method: 'POST',
    path: '/hook',
    query: { study: '7' },
    httpVersion: '1.1',
    headers: [
      ['Host', '127.0.0.1:4700'],
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Content-Length', String(body.length)],
      ['Authorization', encodeBasicAuth('ann@site.org', 'p:w0rd')]
    ],
    bodyBase64: b64(body),
    bodySize: body.length,
    truncated: false,
    json: JSON.parse(body),
    jsonError: null,
    auth: {
      scheme: 'Basic',
      email: 'ann@site.org',
      password: 'p:w0rd',
      base64Valid: true,
      matchesExpected: true
    },
    event: 'insert',
    response: { status: 200, delayMs: 0, fault: 'none' },
    remoteAddress: '127.0.0.1',
    remotePort: 50123,
    exchangeId: null,
    ...patch
  }
}

/**
 * A check report for a test: its items counted as the engine counts them, the test's fields over
 * plain ones, so a new report field is given a value here once instead of in every test.
 */
export function checkReport(items: CheckItem[], patch: Partial<CheckReport> = {}): CheckReport {
  return {
    url: 'http://127.0.0.1:9/hook',
    startedAt: '2026-11-28T10:00:00.000Z',
    finishedAt: '2026-11-28T10:00:01.000Z',
    timeoutMs: 30_000,
    requestsSent: items.length,
    verdict: 'fail',
    headline: 'Not ready: TrialKit users would see ProtocolErrors.',
    rootCause: null,
    summary: '',
    ...patch,
    counts: countsOf(patch.items ?? items),
    items: patch.items ?? items
  }
}
