import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session, WebContents } from 'electron'
import { installCsp, contentSecurityPolicy } from '@main/electron/csp'
import { createMainWindow, secureWebPreferences } from '@main/electron/main-window'
import { guardNavigation, isExternalWebUrl } from '@main/electron/navigation-guard'
import { denyAllPermissions } from '@main/electron/permissions'
import {
  appPaths,
  isAppUrl,
  rendererLocation,
  type RendererLocation
} from '@main/electron/renderer-location'
import { isOnVisibleDisplay, WindowStateStore } from '@main/electron/window-state'
import { defaultSession, dialog, FakeBrowserWindow, FakeWebContents, shell } from './fake-electron'

// electron-store (window state) is loaded by Node itself, beyond vi.mock's reach, and gets the
// real `electron` package, which outside Electron only exports its binary's path; this keeps that
// package from trying to download the binary. The code passes `cwd` explicitly, which is all
// electron-store then needs.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist'
})
vi.mock('electron', async () => (await import('./fake-electron')).electronModule)

const OUT = '/opt/hook-inspector/out'
const paths = appPaths(join(OUT, 'main'))
const production = rendererLocation({
  dev: false,
  devServerUrl: undefined,
  rendererFile: paths.renderer
})

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hook-inspector-window-'))
  FakeBrowserWindow.created = []
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  vi.clearAllMocks()
})

function open(location: RendererLocation = production, dev = false): FakeBrowserWindow {
  createMainWindow({
    preloadPath: paths.preload,
    location,
    dev,
    windowState: new WindowStateStore(dir)
  })
  const window = FakeBrowserWindow.created.at(-1)
  if (!window) throw new Error('no window created')
  return window
}

describe('the main window', () => {
  it('runs the page with exactly the secure preferences and the bundled CommonJS preload', () => {
    const window = open()
    expect(window.options.webPreferences).toEqual({
      preload: join(OUT, 'preload', 'index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      devTools: false
    })
    expect(paths.preload.endsWith(join('preload', 'index.cjs'))).toBe(true)
  })

  it('allows devtools only in development', () => {
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true)
    expect(secureWebPreferences('/p.cjs', false).devTools).toBe(false)
  })

  it('loads the built page in production and the dev server in development', async () => {
    const window = open()
    expect(window.loaded).toEqual({ kind: 'file', target: join(OUT, 'renderer', 'index.html') })
    const dev = rendererLocation({
      dev: true,
      devServerUrl: 'http://localhost:5173',
      rendererFile: paths.renderer
    })
    expect(open(dev, true).loaded).toEqual({ kind: 'url', target: 'http://localhost:5173/' })
  })

  it('never uses a dev server outside development or off loopback', () => {
    const packaged = rendererLocation({
      dev: false,
      devServerUrl: 'http://localhost:5173',
      rendererFile: paths.renderer
    })
    expect(packaged.kind).toBe('file')
    const remote = rendererLocation({
      dev: true,
      devServerUrl: 'http://evil.example:5173',
      rendererFile: paths.renderer
    })
    expect(remote.kind).toBe('file')
  })

  it('shows itself once painted, not before', () => {
    const window = open()
    expect(window.shown).toBe(false)
    window.emit('ready-to-show')
    expect(window.shown).toBe(true)
  })

  it('reports a page that cannot load', async () => {
    const loadFile = vi
      .spyOn(FakeBrowserWindow.prototype, 'loadFile')
      .mockRejectedValueOnce(new Error('ERR_FILE_NOT_FOUND'))
    open()
    await vi.waitFor(() => expect(dialog.showErrorBox).toHaveBeenCalledTimes(1))
    expect(String(vi.mocked(dialog.showErrorBox).mock.calls[0]![1])).toContain('ERR_FILE_NOT_FOUND')
    loadFile.mockRestore()
  })
})

