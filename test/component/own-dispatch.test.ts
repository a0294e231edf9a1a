import { describe, expect, it } from 'vitest'
import { createAppStore, type AppStore } from '@renderer/store/app-store'
import type { Exchange, FireRequest } from '@shared/schemas'
import { ValidationError } from '@shared/validation'
import { b64, makeExchange, makeHook } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'

/** What the call resolves with, and what the engine's event says: they disagree on purpose. */
function versions(id: string): { answered: Exchange; announced: Exchange } {
  const answered = makeExchange({
    id,
    response: null,
    error: { kind: 'timeout', message: 'No complete response within 30000 ms.' }
  })
  const announced = makeExchange({
    id,
    captureId: 'cap_1',
    response: {
      status: 201,
      statusText: 'Created',
      headers: [],
      bodyBase64: b64('{}'),
      bodySize: 2,
      truncated: false
    }
  })
  return { answered, announced }
}

/** Every distinct version of exchange `id` the store's history held, in order. */
function watchWrites(store: AppStore, id: () => string | null): Exchange[] {
  const writes: Exchange[] = []
  let last: Exchange | undefined
  store.subscribe((now) => {
    const key = id()
    if (key === null) return
    const x = now.history.rows.get(now.history.rowOf.get(key) ?? '')?.exchange ?? undefined
    if (x !== undefined && x !== last) writes.push(x)
    last = x
  })
  return writes
}

async function booted(): Promise<{ bridge: FakeBridge; store: AppStore }> {
  const bridge = new FakeBridge()
  bridge.settings.hooks = [makeHook()]
  const store = createAppStore(bridge)
  await store.getState().boot()
  store.getState().connectEvents()
  store.getState().selectHook('hook_1')
  return { bridge, store }
}

describe("the window's own exchange has one writer: its exchange-done event", () => {
  it('the call answers first: nothing is written until the event, then the event alone', async () => {
    const { bridge, store } = await booted()
    let id: string | null = null
    const writes = watchWrites(store, () => id)
    bridge.fire = async (request: FireRequest) => {
      id = request.exchangeId ?? null
      return versions(id!).answered
    }
    await store.getState().fire()
    expect(store.getState().dispatch.phase).toBe('pending')
    expect(writes).toEqual([])

    const { announced } = versions(id!)
    bridge.emitBatch([{ type: 'exchange-done', data: announced }])
    expect(writes).toEqual([announced])
    expect(store.getState().dispatch).toMatchObject({
      phase: 'saved',
      exchangeId: id,
      exchange: announced
    })
    expect(store.getState().selectedRowId).toBe(store.getState().history.rowOf.get(id!))
  })

  it('the event arrives first: the answer that follows changes nothing', async () => {
    const { bridge, store } = await booted()
    let id: string | null = null
    const writes = watchWrites(store, () => id)
    bridge.fire = async (request: FireRequest) => {
      id = request.exchangeId ?? null
      const { answered, announced } = versions(id!)
      bridge.emitBatch([{ type: 'exchange-done', data: announced }])
      await new Promise((r) => setTimeout(r, 5))
      return answered
    }
    await store.getState().fire()
    const { announced } = versions(id!)
    expect(writes).toEqual([announced])
    expect(store.getState().dispatch).toMatchObject({ phase: 'saved', exchange: announced })
  })

  it('an event for another exchange leaves the dispatch pending', async () => {
    const { bridge, store } = await booted()
    bridge.fire = () => new Promise(() => undefined)
    void store.getState().fire()
    const foreign = versions('exc_someoneelse').announced
    bridge.emitBatch([{ type: 'exchange-done', data: foreign }])
    expect(store.getState().dispatch.phase).toBe('pending')
    expect(store.getState().dispatch.exchange).toBeNull()
    expect(store.getState().history.rowOf.has('exc_someoneelse')).toBe(true)
  })

  it('a later exchange-done (a capture linked late) updates the shown outcome too', async () => {
    const { bridge, store } = await booted()
    let id: string | null = null
    bridge.fire = async (request: FireRequest) => {
      id = request.exchangeId ?? null
      const first = { ...versions(id!).announced, captureId: null }
      bridge.emitBatch([{ type: 'exchange-done', data: first }])
      return first
    }
    await store.getState().fire()
    const linked = versions(id!).announced
    bridge.emitBatch([{ type: 'exchange-done', data: linked }])
    expect(store.getState().dispatch).toMatchObject({ phase: 'saved', exchange: linked })
  })

  it('the answer carries what no event can: a refusal before any exchange existed', async () => {
    const { bridge, store } = await booted()
    bridge.fire = () => Promise.reject(new ValidationError('event: Invalid option', 'event'))
    await store.getState().fire()
    expect(store.getState().dispatch.phase).toBe('idle')
    expect(store.getState().toasts.at(-1)).toMatchObject({
      level: 'error',
      message: 'Could not fire: event: Invalid option'
    })
  })

  it('an aborted exchange ends the dispatch with a notice, as its event says', async () => {
    const { bridge, store } = await booted()
    let id: string | null = null
    bridge.fire = (request: FireRequest) => {
      id = request.exchangeId ?? null
      return new Promise(() => undefined)
    }
    void store.getState().fire()
    const aborted = makeExchange({
      id: id!,
      response: null,
      error: { kind: 'aborted', message: 'Aborted.' }
    })
    bridge.emitBatch([{ type: 'exchange-done', data: aborted }])
    expect(store.getState().dispatch.phase).toBe('idle')
    expect(store.getState().toasts.at(-1)).toMatchObject({
      level: 'info',
      message: 'The dispatch was aborted.'
    })
  })
})
