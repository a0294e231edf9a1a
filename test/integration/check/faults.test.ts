import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { CheckItem, CheckReport } from '@shared/check'
import { useCheckHarness } from './check-harness'
import type { Endpoint, Handler } from '../../helpers/endpoint'

/**
 * Realistic endpoints, each with one planted fault an integrator hits before go-live: the check
 * must give the item its status and name the cause in its summary.
 */

interface Account {
  email: string
  password: string
}
const ACCOUNT: Account = { email: 'study@example.org', password: 's3cret' }

/** The credentials in a Basic header, the bytes decoded as `encoding`. */
function basic(req: IncomingMessage, encoding: BufferEncoding): string | null {
  const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '')
  return m ? Buffer.from(m[1]!, 'base64').toString(encoding) : null
}

interface Faults {
  account?: Account
  /** How the endpoint decodes the Basic credentials' bytes. */
  decodeAs?: BufferEncoding
  wrongPasswordStatus?: number
  onLockBroken?: number
  /** Only the documented fields are allowed (a strict schema that errors). */
  strictKeys?: number
  reviewDelayMs?: number
  onMalformed?: () => void
}

const DOCUMENTED = new Set([
  'trans_id',
  'form_id',
  'form_name',
  'OnInsert',
  'OnUpdate',
  'OnReview',
  'wf_id',
  'wf_object',
  'wf_status',
  'LockBroken'
])

/** A TrialKit receiver as an integrator writes one, with the faults asked for. */
function endpointWith(f: Faults): Handler {
  const account = f.account ?? ACCOUNT
  return (req, body, res) => {
    const given = basic(req, f.decodeAs ?? 'utf8')
    if (given !== `${account.email}:${account.password}`) {
      const wrongPassword = given !== null && given.startsWith(`${account.email}:`)
      const status = wrongPassword && f.wrongPasswordStatus ? f.wrongPasswordStatus : 401
      res.writeHead(status).end(status === 401 ? 'unauthorized' : 'Internal Server Error')
      return
    }
    let json: Record<string, unknown>
    try {
      json = JSON.parse(body) as Record<string, unknown>
    } catch {
      res.writeHead(400).end('malformed', () => f.onMalformed?.())
      return
    }
    if (json.OnInsert !== true && json.OnUpdate !== true && json.OnReview !== true) {
      res.writeHead(400).end('unknown event')
      return
    }
    if (f.strictKeys && Object.keys(json).some((k) => !DOCUMENTED.has(k))) {
      res.writeHead(f.strictKeys).end('unexpected key')
      return
    }
    if (f.onLockBroken && json.LockBroken === true) {
      res.writeHead(f.onLockBroken).end('KeyError: lock')
      return
    }
    const answer = (): void => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
    }
    if (json.OnReview === true && f.reviewDelayMs) setTimeout(answer, f.reviewDelayMs)
    else answer()
  }
}

const { serve, check } = useCheckHarness({ timeoutSeconds: 3, ...ACCOUNT })

function itemOf(report: CheckReport, id: string): CheckItem {
  const found = report.items.find((i) => i.id === id)
  expect(found, id).toBeDefined()
  return found!
}

