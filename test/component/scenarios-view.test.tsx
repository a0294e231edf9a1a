// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ScenariosView } from '@renderer/components/scenarios/ScenariosView'
import { RECORD_LIFECYCLE } from '@shared/scenarios/builtins'
import { behaviorPreset } from '@shared/presets'
import type { Exchange, FireRequest } from '@shared/schemas'
import { makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

function answering(bridge: FakeBridge, fail: (r: FireRequest) => boolean): FireRequest[] {
  const fired: FireRequest[] = []
  bridge.fireImpl = async (request) => {
    fired.push(request)
    const ex: Exchange = makeExchange({ id: `ex_${fired.length}` }, request.event)
    return fail(request)
      ? { ...ex, error: { kind: 'http-status', message: 'HTTP 500' } }
      : { ...ex, error: null }
  }
  return fired
}

describe('scenarios view', () => {
  it('runs all steps against the built-in receiver, shows a verdict per step, and restores the behaviour', async () => {
    const bridge = new FakeBridge()
    bridge.settings = { ...bridge.settings, behavior: behaviorPreset('Flaky') }
    const fired = answering(bridge, (r) => r.event === 'review')
    await renderWithStore(<ScenariosView />, bridge)
    await act(async () => {
      fireEvent.click(screen.getByTestId('scenario-run-all'))
    })
    expect(fired).toHaveLength(RECORD_LIFECYCLE.steps.length)
    expect(fired[0]).toMatchObject({
      event: 'insert',
      origin: 'scenario',
      hook: { url: 'http://127.0.0.1:4700/', timeoutSeconds: 5 }
    })
    const states = RECORD_LIFECYCLE.steps.map(
      (_s, i) => screen.getByTestId(`scenario-step-${i}`).dataset.state
    )
    expect(states).toEqual(['pass', 'pass', 'fail', 'fail', 'pass', 'fail'])
    expect(screen.getByTestId('scenario-summary').textContent).toBe('3 of 6 steps as expected.')
    expect(screen.getByTestId('scenario-step-2').textContent).toMatch(
      /expected success, got ProtocolError \(http-status\)/
    )
    const behaviors = bridge.callsOf('setBehavior').map((a) => (a[0] as { preset: string }).preset)
    expect(behaviors.at(-1)).toBe('Flaky')
    expect(behaviors.slice(0, -1).every((p) => p === 'Healthy')).toBe(true)
  })

  it('imports a scenario file, and names the step and field of a bad one without saving it', async () => {
    const bridge = new FakeBridge()
    const r = await renderWithStore(<ScenariosView />, bridge)
    const input = screen.getByTestId('scenario-import-file') as HTMLInputElement
    const bad = new File(
      [
        JSON.stringify({
          name: 'X',
          steps: [{ title: 'One', event: 'oops', expect: { outcome: 'success' } }]
        })
      ],
      'bad.json'
    )
    await act(async () => {
      fireEvent.change(input, { target: { files: [bad] } })
    })
    expect(screen.getByTestId('scenario-import-error').textContent).toMatch(
      /^bad\.json: step 1 \(“One”\), event: /
    )
    expect(bridge.callsOf('saveScenario')).toHaveLength(0)

    const good = new File(
      [
        JSON.stringify({
          name: 'Mine',
          steps: [{ title: 'One', event: 'insert', expect: { outcome: 'success' } }]
        })
      ],
      'good.json'
    )
    await act(async () => {
      fireEvent.change(input, { target: { files: [good] } })
    })
    expect(bridge.callsOf('saveScenario')).toHaveLength(1)
    expect(bridge.settings.scenarios.map((s) => s.name)).toEqual(['Mine'])
    expect(r.store.getState().toasts.at(-1)?.message).toMatch(/Imported the scenario “Mine”/)
  })

  it('duplicates a built-in scenario through the editor, refusing invalid JSON first', async () => {
    const bridge = new FakeBridge()
    await renderWithStore(<ScenariosView />, bridge)
    fireEvent.click(screen.getByTestId('scenario-edit'))
    fireEvent.click(screen.getByTestId('scenario-editor-mode-json'))
    const text = screen.getByTestId('scenario-editor-text') as HTMLTextAreaElement
    expect(text.value).toContain('"name": "Record lifecycle (copy)"')
    fireEvent.change(text, { target: { value: text.value.replace('"insert"', '"upsert"') } })
    await act(async () => {
      fireEvent.click(screen.getByTestId('scenario-editor-save'))
    })
    expect(screen.getByTestId('scenario-editor-error').textContent).toMatch(
      /^step 1 \(“A new record is saved”\), event: /
    )
    fireEvent.change(text, { target: { value: text.value.replace('"upsert"', '"insert"') } })
    await act(async () => {
      fireEvent.click(screen.getByTestId('scenario-editor-save'))
    })
    expect(screen.queryByTestId('scenario-editor')).toBeNull()
    expect(bridge.settings.scenarios[0]?.name).toBe('Record lifecycle (copy)')
    expect(bridge.settings.scenarios[0]?.id).not.toBe(RECORD_LIFECYCLE.id)
  })
})
