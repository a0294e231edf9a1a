import type { HookInspectorBridge } from '@shared/api'
import { CREDENTIALS_FIELD } from '@shared/replay-credentials'
import {
  HOOK_TIMEOUT_DEFAULT_S,
  type Exchange,
  type FireRequest,
  type HookConfig
} from '@shared/schemas'
import { newId } from '@shared/ids'
import { errorField } from './error-text'
import { needsPassword } from './gate-slice'
import { IDLE_DISPATCH } from './own-dispatch'
import { replayQuestion } from './replay-question'
import type { DispatchSlice, DispatchState } from './dispatch-types'
import type { AllState, Slice } from './types'
import { errorMessage } from '@shared/error-message'

export { IDLE_DISPATCH }

/** The hook the composer fires at. */
export function activeHook(s: Pick<AllState, 'hooks' | 'activeHookId'>) {
  return s.hooks.find((h) => h.id === s.activeHookId) ?? null
}

/** Whether a re-send was refused because the source's Authorization was redacted on export. */
function needsCredentials(error: unknown): boolean {
  // Both transports keep the refusal's field.
  return errorField(error) === CREDENTIALS_FIELD
}

/**
 * Firing as TrialKit does: the UI blocks while the hook is called, then shows either the saved
 * state or the ProtocolError, and the timeline row of the exchange is selected. The outcome comes
 * from the exchange's `exchange-done` event (see own-dispatch.ts), as for exchanges started
 * elsewhere; the call itself only reports a refusal.
 */
