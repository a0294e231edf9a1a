import { describe, expect, it } from 'vitest'
import {
  addStep,
  behaviorChoice,
  checkForm,
  formToJson,
  keptNotes,
  likelyOutcome,
  moveStep,
  removeStep,
  scenarioToForm,
  setBehaviorChoice,
  setExpect,
  setExpectKind,
  setOutcome,
  setRecordField,
  setReviewLevel,
  updateStep,
  type ScenarioForm
} from '@renderer/components/scenarios/scenario-form'
import { behaviorPreset } from '@shared/presets'
import { RECORD_LIFECYCLE, WHEN_THINGS_GO_WRONG } from '@shared/scenarios/builtins'
import { parseScenarioFile } from '@shared/scenarios/scenario-file'
import type { Scenario } from '@shared/schemas'

const titles = (form: ScenarioForm): string[] => form.steps.map((s) => s.step.title)

describe('scenario form helpers', () => {
  it('moves a step one place, and does nothing at either end', () => {
    const form = scenarioToForm(RECORD_LIFECYCLE)
    const all = titles(form)
    expect(titles(moveStep(form, 1, -1))).toEqual([all[1], all[0], ...all.slice(2)])
    expect(titles(moveStep(form, 4, 1))).toEqual([...all.slice(0, 4), all[5], all[4]])
    expect(moveStep(form, 0, -1)).toBe(form)
    expect(moveStep(form, 5, 1)).toBe(form)
  })

  it('removes a step but never the last one', () => {
    const one = scenarioToForm({ ...RECORD_LIFECYCLE, steps: [RECORD_LIFECYCLE.steps[0]!] })
    expect(removeStep(one, 0)).toBe(one)
    const form = scenarioToForm(RECORD_LIFECYCLE)
    expect(titles(removeStep(form, 2))).toEqual(titles(form).filter((_t, i) => i !== 2))
  })

  it('adds a step about the same record, with a key no other step has', () => {
    const form = addStep(scenarioToForm(RECORD_LIFECYCLE))
    const added = form.steps.at(-1)!
    expect(added.step).toEqual({
      title: 'Step 7',
      narration: '',
      event: 'insert',
      fields: { trans_id: '1001', form_id: '319', form_name: 'Adverse Event' },
      behavior: { preset: 'Healthy' },
      pauseMs: 0,
      expect: { outcome: 'success' }
    })
    expect(new Set(form.steps.map((s) => s.key)).size).toBe(7)
    const again = addStep(moveStep(form, 6, -1))
    expect(new Set(again.steps.map((s) => s.key)).size).toBe(8)
  })

  it('drops a body field left empty, and the fields object once nothing is left', () => {
    const form = scenarioToForm({
      ...RECORD_LIFECYCLE,
      steps: [{ ...RECORD_LIFECYCLE.steps[0]!, fields: { trans_id: '1' } }]
    })
    const cleared = setRecordField(form.steps[0]!, 'trans_id', '')
    expect('fields' in cleared.step).toBe(false)
    const set = setRecordField(cleared, 'form_id', '77')
    expect(set.step.fields).toEqual({ form_id: '77' })
  })

  it('changes only the review keys it is given', () => {
    const s = scenarioToForm(RECORD_LIFECYCLE).steps[2]!
    const next = setReviewLevel(s, { wf_name: 'Other' })
    expect(next.step.fields).toEqual({
      ...s.step.fields,
      wf: { ...s.step.fields!.wf, wf_name: 'Other' }
    })
  })

  it('replaces a custom behaviour only on request, and can go back to it', () => {
    const custom = { ...behaviorPreset('Slow'), preset: null, status: 418 }
    const form = scenarioToForm({
      ...RECORD_LIFECYCLE,
      steps: [{ ...RECORD_LIFECYCLE.steps[0]!, behavior: custom }]
    })
    const s = form.steps[0]!
    expect(behaviorChoice(s)).toBe('custom')
    expect(likelyOutcome(s)).toBeNull()
    const preset = setBehaviorChoice(s, 'Drop')
    expect(preset.step.behavior).toEqual({ preset: 'Drop' })
    expect(setBehaviorChoice(preset, 'custom').step.behavior).toEqual(custom)
    const none = setBehaviorChoice(s, '')
    expect('behavior' in none.step).toBe(false)
    const plain = scenarioToForm(RECORD_LIFECYCLE).steps[0]!
    expect(setBehaviorChoice(plain, 'custom')).toBe(plain)
  })

  it('expects the kind the behaviour usually gives when switching to a ProtocolError', () => {
    const s = setBehaviorChoice(scenarioToForm(RECORD_LIFECYCLE).steps[0]!, 'Reset')
    expect(setOutcome(s, 'protocol-error').step.expect).toEqual({
      outcome: 'protocol-error',
      kind: 'connection-reset'
    })
    const flaky = setBehaviorChoice(s, 'Flaky')
    expect(setOutcome(flaky, 'protocol-error').step.expect).toEqual({
      outcome: 'protocol-error',
      kind: 'http-status'
    })
  })

  it('checks numbers as typed and names the step and field', () => {
    let form = scenarioToForm(RECORD_LIFECYCLE)
    form = updateStep(form, 3, (s) => ({ ...s, pauseText: 'soon' }))
    form = updateStep(form, 0, (s) => ({ ...s, timeoutText: '400' }))
    const check = checkForm(form)
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.message).toMatch(/^step 1 \(“A new record is saved”\), timeoutSeconds: /)
    expect(check.message).toMatch(
      /step 4 \(“Review level 2: monitor review locks the record”\), pauseMs: must be a number/
    )
    expect(check.fieldErrors.get('steps.3.pauseMs')).toBe('must be a number')
    expect(check.fieldErrors.has('steps.0.timeoutSeconds')).toBe(true)
  })

  it('gives back the scenario it was made from, in file order', () => {
    for (const scenario of [RECORD_LIFECYCLE, WHEN_THINGS_GO_WRONG]) {
      const { id: _id, ...draft } = scenario
      void _id
      const check = checkForm(scenarioToForm(scenario))
      expect(check).toEqual({ ok: true, draft })
      const json = formToJson(scenarioToForm(scenario))
      expect(parseScenarioFile(json)).toEqual(draft)
      expect(formToJson(scenarioToForm(parseScenarioFile(json)))).toBe(json)
    }
  })

  it('says what a step carries that the form does not edit', () => {
    const step: Scenario['steps'][number] = {
      ...RECORD_LIFECYCLE.steps[0]!,
      fields: { trans_id: '1', LockBroken: true, wf_status: 12 },
      rawBody: 'abc',
      credentials: { email: '', password: '' }
    }
    const notes = keptNotes(scenarioToForm({ ...RECORD_LIFECYCLE, steps: [step] }).steps[0]!)
    expect(notes).toEqual([
      'sends a raw body (3 characters) instead of the fields below; edit it in JSON',
      'own credentials: sends no Authorization header',
      'sets the top-level wf_id or wf_status of the review body',
      'keeps review-level fields, sent only with a review event'
    ])
  })

  it('keeps a pinned HTTP status through the form, and drops it only with the kind', () => {
    const pinned: Scenario = {
      ...WHEN_THINGS_GO_WRONG,
      steps: WHEN_THINGS_GO_WRONG.steps.map((st, i) =>
        i === 1
          ? { ...st, expect: { outcome: 'protocol-error', kind: 'http-status', status: 401 } }
          : st
      )
    }
    const { id: _id, ...draft } = pinned
    void _id
    const form = scenarioToForm(pinned)
    const s = form.steps[1]!
    expect(s.statusText).toBe('401')
    // Unchanged, it comes back as it was, in the JSON view too.
    expect(checkForm(form)).toEqual({ ok: true, draft })
    const json = formToJson(form)
    expect(json).toMatch(/"kind": "http-status",\s*"status": 401/)
    expect(parseScenarioFile(json)).toEqual(draft)
    expect(formToJson(scenarioToForm(parseScenarioFile(json)))).toBe(json)

    // Edited as typed; emptied, any status passes.
    const edited = updateStep(form, 1, (st) => ({ ...st, statusText: '403' }))
    const check = checkForm(edited)
    expect(check.ok && check.draft.steps[1]!.expect).toEqual({
      outcome: 'protocol-error',
      kind: 'http-status',
      status: 403
    })
    const any = checkForm(updateStep(form, 1, (st) => ({ ...st, statusText: ' ' })))
    expect(any.ok && any.draft.steps[1]!.expect).toEqual({
      outcome: 'protocol-error',
      kind: 'http-status'
    })

    // Kept while the kind stays http-status, dropped once it is not, and not brought back.
    expect(setExpectKind(s, 'http-status').statusText).toBe('401')
    expect(setExpect(s, { outcome: 'protocol-error', kind: 'http-status' }).statusText).toBe('401')
    const timeout = setExpectKind(s, 'timeout')
    expect(timeout.statusText).toBe('')
    expect(timeout.step.expect).toEqual({ outcome: 'protocol-error', kind: 'timeout' })
    expect(setExpectKind(timeout, 'http-status').statusText).toBe('')
    const success = setOutcome(s, 'success')
    expect(success.statusText).toBe('')
    expect(success.step.expect).toEqual({ outcome: 'success' })
    // A status typed while the kind was another one is not sent with it.
    const stale = checkForm(
      updateStep(form, 1, (st) => ({ ...setExpectKind(st, 'timeout'), statusText: '401' }))
    )
    expect(stale.ok && stale.draft.steps[1]!.expect).toEqual({
      outcome: 'protocol-error',
      kind: 'timeout'
    })
  })

  it('checks a pinned status is an HTTP status, naming the step and field', () => {
    const form = scenarioToForm(WHEN_THINGS_GO_WRONG)
    const http = form.steps.findIndex(
      (st) => st.step.expect.outcome === 'protocol-error' && st.step.expect.kind === 'http-status'
    )
    for (const [typed, message] of [
      ['99', 'must be an HTTP status, a whole number from 100 to 599'],
      ['600', 'must be an HTTP status, a whole number from 100 to 599'],
      ['401.5', 'must be an HTTP status, a whole number from 100 to 599'],
      ['four', 'must be a number']
    ] as const) {
      const check = checkForm(updateStep(form, http, (st) => ({ ...st, statusText: typed })))
      expect(check.ok).toBe(false)
      if (check.ok) continue
      expect(check.fieldErrors.get(`steps.${http}.expect.status`)).toBe(message)
      expect(check.message).toContain(`step ${http + 1} (`)
      expect(check.message).toContain(`expect.status: ${message}`)
    }
  })
})
