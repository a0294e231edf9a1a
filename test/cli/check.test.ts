import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CheckReportSchema, RATE_LIMIT_RETRIES } from '@shared/check'
import { MAX_CHECK_REQUESTS } from '@main/engine/check/run-check'
import { CREDENTIALS, good, startEndpoint, type Endpoint } from '../helpers/endpoint'
import { ensureBuilt, hasStackTrace, runCli } from '../helpers/cli'
import { junitSchemaErrors } from '../helpers/junit-schema'
import { closedPort } from '../helpers/peers'

describe('hook-inspector check', () => {
  let healthy: Endpoint
  let crashing: Endpoint

  beforeAll(async () => {
    ensureBuilt()
    healthy = await startEndpoint(good)
    crashing = await startEndpoint((_req, _body, res) => res.writeHead(500).end('down'))
  }, 120_000)
  afterAll(async () => {
    await healthy.close()
    await crashing.close()
  })

  it('exits 0 with a readable checklist for a ready endpoint', async () => {
    const r = await runCli([
      'check',
      '--url',
      healthy.url,
      '--email',
      CREDENTIALS.email,
      '--password',
      CREDENTIALS.password,
      '--timeout',
      '2'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/✓ pass {2}Insert answered 2xx in time/)
    expect(r.stdout).toMatch(/✓ pass {2}Credentials checked/)
    expect(r.stdout).toMatch(/✓ pass {2}Still answers after bad input/)
    expect(r.stdout).toMatch(
      new RegExp(
        `^PASS: 11 passed, 0 warnings, 0 failed, 1 skipped; ${MAX_CHECK_REQUESTS - 2 - RATE_LIMIT_RETRIES} requests sent\\.$`,
        'm'
      )
    )
  })

  it('exits 1 and prints one JSON object when a check fails', async () => {
    const r = await runCli(['check', '--url', crashing.url, '--timeout', '2', '--json'])
    expect(r.code).toBe(1)
    const report = CheckReportSchema.parse(JSON.parse(r.stdout))
    expect(report.verdict).toBe('fail')
    expect(report.items.find((i) => i.id === 'insert')?.status).toBe('fail')
    expect(report.requestsSent).toBeLessThanOrEqual(MAX_CHECK_REQUESTS)
  })

  it('counts items that could not run apart, and says "1 request"', async () => {
    const port = await closedPort()
    const r = await runCli(['check', '--url', `http://127.0.0.1:${port}/hook`, '--timeout', '2'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/– not run {2}Update answered 2xx in time: Not run: /)
    expect(r.stdout).toMatch(
      /^FAIL: 0 passed, 0 warnings, 1 failed, 2 skipped, 9 not run; 1 request sent\.$/m
    )
    // The verdict comes first, before the checklist.
    expect(r.stdout.split('\n')[2]).toBe('Not ready: TrialKit users would see ProtocolErrors.')
    const json = await runCli(['check', '--url', `http://127.0.0.1:${port}/hook`, '--json'])
    const report = CheckReportSchema.parse(JSON.parse(json.stdout))
    const update = report.items.find((i) => i.id === 'update')!
    expect(update.status).toBe('not-run')
    expect(update.reason).toMatch(/Connection refused/)
  })

  it('warns over --slow-ms', async () => {
    const slow = await startEndpoint((req, body, res) =>
      setTimeout(() => good(req, body, res), 120)
    )
    try {
      const r = await runCli([
        'check',
        '--url',
        slow.url,
        '--email',
        CREDENTIALS.email,
        '--password',
        CREDENTIALS.password,
        '--slow-ms',
        '50',
        '--json'
      ])
      const report = CheckReportSchema.parse(JSON.parse(r.stdout))
      const latency = report.items.find((i) => i.id === 'latency')!
      expect(latency.status).toBe('warn')
      expect(latency.summary).toMatch(/over 0\.05 s, a site user waits/)
      expect(r.code).toBe(0)
    } finally {
      await slow.close()
    }
  }, 60_000)

  it('exits 2 on bad usage, naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [['check', '--url', 'ftp://127.0.0.1/'], /--url: /],
      [['check', '--url', healthy.url, '--timeout', '0'], /--timeout/],
      [['check', '--url', healthy.url, '--password', 'x'], /--password needs --email/],
      [['check', '--url', healthy.url, '--slow-ms', '0'], /--slow-ms/],
      [['check'], /--url/]
    ]
    for (const [args, message] of cases) {
      const r = await runCli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(hasStackTrace(r.stderr)).toBe(false)
    }
  })

  it('--junit writes the checklist as JUnit XML, owner-only, even over a file that was there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hi-cli-junit-'))
    try {
      const junit = join(dir, 'check.xml')
      writeFileSync(junit, 'old', { mode: 0o644 })
      const r = await runCli(['check', '--url', crashing.url, '--timeout', '2', '--junit', junit])
      expect(r.code).toBe(1)
      expect(statSync(junit).mode & 0o777).toBe(0o600)
      const xml = readFileSync(junit, 'utf8')
      expect(await junitSchemaErrors(xml)).toEqual([])
      expect(xml).toMatch(/<testsuite name="hook-inspector check [^"]+" tests="12" failures="\d+"/)
      expect(xml).toMatch(
        /<testcase name="Insert answered 2xx in time \(insert\)" classname="hook-inspector\.check" time="0\.000">\n {6}<failure message="/
      )
      const empty = await runCli(['check', '--url', crashing.url, '--junit', ' '])
      expect(empty.code).toBe(2)
      expect(empty.stderr).toMatch(/--junit must not be empty/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('says in --help how many requests it sends at most', async () => {
    const r = await runCli(['check', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`at most\\s+${MAX_CHECK_REQUESTS}\\s+requests`))
    // The reference gives the same budget, and its table a row for every item the check reports.
    const cliDoc = readFileSync(join(__dirname, '../../docs/CLI.md'), 'utf8')
    expect(cliDoc.match(/at most (\d+) requests/g)).toEqual([
      `at most ${MAX_CHECK_REQUESTS} requests`
    ])
    // The guide to the app says it too.
    const guide = readFileSync(join(__dirname, '../../docs/GUIDE.md'), 'utf8')
    expect(guide.match(/at most (\d+) requests/g)).toEqual([
      `at most ${MAX_CHECK_REQUESTS} requests`
    ])
    const rows = [
      'insert / update / review',
      'latency (per event)',
      'several saves at once',
      'credentials (with email)',
      'same event twice',
      'review with LockBroken',
      'extra field',
      'bad input',
      'still answers after it',
      'TLS (https)'
    ]
    // One table of the items, in the reference: no second copy to go stale elsewhere.
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8')
    const tables = (text: string): number => text.match(/^ *\| item +\| pass +\|/gm)?.length ?? 0
    expect([tables(cliDoc), tables(guide), tables(readme)]).toEqual([1, 0, 0])
    for (const row of rows)
      expect(cliDoc).toMatch(new RegExp(`^\\| ${row.replace(/[()/]/g, '\\$&')} +\\|`, 'm'))
    for (const words of ['several saves at once', 'rate limiting', 'root cause', 'TLS']) {
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(words)
    }
  })
})
