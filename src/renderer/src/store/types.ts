import type { StateCreator } from 'zustand'
import type { PublicSlice } from './public-slice'
import type { EngineEvent } from '../../../shared/api'
import type { ReplayRequest } from '../../../shared/replay'
import type { BehaviorPresetName } from '../../../shared/presets'
import type {
  AppInfo,
  Behavior,
  Exchange,
  HookConfig,
  Notice,
  Preferences,
  ReceiverConfig,
  ReceiverStatus,
  Scenario
} from '../../../shared/schemas'
import type { BodyOverrides, HookEvent, WorkflowLevel } from '../../../shared/trialkit'
import type { BehaviorForm } from '../lib/behavior-form'
import type { HistoryIndex } from '../lib/history-index'
import type { ReplayDraft } from '../lib/replay-draft'
import type { FieldErrors, HookForm } from '../lib/hook-form'
import type { TimelineFilters } from '../lib/row-filter'

export interface HookEditorState {
  form: HookForm
  errors: FieldErrors
  saving: boolean
}

export interface HooksSlice {
  hooks: HookConfig[]
  activeHookId: string | null
  hookEditor: HookEditorState | null
  selectHook(id: string): void
  openHookEditor(hook: HookConfig | null, patch?: Partial<HookForm>): void
  updateHookForm(patch: Partial<HookForm>): void
  closeHookEditor(): void
  saveHookForm(): Promise<boolean>
  duplicateHook(id: string): Promise<void>
  deleteHook(id: string): Promise<void>
  /** Makes the active hook fire this body's shape for its event (null: the documented one). */
  setEventTemplate(event: HookEvent, body: string | null): Promise<void>
}

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
  startReceiver(patch: Partial<ReceiverConfig>): Promise<void>
  stopReceiver(): Promise<void>
}

export type ComposerMode = 'fields' | 'raw'
export type TextField = 'trans_id' | 'form_id' | 'form_name'

export interface ComposerState {
  event: HookEvent
  /** Only what the user changed; everything else comes from TrialKit's sample values. */
  overrides: BodyOverrides
  mode: ComposerMode
  rawBody: string
}

export interface ComposerSlice {
  composer: ComposerState
  /** A re-send being edited in the composer, in place of a new event. */
  replayDraft: ReplayDraft | null
  openReplayDraft(draft: ReplayDraft): void
  updateReplayDraft(patch: Partial<ReplayDraft>): void
  closeReplayDraft(): void
  setEvent(event: HookEvent): void
  setField(field: TextField, value: string): void
  setLockBroken(value: boolean): void
  setWf(patch: Partial<WorkflowLevel>): void
  applyReviewLevel(level: number): void
  setComposerMode(mode: ComposerMode): void
  setRawBody(text: string): void
  resetComposer(): void
}

export interface HistorySlice {
  history: HistoryIndex
  filters: TimelineFilters
  selectedRowId: string | null
  setFilters(patch: Partial<TimelineFilters>): void
  selectRow(id: string | null): void
  clearHistory(): Promise<void>
}

export type DispatchPhase = 'idle' | 'pending' | 'saved' | 'failed'

export interface DispatchState {
  phase: DispatchPhase
  hookId: string | null
  hookName: string
  event: HookEvent
  timeoutMs: number
  /** Date.now() when the user fired. */
  startedAt: number
  exchangeId: string | null
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

export type ToastLevel = 'info' | 'success' | 'error'
export interface Toast {
  id: string
  level: ToastLevel
  message: string
}

/** What the centre pane shows: the composer, the readiness check, or the scenario runner. */
export type CenterView = 'compose' | 'check' | 'scenarios'

export interface UiSlice {
  centerView: CenterView
  /** The user's saved scenarios (the built-in ones are constants). */
  scenarios: Scenario[]
  setCenterView(view: CenterView): void
  info: AppInfo | null
  booted: boolean
  bootError: string | null
  /** The history below the first page is still being loaded (the timeline is shown already). */
  historyLoading: boolean
  preferences: Preferences | null
  notices: Notice[]
  toasts: Toast[]
  helpOpen: boolean
  boot(): Promise<void>
  setTheme(theme: Preferences['theme']): Promise<void>
  toast(level: ToastLevel, message: string): void
  dismissToast(id: string): void
  dismissNotice(id: string): Promise<void>
  setHelpOpen(open: boolean): void
}

export interface EventsSlice {
  /** Applies a batch of live events in one state update. */
  applyEvents(batch: readonly EngineEvent[]): void
}

export type AllState = HooksSlice &
  PublicSlice &
  ReceiverSlice &
  ComposerSlice &
  HistorySlice &
  DispatchSlice &
  UiSlice &
  EventsSlice

export type Slice<T> = StateCreator<AllState, [], [], T>
