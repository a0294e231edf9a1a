// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ReceiverPanel } from '@renderer/components/receiver/ReceiverPanel'
import { behaviorPreset } from '@shared/presets'
import type { Behavior } from '@shared/schemas'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

const REFUSAL =
  'This behaviour is refused: the receiver listens on 0.0.0.0, so other machines can send it requests; it needs expected credentials with a non-empty email and password, unless anonymous access is chosen (--allow-anonymous, or confirm anonymous access in the app).'

/** A bridge whose receiver listens on the LAN and refuses to clear credentials, as the engine does. */
class ExposedBridge extends FakeBridge {
  constructor() {
    super()
    this.receiver = { ...this.receiver, host: '0.0.0.0', exposed: true }
    this.settings = {
      ...this.settings,
      behavior: { ...behaviorPreset('Healthy'), expectedAuth: { email: 'a@b.c', password: 'pw' } }
    }
  }

  override async setBehavior(behavior: Behavior): Promise<Behavior> {
    if (behavior.expectedAuth === null && !this.anonymousAllowed) {
      this.log('setBehavior', [behavior])
      throw new Error(REFUSAL)
    }
    return super.setBehavior(behavior)
  }
}

async function clearCredentials(): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByTestId('behavior-expect-auth'))
  })
  await act(async () => {
    fireEvent.click(screen.getByTestId('behavior-apply'))
  })
}

describe('anonymous access on an exposed receiver', () => {
  it('shows the refusal and offers the choice; kept, the credentials stay', async () => {
    const bridge = new ExposedBridge()
    await renderWithStore(<ReceiverPanel />, bridge)
    await clearCredentials()
    expect(screen.getByTestId('anonymous-question-message').textContent).toBe(REFUSAL)
    await act(async () => {
      fireEvent.click(screen.getByTestId('anonymous-question-cancel'))
    })
    expect(screen.queryByTestId('anonymous-question')).toBeNull()
    expect(bridge.callsOf('allowAnonymous')).toEqual([])
    expect(bridge.settings.behavior.expectedAuth).toEqual({ email: 'a@b.c', password: 'pw' })
  })

  it('allowed, anonymous access is chosen and the change applied', async () => {
    const bridge = new ExposedBridge()
    await renderWithStore(<ReceiverPanel />, bridge)
    await clearCredentials()
    await act(async () => {
      fireEvent.click(screen.getByTestId('anonymous-question-allow'))
    })
    expect(bridge.callsOf('allowAnonymous')).toEqual([[]])
    expect(bridge.settings.behavior.expectedAuth).toBeNull()
    expect(screen.queryByTestId('anonymous-question')).toBeNull()
  })
})
