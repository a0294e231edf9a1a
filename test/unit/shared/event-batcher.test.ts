import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EngineEvent } from '@shared/api'
import { EventBatcher } from '@shared/event-batcher'

const ev = (n: number): EngineEvent => ({
  type: 'notice',
  data: { id: String(n), level: 'info', message: '' }
})

describe('EventBatcher', () => {
  afterEach(() => vi.useRealTimers())

  it('delivers a flood as one batch per interval, in order', () => {
    vi.useFakeTimers()
    const batches: EngineEvent[][] = []
    const b = new EventBatcher((batch) => batches.push(batch), 50)
    for (let i = 0; i < 1000; i++) b.push(ev(i))
    expect(batches).toHaveLength(0)
    vi.advanceTimersByTime(50)
    expect(batches).toHaveLength(1)
    expect(batches[0]).toHaveLength(1000)
    expect(batches[0]![999]).toEqual(ev(999))
    b.push(ev(1000))
    vi.advanceTimersByTime(49)
    expect(batches).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(batches).toHaveLength(2)
  })

  it('drains on demand and drops everything on dispose', () => {
    vi.useFakeTimers()
    const batches: EngineEvent[][] = []
    const b = new EventBatcher((batch) => batches.push(batch))
    b.push(ev(1))
    b.drain()
    expect(batches).toEqual([[ev(1)]])
    b.push(ev(2))
    b.dispose()
    vi.advanceTimersByTime(1000)
    expect(batches).toHaveLength(1)
  })
})
