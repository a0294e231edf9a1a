import { describe, expect, it } from 'vitest'
import { newId } from '@shared/ids'

describe('newId', () => {
  it('gives unique ids, in the order they were made, in a fixed shape', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('cap'))
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    for (const id of ids.slice(0, 100))
      expect(id).toMatch(/^cap_[0-9a-z]{8,}[0-9a-z]{2}[0-9a-z]{4}$/)
  })

  it('keeps the time stamp of the millisecond it was made in', () => {
    const before = Date.now()
    const id = newId('exc')
    const after = Date.now()
    const stamp = parseInt(id.slice('exc_'.length, -6), 36)
    expect(stamp).toBeGreaterThanOrEqual(before)
    expect(stamp).toBeLessThanOrEqual(after)
  })
})
