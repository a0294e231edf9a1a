import { describe, expect, it } from 'vitest'
import { redactEntry } from '@shared/har'
import { ReplayRequestSchema } from '@shared/replay'
import {
  authorizationRedacted,
  REDACTED_AUTHORIZATION_MESSAGE,
  redactedReplayProblem,
  replayNeedsCredentials,
  withoutRedactedAuthorization
} from '@shared/replay-credentials'
import { makeCapture, makeExchange } from '../../helpers/builders'

const exchange = redactEntry(makeExchange({ hookId: null, imported: true }))
const capture = redactEntry(makeCapture())
const CREDS = { email: 'ann@site.org', password: 'p' }

describe('re-sending a redacted Authorization', () => {
  it('knows an entry exported without secrets', () => {
    expect(authorizationRedacted(exchange)).toBe(true)
    expect(authorizationRedacted(capture)).toBe(true)
    expect(authorizationRedacted(makeExchange())).toBe(false)
  })

  it('needs credentials when the source’s own are sent', () => {
    for (const request of [
      { sourceId: exchange.id },
      { sourceId: exchange.id, url: 'http://x/' },
      { sourceId: exchange.id, headers: [['Authorization', ' [redacted] ']] as [string, string][] }
    ]) {
      expect(redactedReplayProblem(exchange, request, [])).toEqual({
        message: REDACTED_AUTHORIZATION_MESSAGE,
        field: 'credentials'
      })
    }
    expect(replayNeedsCredentials(capture, { sourceId: capture.id }, [])).toBe(true)
  })

  it('needs none with credentials, a typed Authorization or a saved hook’s', () => {
    const id = exchange.id
    expect(redactedReplayProblem(exchange, { sourceId: id, credentials: CREDS }, [])).toBeNull()
    const typed: [string, string][] = [['authorization', 'Bearer t']]
    expect(redactedReplayProblem(exchange, { sourceId: id, headers: typed }, [])).toBeNull()
    expect(redactedReplayProblem(exchange, { sourceId: id, hookId: 'h' }, [])).toBeNull()
    const own = { ...exchange, hookId: 'hook_1' }
    expect(redactedReplayProblem(own, { sourceId: id }, [{ id: 'hook_1' }])).toBeNull()
    // To a URL, the exchange's hook is not used: its own (redacted) credentials are.
    expect(
      replayNeedsCredentials(own, { sourceId: id, url: 'http://x/' }, [{ id: 'hook_1' }])
    ).toBe(true)
  })

  it('refuses any other secret header still holding the placeholder', () => {
    const headers: [string, string][] = [['Proxy-Authorization', '[redacted]']]
    expect(
      redactedReplayProblem(makeExchange(), { sourceId: 'ex_1', headers, credentials: CREDS }, [])
    ).toMatchObject({ field: 'headers', message: /^The Proxy-Authorization header's value/ })
  })

  it('never sends the placeholder as the Authorization', () => {
    expect(
      withoutRedactedAuthorization([
        ['Authorization', '[redacted]'],
        ['X-A', '[redacted]']
      ])
    ).toEqual([['X-A', '[redacted]']])
    expect(withoutRedactedAuthorization(undefined)).toBeUndefined()
  })

  it('checks the credentials given', () => {
    const parse = (credentials: unknown) =>
      ReplayRequestSchema.safeParse({ sourceId: 'ex_1', credentials }).success
    expect(parse(CREDS)).toBe(true)
    expect(parse({ email: 'ann@site.org', password: '' })).toBe(true)
    expect(parse({ email: '', password: 'p' })).toBe(false)
    expect(parse({ email: '  ', password: 'p' })).toBe(false)
    expect(parse({ email: 'a:b', password: 'p' })).toBe(false)
    expect(parse({ email: 'a', password: 'p', extra: 1 })).toBe(false)
  })
})
