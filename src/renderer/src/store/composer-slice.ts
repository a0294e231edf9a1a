import { reviewLevelPreset } from '@shared/trialkit'
import { composerBaseFields } from '../lib/composer-base'
import { composedBody } from '../lib/preview'
import type { ComposerSlice, ComposerState } from './composer-types'
import type { Slice } from './types'

const initialComposer = (): ComposerState => ({
  event: 'insert',
  overrides: composerBaseFields(),
  mode: 'fields',
  rawBody: ''
})

/** The event being composed: only the fields the user changed are kept as overrides. */
export const createComposerSlice: Slice<ComposerSlice> = (set, get) => {
  const patch = (next: Partial<ComposerState>): void =>
    set({ composer: { ...get().composer, ...next } })

  return {
    composer: initialComposer(),
    replayDraft: null,

    openReplayDraft(draft) {
      set({ replayDraft: draft, centerView: 'compose' })
    },

    updateReplayDraft(draftPatch) {
      const draft = get().replayDraft
      if (draft) set({ replayDraft: { ...draft, ...draftPatch } })
    },

    closeReplayDraft() {
      set({ replayDraft: null })
    },

    setEvent(event) {
      patch({ event })
    },

    setField(field, value) {
      patch({ overrides: { ...get().composer.overrides, [field]: value } })
    },

    setLockBroken(value) {
      patch({ overrides: { ...get().composer.overrides, LockBroken: value } })
    },

    setWf(wfPatch) {
      const overrides = get().composer.overrides
      const wf = { ...overrides.wf, ...wfPatch }
      // TrialKit allows soft review on the first level only.
      if (wf.wf_seq !== undefined && wf.wf_seq !== 1) wf.wf_soft = false
      patch({ overrides: { ...overrides, wf } })
    },

    applyReviewLevel(level) {
      patch({ overrides: { ...get().composer.overrides, wf: reviewLevelPreset(level) } })
    },

    setComposerMode(mode) {
      const c = get().composer
      if (mode === 'raw' && c.rawBody === '') {
        const s = get()
        const hook = s.hooks.find((h) => h.id === s.activeHookId) ?? null
        patch({ mode, rawBody: composedBody({ ...c, mode: 'fields' }, hook) })
      } else {
        patch({ mode })
      }
    },

    setRawBody(text) {
      patch({ rawBody: text })
    },

    resetComposer() {
      patch({ overrides: composerBaseFields(), rawBody: '' })
    }
  }
}
