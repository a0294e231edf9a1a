import { HEALTHY_BEHAVIOR } from '../presets'
import type { Scenario } from '../schemas'
import { reviewLevelPreset } from '../trialkit'

const RECORD = { trans_id: '1001', form_id: '319', form_name: 'Adverse Event' }
const LEVEL_1 = { ...reviewLevelPreset(1), wf_lock: false }
const LEVEL_2 = { ...reviewLevelPreset(2), wf_lock: true }
const TRAINER = { email: 'trainer@site.example', password: 'demo-password' }

/** A study record from first save to a broken review lock, every step a success. */
export const RECORD_LIFECYCLE: Scenario = {
  id: 'builtin-record-lifecycle',
  name: 'Record lifecycle',
  description:
    'One record of an Adverse Event form from its first save through two review levels, then a data change that breaks the review lock.',
  timeoutSeconds: 5,
  steps: [
    {
      title: 'A new record is saved',
      narration:
        'A site user enters a new Adverse Event and presses Save. TrialKit calls the study hook with OnInsert and waits: the user sees "Saving…" until the hook answers.',
      event: 'insert',
      fields: RECORD,
      behavior: { preset: 'Healthy' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    },
    {
      title: 'The record is corrected',
      narration:
        'The site user fixes a date and saves again. Same trans_id, now with OnUpdate: the external system should update what it has, not create a second record.',
      event: 'update',
      fields: RECORD,
      behavior: { preset: 'Healthy' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    },
    {
      title: 'Review level 1: data review',
      narration:
        'A data manager marks the record reviewed. TrialKit sends OnReview with the level in wf_object: status 10, order 1, field-level verification, no lock yet.',
      event: 'review',
      fields: { ...RECORD, wf: LEVEL_1, LockBroken: false },
      behavior: { preset: 'Healthy' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    },
    {
      title: 'Review level 2: monitor review locks the record',
      narration:
        'The monitor signs off at level 2 (status 11). This level locks the record: wf_lock is true, so further data changes break the review.',
      event: 'review',
      fields: { ...RECORD, wf: LEVEL_2, LockBroken: false },
      behavior: { preset: 'Healthy' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    },
    {
      title: 'A change after the lock',
      narration:
        'Someone with the right to do so changes the locked record anyway. TrialKit sends OnUpdate as for any change…',
      event: 'update',
      fields: RECORD,
      behavior: { preset: 'Healthy' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    },
    {
      title: 'The lock is broken',
      narration:
        '…and the review notification that follows carries LockBroken: true. The external system should treat the earlier review as no longer valid.',
      event: 'review',
      fields: { ...RECORD, wf: LEVEL_2, LockBroken: true },
      behavior: { preset: 'Healthy' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    }
  ]
}

/** The failures a TrialKit user can meet, one after the other, each as they would see it. */
export const WHEN_THINGS_GO_WRONG: Scenario = {
  id: 'builtin-when-things-go-wrong',
  name: 'When things go wrong',
  description:
    'The same insert against a hook that is healthy, slow, too slow, failing, strict about credentials, and finally resetting the connection.',
  timeoutSeconds: 5,
  credentials: TRAINER,
  steps: [
    {
      title: 'Healthy hook',
      narration: 'The user sees the record saved and goes on.',
      event: 'insert',
      fields: RECORD,
      behavior: { preset: 'Healthy' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    },
    {
      title: 'Slow hook',
      narration:
        'Still a success, but the site user sits in front of "Saving…" the whole time: every second of the hook is a second of theirs.',
      event: 'insert',
      fields: RECORD,
      behavior: { preset: 'Slow' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    },
    {
      title: 'Slower than the timeout',
      narration:
        'The hook would answer, but only after TrialKit has stopped waiting. TrialKit gives up and the user gets a ProtocolError, even though the hook may still process the record later.',
      event: 'insert',
      fields: RECORD,
      behavior: { preset: 'Slower than timeout' },
      timeoutSeconds: 2,
      pauseMs: 0,
      expect: { outcome: 'protocol-error', kind: 'timeout' }
    },
    {
      title: 'Server error',
      narration:
        'The hook fails with a server error. Any status outside 2xx is a ProtocolError for the user.',
      event: 'insert',
      fields: RECORD,
      behavior: { preset: 'Server error' },
      pauseMs: 0,
      expect: { outcome: 'protocol-error', kind: 'http-status' }
    },
    {
      title: 'Wrong credentials',
      narration:
        'The hook checks the email and password from the study settings. Here the study has an old password: the hook answers 401 and the user gets a ProtocolError.',
      event: 'insert',
      fields: RECORD,
      behavior: { ...HEALTHY_BEHAVIOR, preset: null, expectedAuth: TRAINER },
      credentials: { email: TRAINER.email, password: 'old-password' },
      pauseMs: 0,
      expect: { outcome: 'protocol-error', kind: 'http-status' }
    },
    {
      title: 'Connection reset',
      narration:
        'A proxy or a crashing server resets the connection before any answer. The user gets a ProtocolError again, with nothing to tell whether the record arrived.',
      event: 'insert',
      fields: RECORD,
      behavior: { preset: 'Reset' },
      pauseMs: 0,
      expect: { outcome: 'protocol-error', kind: 'connection-reset' }
    }
  ]
}

/** The scenarios that come with the app; read-only, but they can be duplicated and edited. */
export const BUILTIN_SCENARIOS: readonly Scenario[] = [RECORD_LIFECYCLE, WHEN_THINGS_GO_WRONG]

export function isBuiltinScenario(id: string): boolean {
  return BUILTIN_SCENARIOS.some((s) => s.id === id)
}
