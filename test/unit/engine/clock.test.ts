import { describe, expect, it } from 'vitest'
import { isoTime } from '@main/engine/receiver/clock'

describe('isoTime', () => {
  it('writes each millisecond exactly as Date#toISOString does, reused or not', () => {
    const times = [0, 0, 1, 1_700_000_000_123, 1_700_000_000_123, 1_700_000_000_124, 1, 999]
    for (const ms of times) expect(isoTime(ms)).toBe(new Date(ms).toISOString())
  })
})
