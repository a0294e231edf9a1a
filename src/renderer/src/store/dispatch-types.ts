import type { ReplayRequest } from '@shared/replay'
import type { Exchange } from '@shared/schemas'
import type { HookEvent } from '@shared/trialkit'

// The dispatch slice: the one blocking send (fire, re-send) and its outcome.

export type DispatchPhase = 'idle' | 'pending' | 'saved' | 'failed'

export interface DispatchState {
  phase: DispatchPhase
  hookId: string | null
  hookName: string
  event: HookEvent
  timeoutMs: number
  /** Date.now() when the user fired. */
  startedAt: number
  /** The exchange's id, chosen when the dispatch starts and given to the engine. */
  exchangeId: string | null
  /** Abort was asked and not refused: the button says "Aborting…". */
  abortRequested: boolean
  exchange: Exchange | null
}

export interface DispatchSlice {
  dispatch: DispatchState
  fire(): Promise<void>
  abortDispatch(): Promise<void>
  closeDispatch(): void
  /** Sends a past exchange's body again to its hook (as configured now), as a replay. */
  resend(exchange: Exchange): Promise<void>
  /** Re-sends an exchange or capture (as it was, elsewhere, or edited), blocking like a fire. */
  replay(request: ReplayRequest, hookId?: string | null): Promise<void>
  /** Shows a past exchange's outcome as the TrialKit user saw it. */
  showExchange(exchange: Exchange): void
  fireAtBuiltInReceiver(): Promise<void>
}
