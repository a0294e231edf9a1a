// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { NEW_SCENARIO, ScenarioEditor } from '@renderer/components/scenarios/ScenarioEditor'
import { behaviorPreset } from '@shared/presets'
import { RECORD_LIFECYCLE } from '@shared/scenarios/builtins'
import { serializeScenario } from '@shared/scenarios/scenario-file'
import type { Scenario, ScenarioDraft, ScenarioStep } from '@shared/schemas'
import { reviewLevelPreset } from '@shared/trialkit'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

async function openEditor(scenario: Scenario, id: string | null = null) {
  const bridge = new FakeBridge()
  const onSaved = vi.fn()
  const onClose = vi.fn()
  await renderWithStore(
    <ScenarioEditor scenario={scenario} id={id} onClose={onClose} onSaved={onSaved} />,
    bridge
  )
  return { bridge, onSaved, onClose }
}

function step(i: number) {
  return within(screen.getByTestId(`scenario-form-step-${i}`))
}

function type(el: HTMLElement, value: string): void {
  fireEvent.change(el, { target: { value } })
}

async function save(): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByTestId('scenario-editor-save'))
  })
}

function savedDrafts(bridge: FakeBridge): ScenarioDraft[] {
  return bridge.callsOf('saveScenario').map((args) => args[0] as ScenarioDraft)
}

function stepTitles(): string[] {
  return screen.getAllByTestId('step-title').map((input) => (input as HTMLInputElement).value)
}

/** A saved scenario whose steps carry what the form does not edit. */
const CARRYING: Scenario = {
  id: 'sc_carry',
  name: 'Carries extras',
  description: 'Raw body, own credentials, a custom behaviour.',
  timeoutSeconds: 7,
  credentials: { email: 'trainer@site.example', password: 'demo' },
  steps: [
    {
      title: 'Malformed body',
      narration: 'A body that is not JSON.',
      event: 'insert',
      fields: { trans_id: '9', wf_id: 4 },
      rawBody: '{"trans_id":',
      credentials: { email: 'wrong@site.example', password: 'nope:nope' },
      behavior: {
        ...behaviorPreset('Flaky'),
        preset: null,
        status: 503,
        expectedAuth: { email: 'a@b.example', password: 'pw' }
      },
      timeoutSeconds: 3,
      pauseMs: 50,
      expect: { outcome: 'protocol-error', kind: 'http-status' }
    }
  ]
}

