import { createServer, type Server } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureBuilt,
  hasStackTrace,
  runCli,
  startJsonListener,
  type JsonListener
} from '../helpers/cli'

/** A port that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('fire outcomes against misbehaving receivers', () => {
  const listeners: JsonListener[] = []

  beforeAll(() => ensureBuilt(), 120_000)
  afterAll(async () => {
    await Promise.all(listeners.map((l) => l.cli.stop()))
  })

  async function listen(args: string[]): Promise<JsonListener> {
    const l = await startJsonListener(args)
    listeners.push(l)
    return l
  }

  it('a 500 answer is exit 1 with ProtocolError (http-status)', async () => {
    const l = await listen(['--status', '500', '--body', '{"error":"boom"}'])
    const result = await runCli(['fire', 'insert', '--url', l.url])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/← 500 Internal Server Error in/)
    expect(result.stderr).toMatch(/^ProtocolError \(http-status\): .*500/m)
    const [capture] = await l.waitForCaptures(1)
    expect(capture?.response).toEqual({ status: 500, delayMs: 0, fault: 'none' })
  })

  it('a hanging receiver is a timeout after --timeout seconds', async () => {
    const l = await listen(['--fault', 'hang'])
    const started = Date.now()
    const result = await runCli(['fire', 'update', '--url', l.url, '--timeout', '1', '--json'])
    const elapsed = Date.now() - started
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^ProtocolError \(timeout\): /m)
    const report = JSON.parse(result.stdout)
    expect(report.ok).toBe(false)
    expect(report.error.kind).toBe('timeout')
    expect(report.response).toBeNull()
    expect(report.timeoutMs).toBe(1000)
    expect(report.timings.totalMs).toBeGreaterThanOrEqual(990)
    expect(report.timings.totalMs).toBeLessThan(1300)
    expect(elapsed).toBeGreaterThanOrEqual(1000)
  })

  it('drop and reset are connection-reset', async () => {
    for (const fault of ['drop', 'reset']) {
      const l = await listen(['--fault', fault])
      const result = await runCli(['fire', 'insert', '--url', l.url, '--timeout', '5'])
      expect(result.code, `${fault}: ${result.stderr}`).toBe(1)
      expect(result.stderr).toMatch(/^ProtocolError \(connection-reset\): /m)
      const [capture] = await l.waitForCaptures(1)
      expect((capture?.response as { fault: string }).fault).toBe(fault)
    }
  })

  it('a closed port is connection-refused', async () => {
    const port = await closedPort()
    const result = await runCli(['fire', 'review', '--url', `http://127.0.0.1:${port}/`])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^ProtocolError \(connection-refused\): /m)
    expect(result.stdout).toContain(`→ POST http://127.0.0.1:${port}/ (review,`)
    expect(hasStackTrace(result.stderr)).toBe(false)
  })

  it('a delayed answer within the timeout is still a success', async () => {
    const l = await listen(['--delay', '150-200'])
    const result = await runCli(['fire', 'insert', '--url', l.url, '--json'])
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.timings.totalMs).toBeGreaterThanOrEqual(145)
    const [capture] = await l.waitForCaptures(1)
    const delay = (capture?.response as { delayMs: number }).delayMs
    expect(delay).toBeGreaterThanOrEqual(150)
    expect(delay).toBeLessThanOrEqual(200)
  })

  it('writes a ~1 MiB --json report whole before exiting', async () => {
    const big = 'x'.repeat(1024 * 1024 - 2)
    const server: Server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'text/plain' })
        res.end(`"${big}"`)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const result = await runCli([
        'fire',
        'insert',
        '--url',
        `http://127.0.0.1:${port}/`,
        '--json'
      ])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout.endsWith('}\n')).toBe(true)
      const report = JSON.parse(result.stdout)
      expect(report.response.bodySize).toBe(1024 * 1024)
      expect(report.response.truncated).toBe(false)
      expect(report.response.body).toBe(`"${big}"`)
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
