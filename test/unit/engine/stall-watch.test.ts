import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { StallWatch } from '@main/engine/receiver/read-body'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('StallWatch', () => {
  it('stalls a read that sees no data for the idle time, no sooner and not much later', () => {
    const watch = new StallWatch(400)
    let stalledAt: number | null = null
    const start = Date.now()
    watch.watch(() => {
      stalledAt = Date.now() - start
    })
    vi.advanceTimersByTime(399)
    expect(stalledAt).toBeNull()
    vi.advanceTimersByTime(200)
    expect(stalledAt).not.toBeNull()
    expect(stalledAt!).toBeGreaterThanOrEqual(400)
    expect(stalledAt!).toBeLessThanOrEqual(500)
  })

  it('keeps a read alive while data keeps arriving, and measures the idle time from the last data', () => {
    const watch = new StallWatch(400)
    let stalled = 0
    const read = watch.watch(() => stalled++)
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(150)
      watch.touch(read)
    }
    expect(stalled).toBe(0)
    const lastData = Date.now()
    vi.advanceTimersByTime(399)
    expect(stalled).toBe(0)
    vi.advanceTimersByTime(101)
    expect(stalled).toBe(1)
    expect(Date.now() - lastData).toBeLessThanOrEqual(500)
    // Stalled once only.
    vi.advanceTimersByTime(2000)
    expect(stalled).toBe(1)
  })

  it('never stalls a finished read, and its timer stops once no read is left', () => {
    const watch = new StallWatch(400)
    let stalled = 0
    const read = watch.watch(() => stalled++)
    expect(vi.getTimerCount()).toBe(1)
    watch.unwatch(read)
    vi.advanceTimersByTime(1000)
    expect(stalled).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    // A new read starts the timer again.
    watch.watch(() => stalled++)
    vi.advanceTimersByTime(600)
    expect(stalled).toBe(1)
  })

  it('stop() ends the timer and forgets the reads', () => {
    const watch = new StallWatch(400)
    let stalled = 0
    watch.watch(() => stalled++)
    watch.stop()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(1000)
    expect(stalled).toBe(0)
  })
})
