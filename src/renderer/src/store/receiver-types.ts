import type { BehaviorPresetName } from '@shared/presets'
import type { Behavior, ReceiverConfig, ReceiverStatus } from '@shared/schemas'
import type { BehaviorForm } from '../lib/behavior-form'
import type { FieldErrors } from '../lib/hook-form'

// The receiver slice: its status, its behaviour and the behaviour form.

export interface ReceiverSlice {
  receiver: ReceiverStatus | null
  receiverConfig: ReceiverConfig | null
  behavior: Behavior
  behaviorForm: BehaviorForm
  behaviorErrors: FieldErrors
  behaviorSaving: boolean
  updateBehaviorForm(patch: Partial<BehaviorForm>): void
  pickPreset(name: BehaviorPresetName): Promise<void>
  applyBehavior(): Promise<boolean>
  revertBehavior(): void
  /** Whether it now runs as asked; on failure a running receiver keeps running. */
  startReceiver(patch: Partial<ReceiverConfig>): Promise<boolean>
  stopReceiver(): Promise<void>
  /**
   * Set when a change was refused because the receiver is (or would be) reachable beyond loopback
   * without credentials: the refusal's words, and the change to try again once anonymous access
   * is chosen.
   */
  anonymousQuestion: { message: string; retry: () => Promise<unknown> } | null
  /** Allowed: anonymous access is chosen and the change tried again; else it is left as refused. */
  answerAnonymous(allow: boolean): Promise<void>
}