describe('readiness check against endpoints with one fault each', () => {
  it('names a trailing-slash redirect once, and the rest is not run', async () => {
    const endpoint = await serve((req, _body, res) => {
      if (req.url === '/hook') res.writeHead(308, { Location: '/hook/' }).end()
      else res.writeHead(200).end('{}')
    })
    const report = await check(endpoint.url)
    expect(report.requestsSent).toBe(1)
    const insert = itemOf(report, 'insert')
    expect(insert.status).toBe('fail')
    expect(insert.summary).toMatch(/HTTP 308, a redirect: TrialKit does not follow redirects/)
    expect(insert.summary).toContain(`Use ${endpoint.url}/ as the hook URL`)
    for (const id of ['update', 'latency', 'credentials', 'bad-input', 'alive-after-bad-input']) {
      const i = itemOf(report, id)
      expect(i.status, id).toBe('not-run')
      expect(i.reason, id).toMatch(/redirects \(HTTP 308 to .*\/hook\/\).*does not follow/)
      expect(i.summary, id).not.toMatch(/5xx|hang|reset/)
    }
    expect(report.verdict).toBe('fail')
  })

  it('says a 500 to a wrong password is an error, not an acceptance', async () => {
    const endpoint = await serve(endpointWith({ wrongPasswordStatus: 500 }))
    const report = await check(endpoint.url)
    const creds = itemOf(report, 'credentials')
    expect(creds.status).toBe('warn')
    expect(creds.summary).toMatch(
      /wrong password → HTTP 500: the endpoint errors instead of refusing \(TrialKit users would see a ProtocolError instead of an auth failure\)/
    )
    expect(creds.summary).not.toMatch(/accepts/)
    expect(itemOf(report, 'insert').status).toBe('pass')
  })

  it('finds an email compared case-sensitively', async () => {
    const endpoint = await serve(endpointWith({}))
    const report = await check(endpoint.url, { email: 'Study@Example.org' })
    const creds = itemOf(report, 'credentials')
    expect(creds.status).toBe('fail')
    expect(creds.summary).toMatch(/in lower case \(study@example\.org\) was accepted/)
    expect(creds.summary).toMatch(/compares the email case-sensitively/)
    expect(itemOf(report, 'insert').summary).toMatch(/right credentials were refused/)
    // What would all be refused alike is not sent, and says why.
    const bad = itemOf(report, 'bad-input')
    expect(bad.status).toBe('not-run')
    expect(bad.reason).toMatch(/refused the right credentials first \(HTTP 401/)
    expect(report.requestsSent).toBe(4)
  })

  it('points at Latin-1 when a non-ASCII password is refused', async () => {
    const account = { email: 'study@example.org', password: 'pässwörd' }
    const endpoint = await serve(endpointWith({ account, decodeAs: 'latin1' }))
    const report = await check(endpoint.url, account)
    const creds = itemOf(report, 'credentials')
    expect(creds.status).toBe('fail')
    expect(creds.summary).toMatch(/non-ASCII characters: TrialKit encodes them as UTF-8/)
    expect(creds.summary).toMatch(/decode them as Latin-1/)
  })

  it('names the slow event and its p95 over --slow-ms', async () => {
    const endpoint = await serve(endpointWith({ reviewDelayMs: 300 }))
    const report = await check(endpoint.url, { slowMs: 200, timeoutSeconds: 5 })
    const latency = itemOf(report, 'latency')
    expect(latency.status).toBe('warn')
    expect(latency.summary).toMatch(/^review saves wait 0\.\d+ s at p95; (insert|update) /)
    expect(latency.summary).toMatch(/over 0\.2 s, a site user waits that long on every save/)
    expect(itemOf(report, 'review').status).toBe('pass')
  }, 30_000)

  it('fails a 500 to a review with LockBroken', async () => {
    const endpoint = await serve(endpointWith({ onLockBroken: 500 }))
    const report = await check(endpoint.url)
    const lock = itemOf(report, 'lock-broken')
    expect(lock.status).toBe('fail')
    expect(lock.summary).toMatch(/LockBroken: true got HTTP 500/)
    expect(itemOf(report, 'review').status).toBe('pass')
    expect(report.verdict).toBe('fail')
  })

  it('warns on a 500 to a field the docs do not list', async () => {
    const endpoint = await serve(endpointWith({ strictKeys: 500 }))
    const report = await check(endpoint.url)
    const extra = itemOf(report, 'extra-keys')
    expect(extra.status).toBe('warn')
    expect(extra.summary).toMatch(
      /extra field \("x_added_field"\) got HTTP 500: TrialKit may add fields/
    )
    expect(itemOf(report, 'insert').status).toBe('pass')
  })

  it('fails an endpoint that dies after malformed JSON, naming the probe', async () => {
    let current: Endpoint | null = null
    const endpoint = await serve(
      endpointWith({
        onMalformed: () => {
          void current?.close()
        }
      })
    )
    current = endpoint
    const report = await check(endpoint.url)
    const alive = itemOf(report, 'alive-after-bad-input')
    expect(alive.status).toBe('fail')
    expect(alive.summary).toMatch(/stopped answering after the malformed JSON probe/)
    expect(alive.summary).toMatch(/connection-refused/)
    // The malformed body itself was refused properly.
    expect(itemOf(report, 'bad-input').evidence[0]).toMatch(/malformed JSON: HTTP 400/)
    expect(report.verdict).toBe('fail')
  })
})
