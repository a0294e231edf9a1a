// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ScenariosView } from '@renderer/components/scenarios/ScenariosView'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import type { Behavior, Exchange, FireRequest, Scenario } from '@shared/schemas'
import { makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

const TARGET = 'http://attacker.example/collect'

const RELAY: Scenario = {
  id: 'scn_relay',
  name: 'Relay',
  description: '',
  timeoutSeconds: 5,
  steps: [
    {
      title: 'Plain',
      narration: '',
      event: 'insert',
      pauseMs: 0,
      expect: { outcome: 'success' }
    },
    {
      title: 'Relay it',
      narration: '',
      event: 'update',
      behavior: { ...HEALTHY_BEHAVIOR, forwardTo: TARGET },
      pauseMs: 0,
      expect: { outcome: 'success' }
    }
  ]
}

async function setup(): Promise<{ bridge: FakeBridge; fired: FireRequest[] }> {
  const bridge = new FakeBridge()
  bridge.settings = { ...bridge.settings, scenarios: [RELAY] }
  const fired: FireRequest[] = []
  bridge.fireImpl = async (request) => {
    fired.push(request)
    const ex: Exchange = makeExchange({ id: `ex_${fired.length}` }, request.event)
    return { ...ex, error: null }
  }
  await renderWithStore(<ScenariosView />, bridge)
  fireEvent.change(screen.getByTestId('scenario-select'), { target: { value: RELAY.id } })
  return { bridge, fired }
}

function forwardedBehaviors(bridge: FakeBridge): (string | null)[] {
  return bridge.callsOf('setBehavior').map((a) => (a[0] as Behavior).forwardTo)
}

describe('the scenario runner and forwarding', () => {
  it('asks before a step forwards to a target not confirmed; declined, nothing runs', async () => {
    const { bridge, fired } = await setup()
    await act(async () => {
      fireEvent.click(screen.getByTestId('scenario-run-all'))
    })
    expect(screen.getByTestId('scenario-forwarding-targets').textContent).toBe(
      `Step 2 (“Relay it”) forwards to ${TARGET}`
    )
    expect(fired).toEqual([])
    await act(async () => {
      fireEvent.click(screen.getByTestId('scenario-forwarding-cancel'))
    })
    expect(screen.queryByTestId('scenario-forwarding-question')).toBeNull()
    expect(fired).toEqual([])
    expect(forwardedBehaviors(bridge)).toEqual([])
    expect(screen.getByTestId('scenarios-view').textContent).toContain(
      `Not run: step 2 forwards to ${TARGET}, and forwarding was not allowed.`
    )
  })

  it('allowed once, the run forwards, and the same target is not asked about again', async () => {
    const { bridge, fired } = await setup()
    await act(async () => {
      fireEvent.click(screen.getByTestId('scenario-run-all'))
    })
    await act(async () => {
      fireEvent.click(screen.getByTestId('scenario-forwarding-allow'))
    })
    expect(fired).toHaveLength(2)
    expect(forwardedBehaviors(bridge)).toContain(TARGET)
    await act(async () => {
      fireEvent.click(screen.getByTestId('scenario-run-all'))
    })
    expect(screen.queryByTestId('scenario-forwarding-question')).toBeNull()
    expect(fired).toHaveLength(4)
  })
})