describe('scenario editor, form mode', () => {
  it('opens in form mode and saves a step edited through the form as the scenario sent to the bridge', async () => {
    const { bridge, onSaved } = await openEditor(NEW_SCENARIO)
    expect(screen.getByTestId('scenario-editor-mode-form').getAttribute('aria-checked')).toBe(
      'true'
    )
    expect(screen.queryByTestId('scenario-editor-text')).toBeNull()

    type(screen.getByLabelText('Name'), 'Review demo')
    type(screen.getByLabelText('Description'), 'Shows a review that times out.')
    type(screen.getByLabelText('Default timeout (s)'), '9')

    const s = step(1)
    type(s.getByLabelText('Title'), 'Monitor review times out')
    type(s.getByLabelText('Narration'), 'The monitor signs; the hook hangs.')
    fireEvent.click(s.getByRole('radio', { name: 'Review' }))
    type(s.getByLabelText('trans_id'), '3003')
    type(s.getByLabelText('form_id'), '42')
    type(s.getByLabelText('form_name'), 'Vital Signs')
    fireEvent.click(s.getByRole('button', { name: 'Review level 2' }))
    fireEvent.click(s.getByLabelText('LockBroken'))
    type(s.getByLabelText('Receiver behaviour'), 'Hang')
    type(s.getByLabelText('Kind'), 'timeout')
    type(s.getByLabelText('Pause before (ms)'), '250')
    type(s.getByLabelText('Timeout (s)'), '2')
    await save()

    const drafts = savedDrafts(bridge)
    expect(drafts).toHaveLength(1)
    expect(drafts[0]!.id).toBeUndefined()
    expect(drafts[0]).toMatchObject({
      name: 'Review demo',
      description: 'Shows a review that times out.',
      timeoutSeconds: 9
    })
    expect(drafts[0]!.steps[0]).toEqual(NEW_SCENARIO.steps[0])
    expect(drafts[0]!.steps[1]).toEqual({
      title: 'Monitor review times out',
      narration: 'The monitor signs; the hook hangs.',
      event: 'review',
      fields: {
        trans_id: '3003',
        form_id: '42',
        form_name: 'Vital Signs',
        wf: reviewLevelPreset(2),
        LockBroken: true
      },
      behavior: { preset: 'Hang' },
      timeoutSeconds: 2,
      pauseMs: 250,
      expect: { outcome: 'protocol-error', kind: 'timeout' }
    })
    expect(onSaved).toHaveBeenCalledOnce()
  })

  it('saves an edited scenario under its own id', async () => {
    const saved: Scenario = { ...RECORD_LIFECYCLE, id: 'sc_mine', name: 'Mine' }
    const { bridge } = await openEditor(saved, 'sc_mine')
    type(step(0).getByLabelText('Title'), 'First save')
    await save()
    const draft = savedDrafts(bridge)[0]!
    expect(draft.id).toBe('sc_mine')
    expect(draft.steps[0]!.title).toBe('First save')
    expect(draft.steps.slice(1)).toEqual(RECORD_LIFECYCLE.steps.slice(1))
  })

  it('switching to a ProtocolError offers the kind the behaviour usually gives', async () => {
    await openEditor(NEW_SCENARIO)
    const s = step(0)
    type(s.getByLabelText('Receiver behaviour'), 'Slower than timeout')
    expect(s.getByTestId('step-likely').textContent).toMatch(/ProtocolError \(timeout\)/)
    fireEvent.click(s.getByRole('radio', { name: 'ProtocolError' }))
    expect((s.getByLabelText('Kind') as HTMLSelectElement).value).toBe('timeout')
    expect(s.queryByTestId('step-likely')).toBeNull()
    fireEvent.click(s.getByRole('radio', { name: 'Success' }))
    expect(s.queryByLabelText('Kind')).toBeNull()
    fireEvent.click(s.getByTestId('step-expect-likely'))
    expect((s.getByLabelText('Kind') as HTMLSelectElement).value).toBe('timeout')
  })

  it('adds, moves and removes steps, never the last one', async () => {
    const { bridge } = await openEditor(NEW_SCENARIO)
    fireEvent.click(screen.getByRole('button', { name: 'Add step' }))
    expect(stepTitles()).toEqual(['A new record is saved', 'The hook is down', 'Step 3'])
    // The new step is about the same record and its title is ready to type.
    expect((step(2).getByLabelText('trans_id') as HTMLInputElement).value).toBe('2001')
    expect(document.activeElement).toBe(step(2).getByLabelText('Title'))
    type(step(2).getByLabelText('Title'), 'Third')

    fireEvent.click(screen.getByRole('button', { name: 'Move step 3 up' }))
    expect(stepTitles()).toEqual(['A new record is saved', 'Third', 'The hook is down'])
    fireEvent.click(screen.getByRole('button', { name: 'Move step 1 down' }))
    expect(stepTitles()).toEqual(['Third', 'A new record is saved', 'The hook is down'])
    expect(
      (screen.getByRole('button', { name: 'Move step 1 up' }) as HTMLButtonElement).disabled
    ).toBe(true)
    expect(
      (screen.getByRole('button', { name: 'Move step 3 down' }) as HTMLButtonElement).disabled
    ).toBe(true)

    fireEvent.click(screen.getByRole('button', { name: 'Remove step 2' }))
    expect(stepTitles()).toEqual(['Third', 'The hook is down'])
    // The focus goes to the step that took the removed one's place.
    expect(document.activeElement).toBe(step(1).getByLabelText('Title'))
    await save()
    expect(savedDrafts(bridge)[0]!.steps.map((s) => s.title)).toEqual(['Third', 'The hook is down'])
    expect(savedDrafts(bridge)[0]!.steps[1]).toEqual(NEW_SCENARIO.steps[1])

    fireEvent.click(screen.getByRole('button', { name: 'Remove step 2' }))
    // The last step was removed: the focus goes to the one before it.
    expect(document.activeElement).toBe(step(0).getByLabelText('Title'))
    const last = screen.getByRole('button', { name: 'Remove step 1' }) as HTMLButtonElement
    expect(last.disabled).toBe(true)
    fireEvent.click(last)
    expect(stepTitles()).toEqual(['Third'])
  })

  it('keeps a raw body, own credentials and a custom behaviour through a form edit, and says so', async () => {
    const { bridge } = await openEditor(CARRYING, CARRYING.id)
    const s = step(0)
    const notes = s.getByTestId('step-notes').textContent
    expect(notes).toMatch(/sends a raw body/)
    expect(notes).toMatch(/own credentials \(wrong@site\.example\)/)
    expect(notes).toMatch(/custom receiver behaviour \(503, 50% failures, expects credentials\)/)
    expect(notes).toMatch(/top-level wf_id/)
    expect(screen.getByTestId('scenario-form-credentials').textContent).toMatch(
      /trainer@site\.example/
    )
    const behavior = s.getByLabelText('Receiver behaviour') as HTMLSelectElement
    expect(behavior.value).toBe('custom')

    type(s.getByLabelText('Title'), 'Malformed body, again')
    type(s.getByLabelText('form_name'), 'Adverse Event')
    // Trying a preset and going back leaves the custom behaviour as it was.
    type(behavior, 'Slow')
    expect(s.getByTestId('step-notes').textContent).not.toMatch(/custom receiver behaviour/)
    type(behavior, 'custom')
    await save()

    const original = CARRYING.steps[0]!
    const { id: _id, ...rest } = CARRYING
    void _id
    expect(savedDrafts(bridge)[0]).toEqual({
      ...rest,
      id: CARRYING.id,
      steps: [
        {
          ...original,
          title: 'Malformed body, again',
          fields: { ...original.fields, form_name: 'Adverse Event' }
        } satisfies ScenarioStep
      ]
    })
  })

  it('replaces a custom behaviour only when a preset or none is picked', async () => {
    const { bridge } = await openEditor(CARRYING, CARRYING.id)
    type(step(0).getByLabelText('Receiver behaviour'), '')
    await save()
    const saved = savedDrafts(bridge)[0]!.steps[0]!
    expect('behavior' in saved).toBe(false)
    expect(saved.rawBody).toBe(CARRYING.steps[0]!.rawBody)
    expect(saved.credentials).toEqual(CARRYING.steps[0]!.credentials)
  })

  it('refuses to save an invalid form, naming the step and field at the field and above Save', async () => {
    const { bridge } = await openEditor(NEW_SCENARIO)
    type(step(1).getByLabelText('Title'), '')
    type(screen.getByLabelText('Default timeout (s)'), '')
    await save()
    expect(savedDrafts(bridge)).toHaveLength(0)
    const error = screen.getByTestId('scenario-editor-error').textContent
    expect(error).toMatch(/timeoutSeconds: must be a number/)
    expect(error).toMatch(/step 2, title: must not be empty/)
    expect(step(1).getByText('must not be empty')).toBeTruthy()
    expect(step(0).queryByText('must not be empty')).toBeNull()

    // The error is part of the field's label now; the input is the same.
    type(step(1).getByTestId('step-title'), 'Back')
    expect(screen.queryByTestId('scenario-editor-error')).toBeNull()
    type(screen.getByTestId('scenario-form-timeout'), '5')
    type(step(0).getByLabelText('Timeout (s)'), '0')
    await save()
    expect(savedDrafts(bridge)).toHaveLength(0)
    expect(screen.getByTestId('scenario-editor-error').textContent).toMatch(
      /^step 1 \(“A new record is saved”\), timeoutSeconds: /
    )

    type(step(0).getByTestId('step-timeout'), '')
    await save()
    expect(savedDrafts(bridge)).toHaveLength(1)
    expect(savedDrafts(bridge)[0]!.steps[1]!.title).toBe('Back')
    expect('timeoutSeconds' in savedDrafts(bridge)[0]!.steps[0]!).toBe(false)
  })
})

