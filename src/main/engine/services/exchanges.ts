import { newId } from '@shared/ids'
import type { Capture, Exchange, Unfinished } from '@shared/schemas'
import { ValidationError } from '@shared/validation'
import { APP_VERSION } from '@shared/version'
import { buildWireRequest, userAgentFor } from '@shared/wire-request'
import type { EngineEmitter } from '../events/typed-emitter'
import { ExchangeLinks } from '../exchange-links'
import { targetsReceiver } from '../loopback'
import type { Dispatch, DispatchResult, RunningReceiver, SendSpec } from '../ports'
import { isHistoryWriteError, unsavedCapture } from '../journal/write-failure'
import { dispatchOptions, doneExchange, startedExchange, unsentRequest } from './exchange-record'
import type { HistoryService } from './history'

interface PendingExchange {
  controller: AbortController
  finished: Promise<unknown>
}

export interface ExchangesServiceOptions {
  dispatch: Dispatch
  history: HistoryService
  events: EngineEmitter
  /** Where the embedded receiver listens now, to link an exchange sent to it with its capture. */
  receiver: () => RunningReceiver | null
  /** Throws when the engine is closed. */
  assertOpen: () => void
}

/** How many aborts of exchanges not started yet are remembered. */
const EARLY_ABORTS_KEPT = 64

/**
 * Exchanges: every request sent the way TrialKit would (the one path the composer, the CLI's
 * fire, replay, the check, scenarios, forwarding and capacity runs all use), the ones still
 * pending (abortable), and the captures they produced on the embedded receiver, linked to them
 * by port.
 */
export class ExchangesService {
  private readonly pending = new Map<string, PendingExchange>()
  private readonly links = new ExchangeLinks()
  /**
   * Aborts asked for an id the caller chose but the engine has not started yet (its `fire` may
   * still be on its way); the oldest are forgotten past EARLY_ABORTS_KEPT.
   */
  private readonly earlyAborts = new Set<string>()

  constructor(private readonly options: ExchangesServiceOptions) {}

  /**
   * Sends one request and records it as an exchange: announced when it starts (abortable from
   * then on), journaled and emitted when it has its outcome. An `unrecorded` one (a capacity
   * run's) is built the same way and only returned: its run is what the history keeps.
   */
  async send(spec: SendSpec): Promise<Exchange> {
    const { events, history } = this.options
    this.options.assertOpen()
    const id = spec.exchangeId ?? newId('exc')
    if (this.pending.has(id) || history.get(id)) {
      throw new ValidationError(`The exchange id "${id}" is already in use.`, 'exchangeId')
    }
    const userAgent = userAgentFor(APP_VERSION)
    if (spec.unrecorded === true) {
      // Nobody is told its id, so only the caller's signal aborts it, and no capture links to it.
      const started = startedExchange(id, spec, unsentRequest(spec.hook.url, spec.body))
      const result = await this.options.dispatch(dispatchOptions(spec, userAgent, spec.signal))
      return doneExchange(started, result, null)
    }
    const built = buildWireRequest(spec.hook, spec.body, userAgent, spec.wire)
    const started = startedExchange(
      id,
      spec,
      built.ok ? built.request : unsentRequest(spec.hook.url, spec.body)
    )
    const receiver = this.options.receiver()
    const linkable = built.ok && receiver !== null && targetsReceiver(built.url, receiver)
    const controller = new AbortController()
    const stop = (): void => controller.abort()
    let localPort: number | null = null
    const run = async (): Promise<Exchange> => {
      let result: DispatchResult
      try {
        result = await this.options.dispatch({
          ...dispatchOptions(spec, userAgent, controller.signal),
          onConnect: linkable
            ? (info) => {
                localPort = info.localPort
                this.links.expect(info.localPort, id)
              }
            : undefined
        })
      } finally {
        this.pending.delete(id)
        spec.signal?.removeEventListener('abort', stop)
      }
      const port = localPort ?? (linkable ? result.localPort : null)
      const done = doneExchange(started, result, port === null ? null : this.links.settle(port, id))
      const json = await history.append(done)
      events.emit('exchange-done', done, json)
      return done
    }
    // Registered and announced before the request leaves, so it can be aborted from the start.
    const finished = Promise.resolve().then(run)
    this.pending.set(id, { controller, finished })
    if (this.earlyAborts.delete(id) || spec.signal?.aborted === true) controller.abort()
    else spec.signal?.addEventListener('abort', stop, { once: true })
    events.emit('exchange-started', started)
    return finished
  }

  /**
   * Aborts a pending exchange. An id not started yet and not in the history is kept, so an abort
   * that overtakes its own `fire` (two requests over HTTP) still reaches it when it starts.
   */
  abort(exchangeId: string): boolean {
    const pending = this.pending.get(exchangeId)
    if (!pending) {
      if (!this.options.history.get(exchangeId)) this.keepEarlyAbort(exchangeId)
      return false
    }
    if (pending.controller.signal.aborted) return false
    pending.controller.abort()
    return true
  }

  private keepEarlyAbort(exchangeId: string): void {
    this.earlyAborts.add(exchangeId)
    if (this.earlyAborts.size > EARLY_ABORTS_KEPT) {
      const oldest = this.earlyAborts.values().next().value
      if (oldest !== undefined) this.earlyAborts.delete(oldest)
    }
  }

  /** Every capture is journaled (written, not just queued) before the receiver answers. */
  async receiveCapture(capture: Capture): Promise<void> {
    const { events, history } = this.options
    const link = this.links.claim(capture.remotePort, capture.remoteAddress, capture.id)
    const linked: Capture = link ? { ...capture, exchangeId: link.exchangeId } : capture
    let json: string | undefined
    try {
      json = await history.record(linked)
    } catch (error) {
      // Answered 503 by the receiver: kept in memory as that, and not saved.
      if (isHistoryWriteError(error)) {
        const unsaved = unsavedCapture(linked)
        history.holdUnsaved(unsaved)
        events.emit('capture', unsaved)
      }
      throw error
    }
    events.emit('capture', linked, json)
    if (link?.exchangeDone) await this.linkLateCapture(link.exchangeId, capture.id)
  }

  /**
   * A capture recorded as answered whose answer never went out whole (the caller left during a
   * hang, a delay or a slow body): its record says so from now on, in the journal too.
   */
  async captureUnfinished(captureId: string, unfinished: Unfinished): Promise<void> {
    const { history, events } = this.options
    const entry = history.get(captureId)
    if (entry?.type !== 'capture') return
    const updated: Capture = { ...entry, unfinished }
    let json: string | undefined
    try {
      if (entry.notSaved) history.holdUnsaved(updated)
      else json = await history.replace(updated)
    } catch {
      // The answered record stays; the journal's own notice says why it could not be written.
      return
    }
    events.emit('capture-updated', updated, json)
  }

  /** Aborts what is still pending and waits for it to be recorded. */
  async close(): Promise<void> {
    for (const p of this.pending.values()) p.controller.abort()
    await Promise.allSettled([...this.pending.values()].map((p) => p.finished))
    this.links.clear()
  }

  /** The capture came in after its exchange had finished (e.g. it timed out first). */
  private async linkLateCapture(exchangeId: string, captureId: string): Promise<void> {
    const entry = this.options.history.get(exchangeId)
    if (entry?.type !== 'exchange') return
    const updated: Exchange = { ...entry, captureId }
    const json = await this.options.history.replace(updated)
    this.options.events.emit('exchange-done', updated, json)
  }
}