export function createDispatchSlice(bridge: HookInspectorBridge): Slice<DispatchSlice> {
  return (set, get) => {
    /** One dispatch as TrialKit makes it: refused for a missing or disabled hook, else blocking. */
    async function run(hook: HookConfig | null, request: FireRequest): Promise<void> {
      const s = get()
      if (s.dispatch.phase === 'pending') return
      if (!hook) {
        s.toast('error', 'Add a study hook first: it says where the event is sent.')
        return
      }
      if (!hook.enabled) {
        s.toast(
          'error',
          `“${hook.name}” is disabled, so TrialKit would save without calling it. Enable it to fire.`
        )
        return
      }
      if (needsPassword(hook)) {
        s.askPassword(hook, (withPassword) => run(withPassword, request))
        return
      }
      await block(
        {
          hookId: hook.id,
          hookName: hook.name,
          event: request.event,
          timeoutMs: (hook.timeoutSeconds ?? HOOK_TIMEOUT_DEFAULT_S) * 1000
        },
        (exchangeId) => bridge.fire({ ...request, exchangeId }),
        'fire'
      )
    }

    /**
     * Blocks the UI as TrialKit does while `call` runs; its outcome arrives as the exchange's
     * `exchange-done` event. A refusal that `answered` handles (by asking a question) is not
     * shown as an error. The exchange's id is chosen here and given to the engine, so Abort and
     * the event know their own exchange from the first moment.
     */
    async function block(
      meta: Pick<DispatchState, 'hookId' | 'hookName' | 'event' | 'timeoutMs'>,
      call: (exchangeId: string) => Promise<Exchange>,
      verb: string,
      answered: (error: unknown) => boolean = () => false
    ): Promise<void> {
      if (get().dispatch.phase === 'pending') return
      const exchangeId = newId('exc')
      set({
        dispatch: { ...IDLE_DISPATCH, ...meta, phase: 'pending', startedAt: Date.now(), exchangeId }
      })
      try {
        // The exchange it resolves with reaches the store once, through its exchange-done event.
        await call(exchangeId)
      } catch (e) {
        // Refused before any exchange existed (or the transport failed): nothing else says so.
        const now = get().dispatch
        if (now.phase === 'pending' && now.exchangeId === exchangeId) {
          set({ dispatch: IDLE_DISPATCH })
        }
        if (answered(e)) return
        get().toast('error', `Could not ${verb}: ${errorMessage(e)}`)
      }
    }

    return {
      dispatch: IDLE_DISPATCH,

      async fire() {
        const s = get()
        const c = s.composer
        const hook = activeHook(s)
        await run(
          hook,
          hook && c.mode === 'raw'
            ? { hookId: hook.id, event: c.event, rawBody: c.rawBody }
            : { hookId: hook?.id ?? '', event: c.event, fields: c.overrides }
        )
      },

      async resend(exchange) {
        await get().replay({ sourceId: exchange.id }, exchange.hookId)
      },

      async replay(request, hookId = null) {
        const s = get()
        const hook = s.hooks.find((h) => h.id === (request.hookId ?? hookId)) ?? null
        const row = s.history.rows.get(s.history.rowOf.get(request.sourceId) ?? '')
        const source = row?.exchange?.id === request.sourceId ? row.exchange : row?.capture
        const question = replayQuestion(s, request, hook, source ?? null, (next) =>
          get().replay(next, hookId)
        )
        if (question) return question()
        const event = source?.event ?? 'insert'
        const timeoutMs =
          hook && (request.hookId !== undefined || request.url === undefined)
            ? hook.timeoutSeconds * 1000
            : source?.type === 'exchange'
              ? source.timeoutMs
              : HOOK_TIMEOUT_DEFAULT_S * 1000
        // Labelled by where it goes: the saved hook, else the URL (see plan-replay.ts).
        const viaHook = request.url === undefined ? hook : null
        await block(
          {
            hookId: viaHook?.id ?? null,
            hookName:
              viaHook?.name ??
              request.url ??
              (source?.type === 'exchange' ? source.request.url : 'the built-in receiver'),
            event,
            timeoutMs
          },
          (exchangeId) => bridge.replay({ ...request, exchangeId }),
          're-send',
          (e) => {
            // The engine knows best: it refused for want of credentials, so ask for them.
            if (request.credentials !== undefined || !needsCredentials(e)) return false
            get().askCredentials(request.sourceId, (credentials) =>
              get().replay({ ...request, credentials }, hookId)
            )
            return true
          }
        )
      },

      async abortDispatch() {
        const d = get().dispatch
        if (d.phase !== 'pending' || d.exchangeId === null || d.abortRequested) return
        set({ dispatch: { ...d, abortRequested: true } })
        try {
          await bridge.abortExchange(d.exchangeId)
        } catch (e) {
          const now = get().dispatch
          if (now.exchangeId === d.exchangeId) set({ dispatch: { ...now, abortRequested: false } })
          get().toast('error', `Could not abort: ${errorMessage(e)}`)
        }
      },

      closeDispatch() {
        if (get().dispatch.phase !== 'pending') set({ dispatch: IDLE_DISPATCH })
      },

      showExchange(exchange) {
        if (get().dispatch.phase === 'pending' || exchange.state === 'pending') return
        set({
          dispatch: {
            ...IDLE_DISPATCH,
            phase: exchange.error ? 'failed' : 'saved',
            hookId: exchange.hookId,
            hookName: exchange.hookName,
            event: exchange.event,
            timeoutMs: exchange.timeoutMs,
            exchangeId: exchange.id,
            exchange
          }
        })
      },

      async fireAtBuiltInReceiver() {
        const s = get()
        const url = s.receiver?.running ? s.receiver.url : null
        if (!url) {
          s.toast('error', 'The built-in receiver is not running. Start it in the Receiver panel.')
          return
        }
        let hook = s.hooks.find((h) => h.url === url)
        if (!hook) {
          try {
            hook = await bridge.saveHook({
              name: 'Built-in receiver',
              url,
              email: '',
              password: '',
              timeoutSeconds: HOOK_TIMEOUT_DEFAULT_S,
              insecureTls: false,
              enabled: true
            })
          } catch (e) {
            s.toast('error', `Could not create the hook: ${errorMessage(e)}`)
            return
          }
          const created = hook
          set({ hooks: [...get().hooks.filter((h) => h.id !== created.id), created] })
        }
        get().selectHook(hook.id)
        get().setEvent('insert')
        get().setComposerMode('fields')
        await get().fire()
      }
    }
  }
}