/** A saved scenario whose second step pins the status the hook must answer with. */
const PINNED: Scenario = {
  ...NEW_SCENARIO,
  id: 'sc_pinned',
  name: 'Pinned',
  steps: [
    NEW_SCENARIO.steps[0]!,
    {
      ...NEW_SCENARIO.steps[1]!,
      behavior: { preset: 'Unauthorized' },
      expect: { outcome: 'protocol-error', kind: 'http-status', status: 401 }
    }
  ]
}

describe('scenario editor, a pinned HTTP status', () => {
  const status = (i: number) => step(i).queryByTestId('step-status') as HTMLInputElement | null

  it('shows it with the kind http-status and saves the scenario unchanged', async () => {
    const { bridge } = await openEditor(PINNED, PINNED.id)
    expect(status(0)).toBeNull()
    const input = step(1).getByLabelText(/HTTP status/) as HTMLInputElement
    expect(input).toBe(status(1))
    expect(input.type).toBe('number')
    expect(input.value).toBe('401')
    type(step(1).getByLabelText('Title'), 'Wrong password')
    await save()
    const { id: _id, ...rest } = PINNED
    void _id
    expect(savedDrafts(bridge)[0]).toEqual({
      ...rest,
      id: PINNED.id,
      steps: [PINNED.steps[0], { ...PINNED.steps[1], title: 'Wrong password' }]
    })
  })

  it('keeps it through the JSON view, and saves a new one typed in', async () => {
    const { bridge } = await openEditor(PINNED, PINNED.id)
    fireEvent.click(screen.getByTestId('scenario-editor-mode-json'))
    expect((screen.getByTestId('scenario-editor-text') as HTMLTextAreaElement).value).toBe(
      serializeScenario(PINNED)
    )
    fireEvent.click(screen.getByTestId('scenario-editor-mode-form'))
    expect(status(1)!.value).toBe('401')
    type(status(1)!, '403')
    await save()
    expect(savedDrafts(bridge)[0]!.steps[1]!.expect).toEqual({
      outcome: 'protocol-error',
      kind: 'http-status',
      status: 403
    })
  })

  it('drops it when the kind stops being http-status, and not before', async () => {
    const { bridge } = await openEditor(PINNED, PINNED.id)
    type(step(1).getByLabelText('Kind'), 'timeout')
    expect(status(1)).toBeNull()
    type(step(1).getByLabelText('Kind'), 'http-status')
    expect(status(1)!.value).toBe('')
    await save()
    expect(savedDrafts(bridge)[0]!.steps[1]!.expect).toEqual({
      outcome: 'protocol-error',
      kind: 'http-status'
    })
  })

  it('can be pinned on a new http-status step, and refuses a status out of range', async () => {
    const { bridge } = await openEditor(NEW_SCENARIO)
    const s = step(0)
    fireEvent.click(s.getByRole('radio', { name: 'ProtocolError' }))
    type(s.getByLabelText('Kind'), 'http-status')
    type(status(0)!, '700')
    await save()
    expect(savedDrafts(bridge)).toHaveLength(0)
    expect(s.getByText('must be an HTTP status, a whole number from 100 to 599')).toBeTruthy()
    expect(screen.getByTestId('scenario-editor-error').textContent).toMatch(
      /step 1 \(“A new record is saved”\), expect\.status: must be an HTTP status, a whole number from 100 to 599/
    )
    type(status(0)!, '500')
    await save()
    expect(savedDrafts(bridge)[0]!.steps[0]!.expect).toEqual({
      outcome: 'protocol-error',
      kind: 'http-status',
      status: 500
    })
  })
})

