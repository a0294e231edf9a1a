import { test as base, expect, type Page, type TestInfo } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The built CLI; HOOK_INSPECTOR_CLI runs the suite against another build of it. */
const CLI = process.env.HOOK_INSPECTOR_CLI ?? resolve(process.cwd(), 'out/main/cli.js')
const READY = /Hook Inspector: (http:\/\/\S+)/
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'"

export interface ServeHandle {
  /** The address printed by serve, token included. */
  url: string
  dataDir: string
  process: ChildProcess
}

/** Starts `serve` on free ports with a temp data dir and resolves on its readiness line. */
function startServe(dataDir: string): Promise<ServeHandle> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--receiver-port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  return new Promise((resolvePromise, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`serve printed no address within 20 s.\nstdout: ${out}\nstderr: ${err}`))
    }, 20_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = READY.exec(out)
      if (m) {
        clearTimeout(timer)
        resolvePromise({ url: m[1]!, dataDir, process: child })
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code} before it was ready.\nstderr: ${err}`))
    })
  })
}

function stopServe(handle: ServeHandle): Promise<void> {
  return new Promise((done) => {
    if (handle.process.exitCode !== null) return done()
    const kill = setTimeout(() => handle.process.kill('SIGKILL'), 5000)
    handle.process.once('exit', () => {
      clearTimeout(kill)
      done()
    })
    handle.process.kill('SIGTERM')
  })
}

/** Saves a full-page screenshot into the test's output and attaches it to the report. */
export async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

export const test = base.extend<{ server: ServeHandle; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hook-inspector-e2e-'))
    const handle = await startServe(dataDir)
    await use(handle)
    await stopServe(handle)
    rmSync(dataDir, { recursive: true, force: true })
  },

  /**
   * The app opened at serve's address, under the CSP the product promises (added to the
   * document here, so it holds whatever the server sends). Script errors and CSP violations
   * fail the test.
   */
  app: async ({ page, server }, use) => {
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) {
        problems.push(`CSP: ${m.text()}`)
      }
    })
    await page.route(
      (url) => url.pathname === '/' || url.pathname === '/index.html',
      async (route) => {
        const response = await route.fetch()
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': CSP }
        })
      }
    )
    await page.goto(server.url)
    await expect(page.getByTestId('app')).toBeVisible()
    await use(page)
    expect(problems).toEqual([])
  }
})

export { expect }
