import { describe, expect, it } from 'vitest'
import { createAppStore } from '../../src/renderer/src/store/app-store'
import { HISTORY_PAGE } from '../../src/renderer/src/store/ui-slice'
import { makeCapture } from './builders'
import { FakeBridge } from './fake-bridge'

describe('loading the history on start', () => {
  it('fetches it in pages, newest first, and keeps every entry once', async () => {
    const bridge = new FakeBridge()
    const total = HISTORY_PAGE * 2 + 17
    bridge.history = Array.from({ length: total }, (_, i) =>
      makeCapture({ id: `cap_${total - i}`, exchangeId: null })
    )
    const store = createAppStore(bridge)
    await store.getState().boot()
    expect(bridge.callsOf('listHistory')).toEqual([
      [{ limit: HISTORY_PAGE, offset: 0 }],
      [{ limit: HISTORY_PAGE, offset: HISTORY_PAGE }],
      [{ limit: HISTORY_PAGE, offset: HISTORY_PAGE * 2 }]
    ])
    const { order } = store.getState().history
    expect(order).toHaveLength(total)
    expect(order[0]).toBe(`cap_${total}`)
    expect(order.at(-1)).toBe('cap_1')
  })
})