describe('navigation and new windows', () => {
  function guarded(): FakeWebContents {
    const contents = new FakeWebContents()
    guardNavigation(contents as unknown as WebContents, (url) => isAppUrl(url, production))
    return contents
  }

  function navigate(contents: FakeWebContents, url: string): { preventDefault: () => void } {
    const event = { url, preventDefault: vi.fn() }
    contents.listener('will-navigate')(event as never, url as never)
    return event
  }

  it('blocks every navigation; web links go to the system browser', () => {
    const contents = guarded()
    const event = navigate(contents, 'https://trialkit.example/docs')
    expect(event.preventDefault).toHaveBeenCalled()
    expect(shell.openExternal).toHaveBeenCalledWith('https://trialkit.example/docs')
  })

  it('ignores other schemes and the app page itself', () => {
    const contents = guarded()
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'mailto:a@b.c',
      new URL(`file://${paths.renderer}`).href
    ]) {
      expect(navigate(contents, url).preventDefault).toHaveBeenCalled()
    }
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('denies window.open; web links go to the system browser, others nowhere', () => {
    const contents = guarded()
    const handler = contents.windowOpenHandler!
    expect(handler({ url: 'http://example.com/' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'custom-app://launch' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
    expect(shell.openExternal).toHaveBeenCalledWith('http://example.com/')
  })

  it('refuses <webview>', () => {
    const contents = guarded()
    const event = { preventDefault: vi.fn() }
    contents.listener('will-attach-webview')(event as never)
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('the window created is guarded', () => {
    const window = open()
    expect(window.webContents.windowOpenHandler!({ url: 'https://a.example/' })).toEqual({
      action: 'deny'
    })
    expect(window.webContents.listenerCount('will-navigate')).toBe(1)
  })

  it('treats only absolute http(s) URLs as external web links', () => {
    expect(isExternalWebUrl('https://a.example/x')).toBe(true)
    expect(isExternalWebUrl('http://a.example')).toBe(true)
    expect(isExternalWebUrl('/relative')).toBe(false)
    expect(isExternalWebUrl('ftp://a.example')).toBe(false)
  })
})

describe('permissions', () => {
  it('denies every permission request and check', () => {
    denyAllPermissions(defaultSession as unknown as Session)
    const request = vi.mocked(defaultSession.setPermissionRequestHandler).mock.calls[0]![0] as (
      ...args: unknown[]
    ) => void
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn()
      request({}, permission, callback, {})
      expect(callback).toHaveBeenCalledWith(false)
    }
    const check = vi.mocked(defaultSession.setPermissionCheckHandler).mock.calls[0]![0] as (
      ...args: unknown[]
    ) => boolean
    expect(check(null, 'media', 'file://', {})).toBe(false)
    expect(check(null, 'clipboard-sanitized-write', 'file://', {})).toBe(false)
  })

  it('lets presenter mode go full screen, and nothing else', () => {
    vi.mocked(defaultSession.setPermissionRequestHandler).mockClear()
    denyAllPermissions(defaultSession as unknown as Session)
    const request = vi.mocked(defaultSession.setPermissionRequestHandler).mock.calls[0]![0] as (
      ...args: unknown[]
    ) => void
    const callback = vi.fn()
    request({}, 'fullscreen', callback, {})
    expect(callback).toHaveBeenCalledWith(true)
  })
})

describe('content security policy', () => {
  function headersFor(location: RendererLocation, url: string): unknown {
    vi.mocked(defaultSession.webRequest.onHeadersReceived).mockClear()
    installCsp(defaultSession as unknown as Session, location)
    const listener = vi.mocked(defaultSession.webRequest.onHeadersReceived).mock
      .calls[0]![0] as unknown as (details: unknown, callback: (r: unknown) => void) => void
    let answer: unknown
    listener(
      { url, responseHeaders: { 'content-security-policy': ['default-src *'], 'X-A': ['1'] } },
      (r) => {
        answer = r
      }
    )
    return answer
  }

  it('sends a strict policy with the app page, replacing any other', () => {
    const dev = rendererLocation({
      dev: true,
      devServerUrl: 'http://localhost:5173',
      rendererFile: paths.renderer
    })
    const answer = headersFor(dev, 'http://localhost:5173/') as {
      responseHeaders: Record<string, string[]>
    }
    expect(answer.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy(dev)])
    expect(answer.responseHeaders['content-security-policy']).toBeUndefined()
    expect(answer.responseHeaders['X-A']).toEqual(['1'])
  })

  it('leaves other responses alone', () => {
    expect(headersFor(production, 'https://example.com/')).toEqual({})
  })

  it('allows scripts only from the app itself in production', () => {
    const policy = contentSecurityPolicy(production)
    expect(policy).toContain("script-src 'self';")
    expect(policy).not.toContain('unsafe-eval')
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("connect-src 'self';")
  })
})

describe('window size and position', () => {
  it('are restored when the saved place is on a display', () => {
    new WindowStateStore(dir).save({
      bounds: { x: 100, y: 80, width: 1100, height: 760 },
      maximized: true
    })
    const window = open()
    expect(window.options).toMatchObject({ x: 100, y: 80, width: 1100, height: 760 })
    expect(window.maximized).toBe(true)
  })

  it('are saved in an owner-only file', () => {
    new WindowStateStore(dir).save({
      bounds: { x: 100, y: 80, width: 1100, height: 760 },
      maximized: false
    })
    expect(statSync(join(dir, 'window-state.json')).mode & 0o077).toBe(0)
  })

  it('keep only the size when the saved place is off every display', () => {
    new WindowStateStore(dir).save({
      bounds: { x: 4000, y: 80, width: 1100, height: 760 },
      maximized: false
    })
    const window = open()
    expect(window.options).toMatchObject({ width: 1100, height: 760 })
    expect(window.options.x).toBeUndefined()
    expect(window.options.y).toBeUndefined()
  })

  it('fall back to the default size when the saved file is unreadable', () => {
    writeFileSync(join(dir, 'window-state.json'), '{"bounds": ')
    const window = open()
    expect(window.options).toMatchObject({ width: 1280, height: 820 })
    expect(window.options.x).toBeUndefined()
  })

  it('count as visible only when the title bar is reachable on some display', () => {
    const displays = [
      { x: 0, y: 0, width: 1920, height: 1080 },
      { x: 1920, y: 0, width: 1280, height: 1024 }
    ]
    const at = (x: number, y: number) => ({ x, y, width: 1000, height: 700 })
    expect(isOnVisibleDisplay(at(2500, 100), displays)).toBe(true)
    expect(isOnVisibleDisplay(at(-950, 100), displays)).toBe(false)
    expect(isOnVisibleDisplay(at(100, -500), displays)).toBe(false)
    expect(isOnVisibleDisplay(at(100, 1070), displays)).toBe(false)
    expect(isOnVisibleDisplay(at(3150, 100), displays)).toBe(false)
  })

  it('are saved when the window closes', () => {
    const window = open()
    window.normalBounds = { x: 33, y: 44, width: 1200, height: 800 }
    window.emit('close')
    expect(new WindowStateStore(dir).load()).toEqual({
      bounds: { x: 33, y: 44, width: 1200, height: 800 },
      maximized: false
    })
  })
})
