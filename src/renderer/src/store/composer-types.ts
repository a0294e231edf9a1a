import type { BodyOverrides, HookEvent, WorkflowLevel } from '@shared/trialkit'
import type { ReplayDraft } from '../lib/replay-draft'

// The composer slice: the event being written, or a re-send being edited.

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
