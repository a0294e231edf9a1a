import { describe, expect, it } from 'vitest'
import { checkSuite, capacitySuite, runSuite } from '@main/cli/junit/junit-reports'
import { junitXml, xmlText } from '@main/cli/junit/junit-xml'
import type { CheckReport } from '@shared/check'
import type { CapacityRun } from '@shared/schemas'
import type { ScenarioRunResult } from '@shared/scenarios/run-scenario'
import { checkReport } from '../../helpers/builders'
import { junitSchemaErrors } from '../../helpers/junit-schema'

const items: CheckReport['items'] = [
  {
    id: 'insert',
    title: 'Insert answered 2xx in time',
    status: 'fail',
    summary: 'Answered HTTP 415: the TrialKit user sees a ProtocolError.',
    evidence: ['insert #1: HTTP 415 in 3 ms; body: {"error":"<expected> & \u0007 json"}'],
    exchangeIds: ['exc_1']
  },
  {
    id: 'latency',
    title: 'Answers fast enough',
    status: 'not-run',
    summary: 'Not run: every event got HTTP 415.',
    reason: 'every event got HTTP 415',
    evidence: [],
    exchangeIds: []
  },
  {
    id: 'credentials',
    title: 'Credentials checked',
    status: 'warn',
    summary: 'It accepts none.',
    evidence: [],
    exchangeIds: []
  },
  {
    id: 'tls',
    title: 'Valid TLS certificate',
    status: 'skip',
    summary: 'A plain http URL.',
    evidence: [],
    exchangeIds: []
  }
]
const report = checkReport(items, {
  startedAt: '2026-12-04T10:00:00.000Z',
  finishedAt: '2026-12-04T10:00:01.500Z',
  timeoutMs: 30_000,
  requestsSent: 3,
  verdict: 'fail',
  headline: 'Not ready: every real save gets the same refusal (see the root cause).',
  rootCause: { summary: 'Every event got HTTP 415.', evidence: ['sent Content-Type: x'] },
  summary: '1 passed, 0 warnings, 1 failed, 2 skipped; 3 requests sent'
})

describe('JUnit XML for CI', () => {
  it('escapes what an endpoint sent, and drops characters XML cannot hold', () => {
    expect(xmlText(`a<b>&"c'\u0007\ud800`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;')
  })

  it('writes the check as one testcase per item: failure, skipped, and output', async () => {
    const xml = junitXml(checkSuite(report))
    expect(await junitSchemaErrors(xml)).toEqual([])
    expect(xml).toContain(
      '<testsuite name="hook-inspector check http://127.0.0.1:9/hook" tests="4" failures="1" errors="0" skipped="2" time="1.500" timestamp="2026-12-04T10:00:00"'
    )
    expect(xml).toContain(
      '<testcase name="Insert answered 2xx in time (insert)" classname="hook-inspector.check" time="0.000">\n      <failure message="Answered HTTP 415: the TrialKit user sees a ProtocolError." type="failure">Answered HTTP 415: the TrialKit user sees a ProtocolError.\ninsert #1: HTTP 415 in 3 ms; body: {&quot;error&quot;:&quot;&lt;expected&gt; &amp;  json&quot;}</failure>'
    )
    expect(xml).toContain('<skipped message="Not run: every event got HTTP 415."/>')
    expect(xml).toContain('<system-out>Warning: It accepts none.</system-out>')
    expect(xml).toContain(
      '<system-out>Not ready: every real save gets the same refusal (see the root cause).\nRoot cause: Every event got HTTP 415.\nsent Content-Type: x</system-out>'
    )
  })

  it('writes capacity as one testcase per level and one for --min-capacity', async () => {
    const run: CapacityRun = {
      type: 'capacity',
      id: 'cpc_1',
      startedAt: '2026-12-04T10:00:00.000Z',
      finishedAt: '2026-12-04T10:00:05.000Z',
      url: 'http://127.0.0.1:9/hook',
      event: 'insert',
      timeoutMs: 2000,
      levels: [1, 4],
      steps: [
        {
          concurrency: 1,
          sent: 4,
          ok: 4,
          protocolErrors: 0,
          byKind: {},
          p50Ms: 5,
          p95Ms: 6,
          maxMs: 6
        },
        {
          concurrency: 4,
          sent: 16,
          ok: 4,
          protocolErrors: 12,
          byKind: { 'http-429': 12 },
          p50Ms: 5,
          p95Ms: 9,
          maxMs: 9
        }
      ],
      capacity: 1,
      summary: 'Up to 1 site user saving at once.',
      stopped: null,
      exchanges: [],
      requestsSent: 20
    }
    const xml = junitXml(capacitySuite(run, 4))
    expect(await junitSchemaErrors(xml)).toEqual([])
    expect(xml).toContain('tests="3" failures="2" errors="0" skipped="0"')
    expect(xml).toContain(
      '<failure message="At 4, 12 of 16 saves end in a ProtocolError (12 answered HTTP 429 Too Many Requests)." type="failure">'
    )
    expect(xml).toContain(
      '<testcase name="capacity at least 4" classname="hook-inspector.capacity"'
    )
  })

  it('writes a scenario run as one testcase per step', async () => {
    const result: ScenarioRunResult = {
      scenarioId: 'cli',
      name: 'lifecycle',
      target: { url: 'http://127.0.0.1:9/hook', builtIn: false },
      passed: false,
      steps: [
        {
          index: 0,
          title: 'Insert',
          expected: { outcome: 'success' },
          actual: { outcome: 'success' },
          passed: true,
          exchange: null,
          message: null
        },
        {
          index: 1,
          title: 'Review',
          expected: { outcome: 'success' },
          actual: null,
          passed: false,
          exchange: null,
          message: 'The step could not be fired.'
        }
      ]
    }
    const xml = junitXml(runSuite(result, '2026-12-04T10:00:00.000Z'))
    expect(await junitSchemaErrors(xml)).toEqual([])
    expect(xml).toContain('tests="2" failures="1"')
    expect(xml).toContain('<failure message="The step could not be fired." type="failure">')
  })

  it('the schema refuses what CI servers would not read', async () => {
    const broken = junitXml(checkSuite(report)).replace('classname="hook-inspector.check"', '')
    expect((await junitSchemaErrors(broken)).join('\n')).toMatch(/classname/)
  })
})
