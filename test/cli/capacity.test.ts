import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CapacityRunSchema, CapacityStepSchema } from '@shared/schemas'
import { holdingServer, overloadServer, type KnownServer } from '../integration/capacity/servers'
import { ensureBuilt, hasStackTrace, runCli, startCli } from '../helpers/cli'
import { junitSchemaErrors } from '../helpers/junit-schema'

describe('hook-inspector capacity', () => {
  let overloaded: KnownServer
  let slow: KnownServer
  let dataDir: string

  beforeAll(async () => {
    ensureBuilt()
    overloaded = await overloadServer(4, 20)
    slow = await holdingServer(3000)
    dataDir = await mkdtemp(join(tmpdir(), 'hi-capacity-'))
  }, 240_000)
  afterAll(async () => {
    await overloaded.close()
    await slow.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('--json prints exactly {url, event, timeoutMs, steps, capacity, summary}; exit 0', async () => {
    const r = await runCli(
      ['capacity', '--url', overloaded.url, '--concurrency', '1,4,16', '--timeout', '5', '--json'],
      { timeoutMs: 30_000 }
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as Record<string, unknown>
    expect(Object.keys(report)).toEqual([
      'url',
      'event',
      'timeoutMs',
      'steps',
      'capacity',
      'summary'
    ])
    expect(report).toMatchObject({
      url: overloaded.url,
      event: 'insert',
      timeoutMs: 5000,
      capacity: 4
    })
    const steps = (report.steps as unknown[]).map((s) => CapacityStepSchema.strict().parse(s))
    expect(steps.map((s) => s.concurrency)).toEqual([1, 4, 16])
    expect(steps[2]!.byKind['http-500']).toBeGreaterThan(0)
    expect(report.summary).toMatch(/^Up to 4 site users saving at once/)
  }, 40_000)

  it('prints a table and the sentence, progress on stderr; records one entry with --data-dir', async () => {
    const r = await runCli(
      [
        'capacity',
        '--url',
        overloaded.url,
        '--concurrency',
        '2,1',
        '--requests',
        '3',
        '--event',
        'review',
        '--timeout',
        '5',
        '--data-dir',
        dataDir
      ],
      { timeoutMs: 30_000 }
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^concurrency +sent +ok +errors +p50 ms +p95 ms +max ms +by kind$/m)
    expect(r.stdout).toMatch(/^ +1 +3 +3 +0 /m)
    expect(r.stdout).toMatch(/^ +2 +3 +3 +0 /m)
    expect(r.stdout).toMatch(/^Capacity: 2\. Up to 2 site users saving at once/m)
    expect(r.stderr).toMatch(/^at 1: done, 3 of 3 ok/m)
    const lines = (await readFile(join(dataDir, 'history.jsonl'), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(1)
    const run = CapacityRunSchema.parse(JSON.parse(lines[0]!))
    expect(run).toMatchObject({ event: 'review', capacity: 2, requestsSent: 6 })
  }, 40_000)

  it('exits 1 when the capacity is below --min-capacity', async () => {
    const r = await runCli(
      [
        'capacity',
        '--url',
        overloaded.url,
        '--concurrency',
        '4,16',
        '--min-capacity',
        '16',
        '--timeout',
        '5',
        '--json',
        '--junit',
        join(dataDir, 'capacity.xml')
      ],
      { timeoutMs: 30_000 }
    )
    expect(r.code).toBe(1)
    const xml = await readFile(join(dataDir, 'capacity.xml'), 'utf8')
    expect(await junitSchemaErrors(xml)).toEqual([])
    expect(xml).toContain('tests="3" failures="2" errors="0" skipped="0"')
    expect(xml).toContain(
      '<testcase name="capacity at least 16" classname="hook-inspector.capacity"'
    )
    expect((JSON.parse(r.stdout) as { capacity: number }).capacity).toBe(4)
    // It says why: the capacity found and the level that failed.
    expect(r.stderr).toMatch(
      /^--min-capacity 16 not reached: the capacity found is 4\. At 16, (\d+) of 64 saves end in a ProtocolError \(\1 answered HTTP 500 Internal Server Error\)\.$/m
    )
  }, 40_000)

  it('Ctrl+C stops at once and prints what it has', async () => {
    const cli = startCli(['capacity', '--url', slow.url, '--concurrency', '1,2', '--timeout', '30'])
    // Once a request has arrived, the run is under way (and Ctrl+C is its Stop).
    const deadline = performance.now() + 20_000
    while (slow.bodies.length === 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(slow.bodies.length).toBeGreaterThan(0)
    const sent = performance.now()
    const exit = await cli.stop('SIGINT', 10_000)
    expect(performance.now() - sent).toBeLessThan(2500)
    expect(exit.code).toBe(0)
    expect(cli.stdout).toMatch(/Stopped before the last level/)
  }, 30_000)

  it('exits 2 on bad usage, naming the flag, and sends nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['capacity', '--url', overloaded.url, '--concurrency', '0'], /--concurrency must be/],
      [['capacity', '--url', overloaded.url, '--concurrency', '1,x'], /--concurrency must be/],
      [['capacity', '--url', overloaded.url, '--concurrency', '201'], /--concurrency must be/],
      [['capacity', '--url', overloaded.url, '--requests', '0'], /--requests must be/],
      [
        ['capacity', '--url', overloaded.url, '--concurrency', '100,200', '--requests', '5000'],
        /--requests: this run would send 10000 requests/
      ],
      [['capacity', '--url', overloaded.url, '--event', 'delete'], /--event must be one of/],
      [['capacity', '--url', overloaded.url, '--timeout', '0'], /--timeout/],
      [['capacity', '--url', overloaded.url, '--min-capacity', 'x'], /--min-capacity/],
      [['capacity', '--url', overloaded.url, '--pause-ms', '-1'], /--pause-ms/],
      [
        ['capacity', '--url', 'http://192.0.2.1/hook'],
        /--yes: 192\.0\.2\.1 is not on this machine/
      ],
      [['capacity', '--url', 'ftp://127.0.0.1/'], /--url: /],
      [['capacity'], /--url/]
    ]
    const before = overloaded.bodies.length
    for (const [args, message] of cases) {
      const r = await runCli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toMatch(message)
      expect(hasStackTrace(r.stderr)).toBe(false)
    }
    expect(overloaded.bodies.length).toBe(before)
  }, 60_000)
})
