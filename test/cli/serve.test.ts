import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, hasStackTrace, ROOT, runCli, startCli } from '../helpers/cli'

const TOKEN = 'serve-test-token-0123456789abcdef'

describe('serve', () => {
  let dir: string

  beforeAll(() => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'hi-serve-'))
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints the UI address with its token, serves the UI and the API, and exits 0 on SIGTERM', async () => {
    const dataDir = join(dir, 'data')
    const cli = startCli(['serve', '--port', '0', '--receiver-port', '0', '--data-dir', dataDir], {
      HOOK_INSPECTOR_TOKEN: TOKEN
    })
    try {
      const line = await cli.waitForLine((l) => l.startsWith('Hook Inspector: '), 15_000)
      expect(cli.stdoutLines).toHaveLength(1)
      const ui = new URL(line.slice('Hook Inspector: '.length))
      expect(ui.hostname).toBe('127.0.0.1')
      expect(Number(ui.port)).toBeGreaterThan(0)
      expect(ui.searchParams.get('token')).toBe(TOKEN)
      await cli.waitForStderr(`Data: ${dataDir}`)
      const receiverUrl = /Receiver: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(cli.stderr)?.[1]
      expect(receiverUrl).toBeDefined()

      const base = `http://127.0.0.1:${ui.port}`
      const page = await fetch(`${base}/`)
      if (existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
        expect(page.status).toBe(200)
        expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
        expect(await page.text()).toContain('<div id="root">')
      }

      const call = async (method: string, args: unknown[]): Promise<Response> =>
        fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ args })
        })
      const info = await call('getInfo', [])
      expect(info.status).toBe(200)
      const { result } = (await info.json()) as {
        result: { dataDir: string; receiver: { url: string } }
      }
      expect(result.dataDir).toBe(dataDir)
      expect(result.receiver.url).toBe(receiverUrl)

      const fired = await call('fire', [
        { event: 'insert', hook: { name: 'Local', url: receiverUrl } }
      ])
      expect(fired.status).toBe(200)
      const exchange = (
        (await fired.json()) as { result: { error: unknown; response: { status: number } } }
      ).result
      expect(exchange.error).toBeNull()
      expect(exchange.response.status).toBe(200)
    } finally {
      const exit = await cli.stop('SIGTERM')
      expect(exit).toEqual({ code: 0, signal: null })
    }
    expect(hasStackTrace(cli.stderr)).toBe(false)
    // The journal was flushed: both the exchange and its capture survive the exit.
    const journal = readFileSync(join(dataDir, 'history.jsonl'), 'utf8')
    expect(journal).toContain('"type":"exchange"')
    expect(journal).toContain('"type":"capture"')
  })

  it('a control port in use is exit 1 with one clear line', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    try {
      const result = await runCli(
        ['serve', '--port', String(port), '--receiver-port', '0', '--data-dir', join(dir, 'busy')],
        { env: { HOOK_INSPECTOR_TOKEN: TOKEN } }
      )
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr.trim()).toMatch(
        new RegExp(`^error: Port ${port} on 127\\.0\\.0\\.1 is already in use`)
      )
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()))
    }
  })

  it('a receiver port in use is exit 1 naming that port', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    try {
      const result = await runCli(
        ['serve', '--port', '0', '--receiver-port', String(port), '--data-dir', join(dir, 'busy2')],
        { env: { HOOK_INSPECTOR_TOKEN: TOKEN } }
      )
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(
        new RegExp(`^error: Port ${port} on 127\\.0\\.0\\.1 is already in use`, 'm')
      )
      expect(hasStackTrace(result.stderr)).toBe(false)
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()))
    }
  })
})
