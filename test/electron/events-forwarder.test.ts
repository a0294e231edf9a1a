import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import {
  ENGINE_EVENT_NAMES,
  IPC_EVENTS_CHANNEL,
  type EngineEventName,
  type EngineEvents,
  type Unsubscribe
} from '@shared/api'
import { forwardEngineEvents } from '@main/electron/events-forwarder'
import { FakeBrowserWindow } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).electronModule)

/** A minimal engine event source that counts its listeners. */
class Emitter {
  readonly listeners = new Map<string, Set<(data: unknown) => void>>()
  on<K extends EngineEventName>(event: K, listener: (data: EngineEvents[K]) => void): Unsubscribe {
    const set = this.listeners.get(event) ?? new Set()
    this.listeners.set(event, set)
    set.add(listener as (data: unknown) => void)
    return () => set.delete(listener as (data: unknown) => void)
  }
  emit(event: EngineEventName, data: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(data)
  }
  count(): number {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0)
  }
}

const status = {
  running: true,
  host: '127.0.0.1',
  port: 4700,
  url: 'u',
  error: null,
  exposed: false
}

let engine: Emitter
let window: FakeBrowserWindow | null

beforeEach(() => {
  vi.useFakeTimers()
  engine = new Emitter()
  window = new FakeBrowserWindow({})
})

afterEach(() => {
  vi.useRealTimers()
})

function forward(): ReturnType<typeof forwardEngineEvents> {
  return forwardEngineEvents(engine, () => window as unknown as BrowserWindow | null, 50)
}

describe('engine events to the window', () => {
  it('subscribes to every engine event and unsubscribes on stop', () => {
    const forwarder = forward()
    expect(engine.count()).toBe(ENGINE_EVENT_NAMES.length)
    forwarder.stop()
    expect(engine.count()).toBe(0)
  })

  it('sends a flood as one batch per interval, in order, on the events channel', () => {
    forward()
    for (let i = 0; i < 500; i++)
      engine.emit('notice', { id: `n${i}`, level: 'info', message: 'm' })
    engine.emit('receiver-status', status)
    expect(window!.webContents.sent).toHaveLength(0)
    vi.advanceTimersByTime(50)
    expect(window!.webContents.sent).toHaveLength(1)
    const { channel, args } = window!.webContents.sent[0]!
    expect(channel).toBe(IPC_EVENTS_CHANNEL)
    const batch = args[0] as { type: string; data: unknown }[]
    expect(batch).toHaveLength(501)
    expect(batch[0]).toEqual({ type: 'notice', data: { id: 'n0', level: 'info', message: 'm' } })
    expect(batch[500]).toEqual({ type: 'receiver-status', data: status })
    engine.emit('history-cleared', null)
    vi.advanceTimersByTime(50)
    expect(window!.webContents.sent).toHaveLength(2)
  })

  it('skips a destroyed window or a missing one without throwing', () => {
    forward()
    window!.destroyed = true
    engine.emit('history-cleared', null)
    expect(() => vi.advanceTimersByTime(50)).not.toThrow()
    expect(window!.webContents.sent).toHaveLength(0)

    window = new FakeBrowserWindow({})
    window.webContents.destroyed = true
    engine.emit('history-cleared', null)
    expect(() => vi.advanceTimersByTime(50)).not.toThrow()

    window = null
    engine.emit('history-cleared', null)
    expect(() => vi.advanceTimersByTime(50)).not.toThrow()
  })

  it('delivers to the window that is open at send time (reopened on macOS)', () => {
    forward()
    const first = window!
    engine.emit('history-cleared', null)
    window = new FakeBrowserWindow({})
    vi.advanceTimersByTime(50)
    expect(first.webContents.sent).toHaveLength(0)
    expect(window.webContents.sent).toHaveLength(1)
  })

  it('flush sends at once; stop drops what is queued', () => {
    const forwarder = forward()
    engine.emit('history-cleared', null)
    forwarder.flush()
    expect(window!.webContents.sent).toHaveLength(1)
    engine.emit('history-cleared', null)
    forwarder.stop()
    vi.advanceTimersByTime(100)
    expect(window!.webContents.sent).toHaveLength(1)
  })
})
