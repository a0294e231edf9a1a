import { SAMPLE_FIELDS, type BodyOverrides } from '@shared/trialkit'

/**
 * What the composer starts from: TrialKit's sample fields with one trans_id for every event, so
 * an insert, its update and its review are one record by default.
 */
export function composerBaseFields(): BodyOverrides {
  return { trans_id: SAMPLE_FIELDS.trans_id }
}

/** Whether the composer's fields are still the ones it starts from. */
export function isComposerBase(overrides: BodyOverrides): boolean {
  const keys = Object.keys(overrides)
  return (
    keys.every((k) => k === 'trans_id') &&
    (overrides.trans_id ?? SAMPLE_FIELDS.trans_id) === SAMPLE_FIELDS.trans_id
  )
}
