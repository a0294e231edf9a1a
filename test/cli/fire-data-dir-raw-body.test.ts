import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEndpoint, type Endpoint } from '../helpers/endpoint'
import { ensureBuilt, hasStackTrace, runCli } from '../helpers/cli'

/** Each test runs the command several times; a loaded machine needs the headroom. */
const SLOW = 120_000

describe('fire --data-dir and --raw-body', () => {
  let dir: string
  let endpoint: Endpoint
  const bodies: string[] = []

  beforeAll(async () => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-cli-fire-'))
    endpoint = await startEndpoint((_req, body, res) => {
      bodies.push(body)
      let valid = true
      try {
        JSON.parse(body)
      } catch {
        valid = false
      }
      // Like an endpoint that refuses malformed JSON.
      res.writeHead(valid ? 200 : 400).end('{}')
    })
  }, 240_000)
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await endpoint.close()
  }, SLOW)

  it(
    '--data-dir records the exchange, so replay and export work on it',
    async () => {
      const dataDir = join(dir, 'data')
      const fired = await runCli(['fire', 'insert', '--url', endpoint.url, '--data-dir', dataDir])
      expect(fired.code).toBe(0)
      expect(fired.stdout).toMatch(/^→ POST .* \(insert, \d+ bytes\)\n← 200 OK in /)

      const exported = await runCli(['export', '--format', 'har', '--data-dir', dataDir])
      expect(exported.code).toBe(0)
      const har = JSON.parse(exported.stdout) as {
        log: { entries: { request: { url: string; postData?: { text: string } } }[] }
      }
      expect(har.log.entries).toHaveLength(1)
      expect(har.log.entries[0]?.request.url).toBe(endpoint.url)
      expect(har.log.entries[0]?.request.postData?.text).toBe(bodies[0])

      const history = await runCli(['export', '--format', 'bundle', '--data-dir', dataDir])
      const bundle = JSON.parse(history.stdout) as { history: { id: string; hookName: string }[] }
      const [entry] = bundle.history
      expect(entry?.hookName).toBe('hook-inspector fire')
      const replayed = await runCli(['replay', entry!.id, '--data-dir', dataDir, '--json'])
      expect(replayed.code).toBe(0)
      expect(bodies).toHaveLength(2)
      expect(bodies[1]).toBe(bodies[0])
    },
    SLOW
  )

  it(
    'without --data-dir nothing is written anywhere',
    async () => {
      const before = bodies.length
      const untouched = join(dir, 'untouched')
      const fired = await runCli(['fire', 'review', '--url', endpoint.url, '--json'], {
        env: { HOOK_INSPECTOR_DATA_DIR: untouched }
      })
      expect(fired.code).toBe(0)
      expect(bodies).toHaveLength(before + 1)
      expect(existsSync(untouched)).toBe(false)
    },
    SLOW
  )

  it(
    '--raw-body sends malformed JSON byte for byte',
    async () => {
      const raw = '{"trans_id": 436, "OnInsert": tru'
      const r = await runCli(['fire', 'insert', '--url', endpoint.url, '--raw-body', raw, '--json'])
      expect(r.code).toBe(1)
      expect(bodies.at(-1)).toBe(raw)
      const report = JSON.parse(r.stdout) as { request: { body: string }; error: { kind: string } }
      expect(report.request.body).toBe(raw)
      expect(report.error.kind).toBe('http-status')
      expect(r.stderr).toMatch(/^ProtocolError \(http-status\): /m)
    },
    SLOW
  )

  it(
    '--raw-body-file sends the file byte for byte, a byte order mark included',
    async () => {
      const file = join(dir, 'bad.json')
      const raw = '\ufeff{"a":1,}\r\n'
      writeFileSync(file, raw, 'utf8')
      const r = await runCli(['fire', 'update', '--url', endpoint.url, '--raw-body-file', file])
      expect(r.code).toBe(1)
      expect(bodies.at(-1)).toBe(raw)
      expect(r.stdout).toContain(`(update, ${Buffer.byteLength(raw)} bytes)`)
    },
    SLOW
  )

  it(
    'a raw body with --body, --body-file or another raw flag is exit 2 naming both flags',
    async () => {
      const file = join(dir, 'x.json')
      writeFileSync(file, '{}')
      const cases: [string[], RegExp][] = [
        [['--body', '{}', '--raw-body', 'x'], /--body and --raw-body cannot both be given/],
        [
          ['--body-file', file, '--raw-body', 'x'],
          /--body-file and --raw-body cannot both be given/
        ],
        [['--raw-body', 'x', '--raw-body-file', file], /--raw-body and --raw-body-file cannot/],
        [['--body', '{}', '--raw-body-file', file], /--body and --raw-body-file cannot/]
      ]
      const before = bodies.length
      for (const [flags, message] of cases) {
        const r = await runCli(['fire', 'insert', '--url', endpoint.url, ...flags])
        expect(r.code).toBe(2)
        expect(r.stderr).toMatch(message)
        expect(hasStackTrace(r.stderr)).toBe(false)
      }
      expect(bodies).toHaveLength(before)
    },
    SLOW
  )

  it(
    'an unreadable --raw-body-file or an empty --data-dir is exit 2 naming the flag',
    async () => {
      const missing = await runCli([
        'fire',
        'insert',
        '--url',
        endpoint.url,
        '--raw-body-file',
        join(dir, 'nope')
      ])
      expect(missing.code).toBe(2)
      expect(missing.stderr).toMatch(/--raw-body-file ".*nope" cannot be read \(no such file\)/)
      const empty = await runCli(['fire', 'insert', '--url', endpoint.url, '--data-dir', ' '])
      expect(empty.code).toBe(2)
      expect(empty.stderr).toMatch(/--data-dir must not be empty/)
    },
    SLOW
  )
})
