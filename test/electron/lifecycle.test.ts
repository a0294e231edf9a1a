import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { App, BrowserWindow } from 'electron'
import { isDevelopment } from '@main/electron/dev-mode'
import { closeOnQuit } from '@main/electron/quit'
import { claimSingleInstance, focusWindow } from '@main/electron/single-instance'
import { defaultSettings } from '@shared/defaults'
import type { Settings } from '@shared/schemas'
import { followThemePreference } from '@main/electron/native-theme'
import { FakeBrowserWindow, nativeTheme } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule)

function fakeApp(lock = true) {
  const events = new EventEmitter()
  return {
    events,
    requestSingleInstanceLock: vi.fn(() => lock),
    quit: vi.fn(() => {
      const event = { defaultPrevented: false, preventDefault: vi.fn() }
      events.emit('before-quit', event)
      return event
    }),
    exit: vi.fn(),
    on: vi.fn((name: string, listener: (...args: unknown[]) => void) => {
      events.on(name, listener)
    })
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('single instance', () => {
  it('quits a second launch at once', () => {
    const app = fakeApp(false)
    expect(claimSingleInstance(app as unknown as App, () => null)).toBe(false)
    expect(app.quit).toHaveBeenCalled()
  })

  it('focuses the first window when a second launch happens', () => {
    const app = fakeApp(true)
    const window = new FakeBrowserWindow({})
    window.minimized = true
    expect(claimSingleInstance(app as unknown as App, () => window as never)).toBe(true)
    app.events.emit('second-instance')
    expect(window.minimized).toBe(false)
    expect(window.shown).toBe(true)
    expect(window.focused).toBe(true)
  })

  it('leaves a destroyed window alone', () => {
    const window = new FakeBrowserWindow({})
    window.destroyed = true
    expect(() => focusWindow(window as unknown as BrowserWindow)).not.toThrow()
    expect(window.focused).toBe(false)
  })
})

describe('quitting', () => {
  it('holds the quit once, closes the engine, then exits', async () => {
    const app = fakeApp()
    let finish!: () => void
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    closeOnQuit(app as unknown as App, close)
    const first = app.quit()
    expect(first.preventDefault).toHaveBeenCalled()
    expect(close).toHaveBeenCalledTimes(1)
    const second = app.quit()
    expect(second.preventDefault).toHaveBeenCalled()
    expect(close).toHaveBeenCalledTimes(1)
    expect(app.exit).not.toHaveBeenCalled()
    finish()
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0))
    const after = app.quit()
    expect(after.preventDefault).not.toHaveBeenCalled()
  })

  it('exits even when closing fails', async () => {
    const app = fakeApp()
    closeOnQuit(app as unknown as App, () => Promise.reject(new Error('disk gone')))
    app.quit()
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0))
  })

  it('does not wait forever for an engine that never closes', async () => {
    vi.useFakeTimers()
    const app = fakeApp()
    closeOnQuit(app as unknown as App, () => new Promise<void>(() => undefined), 1000)
    app.quit()
    await vi.advanceTimersByTimeAsync(999)
    expect(app.exit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(app.exit).toHaveBeenCalledWith(0)
  })
})

describe('development mode', () => {
  it('needs an unpackaged app and the dev server or --dev', () => {
    expect(isDevelopment({ isPackaged: false, rendererUrl: undefined, argv: [] })).toBe(false)
    expect(
      isDevelopment({ isPackaged: false, rendererUrl: 'http://localhost:5173', argv: [] })
    ).toBe(true)
    expect(isDevelopment({ isPackaged: false, rendererUrl: undefined, argv: ['--dev'] })).toBe(true)
    expect(
      isDevelopment({ isPackaged: true, rendererUrl: 'http://localhost:5173', argv: ['--dev'] })
    ).toBe(false)
  })
})

describe('the native theme', () => {
  it('follows the theme preference, at start and whenever the settings change', async () => {
    const settings = defaultSettings()
    settings.preferences.theme = 'dark'
    let onChange: ((s: Settings) => void) | null = null
    const engine = {
      getSettings: vi.fn(async () => settings),
      on: vi.fn((_event: string, listener: (s: Settings) => void) => {
        onChange = listener
        return () => undefined
      })
    }
    await followThemePreference(engine as never)
    expect(engine.on).toHaveBeenCalledWith('settings-changed', expect.any(Function))
    expect(nativeTheme.themeSource).toBe('dark')
    onChange!({ ...settings, preferences: { ...settings.preferences, theme: 'light' } })
    expect(nativeTheme.themeSource).toBe('light')
  })
})
