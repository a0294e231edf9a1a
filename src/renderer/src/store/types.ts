import type { DecodedBody } from '../../../shared/decoded-body'
import type { StateCreator } from 'zustand'
import type { PublicRequest, PublicStatus } from '../../../shared/public-url'
import type { EngineEvent, Unsubscribe } from '../../../shared/api'
import type { CapacityProgress, CapacityRequest } from '../../../shared/capacity'
import type { ReplayCredentials, ReplayRequest } from '../../../shared/replay'
import type { BehaviorPresetName } from '../../../shared/presets'
import type {
  AppInfo,
  Behavior,
  CapacityRun,
  PaneSizes,
  Exchange,
  HookConfig,
  Notice,
  Preferences,
  ReceiverConfig,
  ReceiverStatus,
  Scenario,
  ScenarioDraft
} from '../../../shared/schemas'
import type { CheckReport } from '../../../shared/check'
import type { ScenarioTarget, StepResult } from '../../../shared/scenarios/run-scenario'
import type { ImportSummary } from '../../../shared/sharing'
import type { BodyOverrides, HookEvent, WorkflowLevel } from '../../../shared/trialkit'
import type { BehaviorForm } from '../lib/behavior-form'
import type { CapacityForm } from '../components/capacity/capacity-form'
import type { HistoryIndex } from '../lib/history-index'
import type { ReplayDraft } from '../lib/replay-draft'
import type { FieldErrors, HookForm } from '../lib/hook-form'
import type { TimelineFilters } from '../lib/row-filter'
import type { MarkSlice } from './mark-types'

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

/** A capture's coded body decoded on demand: loading (body and error null), decoded, or why not. */
export interface DecodedBodyState {
  captureId: string
  body: DecodedBody | null
  error: string | null
}

