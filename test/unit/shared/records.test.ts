import { describe, expect, it } from 'vitest'
import { dispatchTargetOf } from '@main/engine/dispatch/target'
import { exchangeRecord } from '@shared/exchange-record'
import { fireHook, hookConfig } from '@shared/hook-record'
import { ExchangeSchema, HookConfigSchema } from '@shared/schemas'

const request = {
  method: 'POST',
  url: 'http://127.0.0.1:9/hook',
  headers: [],
  body: '{}',
  bodySize: 2
}

describe('hook records', () => {
  it('fill every field not given with the schema default', () => {
    const given = { id: 'h1', name: 'Study 7', url: 'http://127.0.0.1:9/hook' }
    expect(hookConfig(given)).toEqual(HookConfigSchema.parse(given))
    const { id: _id, ...inline } = HookConfigSchema.parse(given)
    expect(fireHook({ name: 'Study 7', url: 'http://127.0.0.1:9/hook' })).toEqual(inline)
  })

  it('keep what is given, and a field given as undefined keeps its default', () => {
    const given = {
      name: 'CLI',
      url: 'https://hooks.example.org/tk',
      email: 'ann@site.org',
      password: 'p:w0rd',
      timeoutSeconds: 12,
      insecureTls: true
    }
    const hook = fireHook({ ...given, enabled: undefined })
    expect(hook).toEqual(HookConfigSchema.omit({ id: true }).parse(given))
    expect(hook).toMatchObject({ ...given, enabled: true })
  })
})

describe('dispatch target', () => {
  it("is the hook's URL, credentials and TLS choice, its timeout in milliseconds", () => {
    const hook = fireHook({
      name: 'x',
      url: 'https://a.example/hook',
      email: 'ann@a.example',
      password: 'pw',
      timeoutSeconds: 7,
      insecureTls: true
    })
    expect(dispatchTargetOf(hook)).toEqual({
      url: 'https://a.example/hook',
      email: 'ann@a.example',
      password: 'pw',
      timeoutMs: 7000,
      insecureTls: true
    })
  })
})

describe('exchange records', () => {
  it('start finished, unanswered and unlinked, with a new id, and pass the schema', () => {
    const ex = exchangeRecord({ hookName: 'Imported', event: 'insert', request, timeoutMs: 30_000 })
    expect(ExchangeSchema.parse(ex)).toEqual(ex)
    expect(ex).toEqual({
      type: 'exchange',
      id: expect.stringMatching(/^exc_/),
      state: 'done',
      startedAt: expect.any(String),
      hookId: null,
      hookName: 'Imported',
      event: 'insert',
      request,
      response: null,
      error: null,
      timings: { connectMs: null, firstByteMs: null, totalMs: 0 },
      timeoutMs: 30_000,
      captureId: null,
      replayOf: null
    })
    expect(Number.isNaN(Date.parse(ex.startedAt))).toBe(false)
  })

  it('keep the given fields, in the order the history file has, and leave out undefined ones', () => {
    const ex = exchangeRecord({
      id: 'exc_1',
      state: 'pending',
      hookId: 'h1',
      hookName: 'Study 7',
      event: 'review',
      request,
      timeoutMs: 5000,
      origin: 'check',
      probe: 'bad input: malformed JSON',
      forwardOf: undefined
    })
    expect(Object.keys(ex)).toEqual([
      'type',
      'id',
      'state',
      'startedAt',
      'hookId',
      'hookName',
      'event',
      'request',
      'response',
      'error',
      'timings',
      'timeoutMs',
      'captureId',
      'replayOf',
      'origin',
      'probe'
    ])
    expect(ex).toMatchObject({ id: 'exc_1', state: 'pending', hookId: 'h1', origin: 'check' })
  })
})