describe('scenario editor, JSON mode', () => {
  it('shows the form as the scenario file and reads it back, edits included', async () => {
    const { bridge } = await openEditor(RECORD_LIFECYCLE)
    fireEvent.click(screen.getByTestId('scenario-editor-mode-json'))
    const text = screen.getByTestId('scenario-editor-text') as HTMLTextAreaElement
    expect(text.value).toBe(serializeScenario(RECORD_LIFECYCLE))
    expect(screen.queryByTestId('scenario-form')).toBeNull()

    type(text, text.value.replace('"The record is corrected"', '"Corrected by hand"'))
    fireEvent.click(screen.getByTestId('scenario-editor-mode-form'))
    expect(screen.queryByTestId('scenario-editor-text')).toBeNull()
    expect(stepTitles()[1]).toBe('Corrected by hand')
    expect((step(2).getByLabelText('Order') as HTMLInputElement).value).toBe('1')

    fireEvent.click(screen.getByTestId('scenario-editor-mode-json'))
    const again = (screen.getByTestId('scenario-editor-text') as HTMLTextAreaElement).value
    expect(again).toBe(
      serializeScenario({
        ...RECORD_LIFECYCLE,
        steps: RECORD_LIFECYCLE.steps.map((s, i) =>
          i === 1 ? { ...s, title: 'Corrected by hand' } : s
        )
      })
    )
    expect(savedDrafts(bridge)).toHaveLength(0)
  })

  it('round-trips what the form does not edit', async () => {
    await openEditor(CARRYING, CARRYING.id)
    fireEvent.click(screen.getByTestId('scenario-editor-mode-json'))
    const first = (screen.getByTestId('scenario-editor-text') as HTMLTextAreaElement).value
    expect(JSON.parse(first).scenario.steps[0]).toEqual(CARRYING.steps[0])
    expect(JSON.parse(first).scenario.credentials).toEqual(CARRYING.credentials)
    fireEvent.click(screen.getByTestId('scenario-editor-mode-form'))
    fireEvent.click(screen.getByTestId('scenario-editor-mode-json'))
    expect((screen.getByTestId('scenario-editor-text') as HTMLTextAreaElement).value).toBe(first)
  })

  it('stays in JSON with the error, and the text, when the text does not parse', async () => {
    const { bridge } = await openEditor(NEW_SCENARIO)
    fireEvent.click(screen.getByTestId('scenario-editor-mode-json'))
    const text = screen.getByTestId('scenario-editor-text') as HTMLTextAreaElement
    const broken = text.value.replace('"insert"', '"upsert"')
    type(text, broken)
    fireEvent.click(screen.getByTestId('scenario-editor-mode-form'))
    expect(screen.getByTestId('scenario-editor-error').textContent).toMatch(
      /^step 1 \(“A new record is saved”\), event: /
    )
    expect(screen.getByTestId('scenario-editor-mode-json').getAttribute('aria-checked')).toBe(
      'true'
    )
    expect((screen.getByTestId('scenario-editor-text') as HTMLTextAreaElement).value).toBe(broken)

    type(screen.getByTestId('scenario-editor-text'), '{ "name": ')
    expect(screen.queryByTestId('scenario-editor-error')).toBeNull()
    fireEvent.click(screen.getByTestId('scenario-editor-mode-form'))
    expect(screen.getByTestId('scenario-editor-error').textContent).toMatch(/not valid JSON/)
    expect((screen.getByTestId('scenario-editor-text') as HTMLTextAreaElement).value).toBe(
      '{ "name": '
    )
    await save()
    expect(savedDrafts(bridge)).toHaveLength(0)
    expect(screen.getByTestId('scenario-editor-error').textContent).toMatch(/not valid JSON/)
  })
})