export interface HistorySlice {
  history: HistoryIndex
  filters: TimelineFilters
  selectedRowId: string | null
  /** The last capture body asked to be shown decoded (a decoded copy is never stored). */
  decodedBody: DecodedBodyState | null
  setFilters(patch: Partial<TimelineFilters>): void
  selectRow(id: string | null): void
  clearHistory(): Promise<void>
  loadDecodedBody(captureId: string): Promise<void>
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

export type ToastLevel = 'info' | 'success' | 'error'
export interface Toast {
  id: string
  level: ToastLevel
  message: string
}

/** What the centre pane shows: the composer, the readiness check, or the scenario runner. */
export type CenterView = 'compose' | 'check' | 'capacity' | 'scenarios'

export interface UiSlice {
  centerView: CenterView
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
  /** The latest live view of a capacity check, while one runs (and after, until the next). */
  capacityProgress: CapacityProgress | null
}

export interface ScenarioRunState {
  /** Results by step index, for the scenario last run. */
  results: Map<number, StepResult>
  /** The step being fired, if any. */
  runningStep: number | null
  runningAll: boolean
  error: string | null
}

export interface ScenariosSlice {
  /** The user's saved scenarios (the built-in ones are constants). */
  scenarios: Scenario[]
  scenarioRun: ScenarioRunState
  /** Creates (no id) or replaces a scenario; the list follows from the settings event. */
  saveScenario(draft: ScenarioDraft): Promise<Scenario>
  deleteScenario(id: string): Promise<void>
  runScenario(scenario: Scenario, target: ScenarioTarget): Promise<void>
  stopScenario(): void
  /** Plays one step (presenter mode); the receiver's own behaviour is set aside meanwhile. */
  playScenarioStep(scenario: Scenario, index: number, target: ScenarioTarget): Promise<StepResult>
  /** Ends step-by-step play: the receiver answers as it did before. */
  finishScenarioSteps(): Promise<void>
  resetScenarioRun(): void
  /** Forgets the run when its view goes away; a run still going on is no longer shown. */
  discardScenarioRun(): void
}

export interface CheckForm {
  url: string
  email: string
  password: string
  timeoutSeconds: string
}

export interface CheckState {
  running: boolean
  report: CheckReport | null
  error: string | null
  fieldErrors: Partial<Record<keyof CheckForm, string>>
}

export interface CheckSlice {
  check: CheckState
  /** Runs the readiness check, one at a time; form mistakes show beside their field. */
  runCheck(form: CheckForm): Promise<void>
  /** Forgets the report when its view goes away; a check still running is no longer shown. */
  discardCheck(): void
}

export interface ShareState {
  busy: boolean
  error: string | null
  summary: ImportSummary | null
}

export interface ShareSlice {
  share: ShareState
  /** Saves the history (or the entries with these ids) as a HAR file. */
  exportHar(includeSecrets: boolean, ids?: string[]): Promise<void>
  /** Saves a support bundle. */
  exportBundle(includeSecrets: boolean): Promise<void>
  /** Imports a HAR file or support bundle the user picked. */
  importPicked(file: File): Promise<void>
  resetShare(): void
}

export interface EventsSlice {
  /** Subscribes the store to the bridge's live events; returns the unsubscribe. */
  connectEvents(): Unsubscribe
  /** Applies a batch of live events in one state update. */
  applyEvents(batch: readonly EngineEvent[]): void
}

export type AllState = LayoutSlice &
  MarkSlice &
  GateSlice &
  HooksSlice &
  PublicSlice &
  ReceiverSlice &
  ComposerSlice &
  HistorySlice &
  DispatchSlice &
  UiSlice &
  ScenariosSlice &
  CheckSlice &
  CapacitySlice &
  ShareSlice &
  EventsSlice

export type Slice<T> = StateCreator<AllState, [], [], T>

export interface CapacityState {
  running: boolean
  run: CapacityRun | null
  error: string | null
}

/** The failures of one level and kind of a run, opened from its table ("timeout 52"). */
export interface CapacityFailures {
  runId: string
  concurrency: number
  /** The `byKind` key: a ProtocolError kind, or `http-NNN`. */
  key: string
}

export interface CapacitySlice {
  capacity: CapacityState
  /** The Capacity view's inputs; null until the user changes one (then it is kept). */
  capacityForm: CapacityForm | null
  /** The failures shown in the inspector's report of their run, if any. */
  capacityFailures: CapacityFailures | null
  setCapacityForm(form: CapacityForm): void
  /** Selects the run's timeline row and shows those failures in the inspector. */
  openCapacityFailures(failures: CapacityFailures): void
  closeCapacityFailures(): void
  /** Runs a capacity check; its progress arrives as live events (capacityProgress). */
  runCapacity(request: CapacityRequest): Promise<void>
  stopCapacity(): Promise<void>
  /** The HAR text of a run's kept exchanges. */
  capacityHar(runId: string): Promise<string>
}

/** A question asked before a dispatch goes out. */
export type DispatchGate =
  | { kind: 'password'; hook: HookConfig; proceed: (hook: HookConfig) => Promise<void> }
  | { kind: 'confirm-url'; url: string; proceed: () => Promise<void> }
  | {
      /**
       * A re-send that lacks credentials (the source's Authorization was redacted on export, or
       * the hook it goes to has no password): asked inline, by the source's row.
       */
      kind: 'credentials'
      sourceId: string
      why: CredentialsReason
      /** The email to pre-fill: the hook's, else the one the entry was sent with. */
      email: string
      /** The saved hook the re-send goes to: the credentials may be saved with it. */
      hook: HookConfig | null
      proceed: (credentials: ReplayCredentials) => Promise<void>
    }

/** Why a re-send asks for credentials. */
export type CredentialsReason = 'redacted' | 'no-password'

export interface GateSlice {
  gate: DispatchGate | null
  /** Whether a hook sends an email with no password: TrialKit would send `email:`. */
  askPassword(hook: HookConfig, proceed: (hook: HookConfig) => Promise<void>): void
  askToSendTo(url: string, proceed: () => Promise<void>): void
  /**
   * Asks for the email and password to re-send an entry with (to `hook` when it goes to a saved
   * one); its row is selected to ask by.
   */
  askCredentials(
    sourceId: string,
    proceed: (credentials: ReplayCredentials) => Promise<void>,
    hook?: HookConfig | null
  ): void
  /** Sends the re-send waiting for credentials with these; `save` keeps them with its hook. */
  answerCredentials(credentials: ReplayCredentials, save?: boolean): Promise<void>
  /** Saves the password on the hook, then sends. */
  answerPassword(password: string): Promise<void>
  confirmGate(): Promise<void>
  cancelGate(): void
}

export interface LayoutSlice {
  /** Whether the left column, folded into a drawer in a narrow window, is open. */
  drawerOpen: boolean
  setDrawerOpen(open: boolean): void
  /**
   * Sizes set with the splitters in this window; they win over the stored preference, which
   * catches up when they are saved.
   */
  paneSizes: PaneSizes | null
  /** Changes one pane size at once (in the window) without saving it. */
  resizePane(key: keyof PaneSizes, value: number): void
  /** Saves the current pane sizes in the preferences, so the next launch has them. */
  savePaneSizes(): Promise<void>
  /** Remembers whether presenter mode shows the speaker notes. */
  savePresenterNotes(shown: boolean): Promise<void>
}

export interface PublicSlice {
  /** null until loaded. */
  publicStatus: PublicStatus | null
  publicBusy: boolean
  publicError: string | null
  loadPublicStatus(): Promise<void>
  makePublic(request: PublicRequest): Promise<boolean>
  stopPublic(): Promise<void>
}
