import { describe, expect, it } from 'vitest'
import type { HistoryPage } from '@shared/history-page'
import type { HistoryEntry } from '@shared/schemas'
import { appendOlderEntries, applyEntries, emptyHistory } from '@renderer/lib/history-index'
import { createAppStore } from '@renderer/store/app-store'
import { HISTORY_PAGE } from '@renderer/store/ui-slice'
import { makeCapture, makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'

/** A bridge whose pages after the first wait until `release()`. */
class GatedBridge extends FakeBridge {
  private open!: () => void
  private readonly gate = new Promise<void>((resolve) => {
    this.open = resolve
  })

  release(): void {
    this.open()
  }

  override async listHistory(query: { limit?: number; offset?: number }): Promise<HistoryEntry[]> {
    if ((query.offset ?? 0) > 0) await this.gate
    return super.listHistory(query)
  }
}

function captures(total: number): HistoryEntry[] {
  return Array.from({ length: total }, (_, i) =>
    makeCapture({ id: `cap_${total - i}`, exchangeId: null })
  )
}

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(test()).toBe(true)
}

describe('loading the history on start', () => {
  it('fetches it in pages, newest first, and keeps every entry once', async () => {
    const bridge = new FakeBridge()
    const total = HISTORY_PAGE * 2 + 17
    bridge.history = captures(total)
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
    expect(store.getState().historyLoading).toBe(false)
  })

  it('shows the newest page first and adds the older pages below it as they come', async () => {
    const bridge = new GatedBridge()
    const total = HISTORY_PAGE + 30
    bridge.history = captures(total)
    const store = createAppStore(bridge)
    const booting = store.getState().boot()
    await until(() => store.getState().booted)
    expect(store.getState().history.order).toHaveLength(HISTORY_PAGE)
    expect(store.getState().historyLoading).toBe(true)

    bridge.release()
    await booting
    const { order } = store.getState().history
    expect(order).toHaveLength(total)
    expect(order).toEqual(bridge.history.map((e) => e.id))
    expect(store.getState().historyLoading).toBe(false)
  })

  it('drops older pages that arrive after the history was cleared', async () => {
    const bridge = new GatedBridge()
    bridge.history = captures(HISTORY_PAGE + 30)
    const store = createAppStore(bridge)
    const booting = store.getState().boot()
    await until(() => store.getState().booted)
    store.getState().applyEvents([{ type: 'history-cleared', data: null }])

    bridge.release()
    await booting
    expect(store.getState().history.order).toEqual([])
    expect(store.getState().historyLoading).toBe(false)
  })

  it('keeps what a live event said over an older copy in a page loaded later', async () => {
    const bridge = new GatedBridge()
    const pending = makeExchange({ id: 'ex_old', state: 'pending', response: null })
    bridge.history = [...captures(HISTORY_PAGE), pending]
    const store = createAppStore(bridge)
    const booting = store.getState().boot()
    await until(() => store.getState().booted)
    const done = makeExchange({ id: 'ex_old', state: 'done' })
    store.getState().applyEvents([{ type: 'exchange-done', data: done }])

    bridge.release()
    await booting
    const history = store.getState().history
    expect(history.rows.get(history.rowOf.get('ex_old')!)?.exchange?.state).toBe('done')
    expect(history.order.filter((id) => id === 'ex_old')).toHaveLength(1)
  })
})

/** A bridge that pages by size as the engine does: pages shorter than asked, `more` says so. */
class SizePagedBridge extends FakeBridge {
  override async historyPage(query: { limit?: number; offset?: number }): Promise<HistoryPage> {
    const offset = query.offset ?? 0
    const entries = await this.listHistory({ limit: 3, offset })
    return { entries, more: offset + entries.length < this.history.length }
  }
}

describe('loading a history of large entries', () => {
  it('pages on while the engine says more, though each page is shorter than asked', async () => {
    const bridge = new SizePagedBridge()
    bridge.history = captures(8)
    const store = createAppStore(bridge)
    await store.getState().boot()
    expect(bridge.callsOf('listHistory')).toEqual([
      [{ limit: 3, offset: 0 }],
      [{ limit: 3, offset: 3 }],
      [{ limit: 3, offset: 6 }]
    ])
    expect(store.getState().history.order).toEqual(bridge.history.map((e) => e.id))
    expect(store.getState().historyLoading).toBe(false)
  })
})

describe('appendOlderEntries', () => {
  it('puts older rows below the loaded ones and links a capture to its exchange across pages', () => {
    const newer = captures(3).map((e) => ({ ...e, id: `new_${e.id}` }))
    let index = applyEntries(emptyHistory(), [...newer].reverse())
    const exchange = makeExchange({ id: 'ex_1', captureId: 'cap_x' })
    const capture = makeCapture({ id: 'cap_x', exchangeId: 'ex_1' })
    // Newest first, as pages come: the capture (newer) before its exchange.
    index = appendOlderEntries(index, [capture, exchange])
    expect(index.order).toEqual(['new_cap_3', 'new_cap_2', 'new_cap_1', 'ex_1'])
    const row = index.rows.get('ex_1')!
    expect(row.exchange?.id).toBe('ex_1')
    expect(row.capture?.id).toBe('cap_x')
  })
})
