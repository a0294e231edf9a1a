import { afterEach, describe, expect, it } from 'vitest'
import type { EngineEvent } from '@shared/api'
import { API_METHODS } from '@shared/api-table'
import { capacityHookName } from '@shared/capacity'
import { fireHook } from '@shared/hook-record'
import { ExchangeSchema, type Exchange } from '@shared/schemas'
import { createHeadlessEngine, openJournal, type Engine } from '@main/engine'
import { runCapacity } from '@main/engine/capacity/run-capacity'
import { onEveryEvent } from '@main/engine/events/event-feed'
import { EngineEmitter } from '@main/engine/events/typed-emitter'
import type { Dispatch, DispatchOptions, SendSpec } from '@main/engine/ports'
import { ExchangesService } from '@main/engine/services/exchanges'
import { HistoryService } from '@main/engine/services/history'
import { NoticeBoard } from '@main/engine/services/notices'

const URL = 'http://127.0.0.1:9/hook'

/** A 200 for every request, or (held) an answer only when the request is aborted. */
function fakeDispatch(seen: DispatchOptions[], held = false): Dispatch {
  return (options) => {
    seen.push(options)
    const request = {
      method: 'POST',
      url: URL,
      headers: [] as [string, string][],
      body: options.body,
      bodySize: options.body.length
    }
    const timings = { connectMs: 1, firstByteMs: 2, totalMs: 3 }
    if (!held) {
      const response = {
        status: 200,
        statusText: 'OK',
        headers: [] as [string, string][],
        bodyBase64: '',
        bodySize: 0,
        truncated: false
      }
      return Promise.resolve({ request, response, error: null, timings, localPort: null })
    }
    return new Promise((resolve) => {
      const aborted = (): void =>
        resolve({
          request,
          response: null,
          error: { kind: 'aborted', message: 'Aborted.' },
          timings,
          localPort: null
        })
      // As the real dispatcher does, a request aborted before it leaves ends at once.
      if (options.signal?.aborted) aborted()
      else options.signal?.addEventListener('abort', aborted)
    })
  }
}

async function exchangesWith(dispatch: Dispatch) {
  const events = new EngineEmitter()
  const seen: EngineEvent[] = []
  onEveryEvent(events, (event) => seen.push(event))
  const journal = await openJournal({ file: null, cap: 100 })
  const history = new HistoryService(journal, new NoticeBoard(() => undefined), events)
  const exchanges = new ExchangesService({
    dispatch,
    history,
    events,
    receiver: () => null,
    assertOpen: () => undefined
  })
  return { exchanges, history, events: seen }
}

const spec = (over: Partial<SendSpec> = {}): SendSpec => ({
  hook: fireHook({ name: 'h', url: URL, timeoutSeconds: 5 }),
  event: 'insert',
  body: '{"OnInsert":true}',
  origin: 'fire',
  ...over
})

/** An exchange without what differs between two sends of the same request. */
function shape(x: Exchange): Omit<Exchange, 'id' | 'startedAt' | 'origin'> {
  const { id: _id, startedAt: _at, origin: _origin, ...rest } = x
  return rest
}

let engine: Engine | null = null
afterEach(async () => {
  await engine?.close()
  engine = null
})

describe('every sender ends in ExchangesService.send', () => {
  it('an unrecorded send is built like a recorded one, but neither announced nor journaled', async () => {
    const dispatched: DispatchOptions[] = []
    const { exchanges, history, events } = await exchangesWith(fakeDispatch(dispatched))
    const recorded = await exchanges.send(spec())
    expect(events.map((e) => e.type)).toEqual(['exchange-started', 'exchange-done'])
    events.length = 0
    const quiet = await exchanges.send(
      spec({ origin: 'capacity', unrecorded: true, responseBodyCap: 4096 })
    )
    ExchangeSchema.parse(quiet)
    expect(shape(quiet)).toEqual(shape(recorded))
    expect(quiet.origin).toBe('capacity')
    expect(events).toEqual([])
    expect(history.get(quiet.id)).toBeUndefined()
    expect(history.get(recorded.id)).toEqual(recorded)
    expect(dispatched.map((d) => d.responseBodyCap)).toEqual([undefined, 4096])
  })

  it("the caller's signal aborts a send, before it leaves or while it runs", async () => {
    const dispatched: DispatchOptions[] = []
    const { exchanges } = await exchangesWith(fakeDispatch(dispatched, true))
    const stop = new AbortController()
    const running = exchanges.send(spec({ unrecorded: true, signal: stop.signal }))
    await new Promise((r) => setTimeout(r, 10))
    stop.abort()
    expect((await running).error?.kind).toBe('aborted')
    const late = await exchanges.send(spec({ unrecorded: true, signal: stop.signal }))
    expect(late.error?.kind).toBe('aborted')
    expect(dispatched.every((d) => d.signal?.aborted)).toBe(true)
  })

  it("capacity's requests are sent through the one send and kept as it returned them", async () => {
    const dispatched: DispatchOptions[] = []
    const { exchanges, history, events } = await exchangesWith(fakeDispatch(dispatched))
    const specs: SendSpec[] = []
    const returned: Exchange[] = []
    const run = await runCapacity(
      'cpc_test',
      {
        url: URL,
        email: 'study@example.org',
        password: 'pw',
        event: 'update',
        levels: [1, 2],
        requests: 4,
        timeoutSeconds: 7,
        pauseMs: 0,
        confirmed: false
      },
      {
        send: async (s) => {
          specs.push(s)
          const x = await exchanges.send(s)
          returned.push(x)
          return x
        },
        signal: new AbortController().signal
      }
    )
    expect(specs).toHaveLength(8)
    expect(dispatched).toHaveLength(8)
    for (const s of specs) {
      expect(s).toMatchObject({
        event: 'update',
        origin: 'capacity',
        unrecorded: true,
        responseBodyCap: 4096,
        hook: { url: URL, email: 'study@example.org', password: 'pw', timeoutSeconds: 7 }
      })
    }
    expect(specs.map((s) => s.hook.name)).toEqual([
      ...Array(4).fill(capacityHookName(1)),
      ...Array(4).fill(capacityHookName(2))
    ])
    // The kept sample is the send's own records, not copies made beside it.
    expect(run.exchanges.length).toBeGreaterThan(0)
    for (const kept of run.exchanges) expect(returned).toContain(kept)
    expect(events).toEqual([])
    expect(history.boundedPage(0, 10).entries).toEqual([])
  })

  it('the engine offers no send of its own: only the API methods send', async () => {
    engine = await createHeadlessEngine({ dataDir: null, startReceiver: false })
    expect('send' in engine).toBe(false)
    expect(API_METHODS).not.toContain('send')
    expect(API_METHODS).toContain('fire')
  })
})
