// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { redactEntry } from '@shared/har'
import { ANY_EXCHANGE_ID, makeCapture, makeExchange, makeHook } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { clickTestId, renderReplayView } from '../helpers/render-app'

afterEach(cleanup)

/** A hook read from a bundle: its email kept, its password left out. */
const noPassword = makeHook({ id: 'hook_1', name: 'ONCO-301', password: '' })
const otherHook = makeHook({ id: 'hook_2', name: 'Staging', email: 'bob@site.org', password: '' })

function bridgeWith(...history: Parameters<typeof redactEntry>[0][]): FakeBridge {
  const bridge = new FakeBridge()
  bridge.history = history
  bridge.settings.hooks = [noPassword, otherHook]
  bridge.answerReplays()
  return bridge
}

const open = renderReplayView
const click = clickTestId

function field(testId: string): HTMLInputElement {
  return screen.getByTestId(testId) as HTMLInputElement
}

async function answer(password: string, save = false) {
  fireEvent.change(field('replay-credentials-password'), { target: { value: password } })
  if (save) fireEvent.click(screen.getByTestId('replay-credentials-save'))
  await click('replay-credentials-send')
}

describe('one credentials prompt for every re-send that lacks them', () => {
  it('Re-send, Re-send to… and Edit and re-send ask the same inline question, email pre-filled', async () => {
    const bridge = bridgeWith(makeExchange({ imported: false }))
    const { store } = await open(bridge, 'ex_1')
    const backToSource = () =>
      act(async () => store.getState().selectRow(store.getState().history.rowOf.get('ex_1')!))

    // As it was: to its own hook, which has no password. No modal, the inline prompt.
    await click('inspector-resend')
    expect(screen.queryByTestId('password-prompt')).toBeNull()
    expect(field('replay-credentials-email').value).toBe('ann@site.org')
    expect(screen.getByTestId('replay-credentials-why').textContent).toBe(
      '“ONCO-301” has an email but no password (passwords are left out of support bundles). Give the password to send (HTTP Basic, as TrialKit sends it); they are used for this re-send only unless you save them with the hook.'
    )
    expect(document.activeElement).toBe(field('replay-credentials-password'))
    await answer('once')
    expect(bridge.callsOf('replay')).toEqual([
      [
        {
          sourceId: 'ex_1',
          credentials: { email: 'ann@site.org', password: 'once' },
          exchangeId: ANY_EXCHANGE_ID
        }
      ]
    ])
    // Used for that send only: nothing saved with the hook.
    expect(bridge.callsOf('saveHook')).toEqual([])
    expect(store.getState().hooks.find((h) => h.id === 'hook_1')!.password).toBe('')

    // To another saved hook without a password: the same prompt, with that hook's email.
    await backToSource()
    await click('inspector-resend-to')
    fireEvent.change(screen.getByTestId('replay-target'), { target: { value: 'hook:hook_2' } })
    await click('replay-send')
    expect(screen.queryByTestId('password-prompt')).toBeNull()
    expect(field('replay-credentials-email').value).toBe('bob@site.org')
    expect(screen.getByTestId('replay-credentials-save').parentElement!.textContent).toBe(
      ' Save with the hook “Staging”'
    )
    await answer('kept', true)
    expect(bridge.callsOf('saveHook')).toEqual([
      [{ ...otherHook, email: 'bob@site.org', password: 'kept' }]
    ])
    expect(bridge.callsOf('replay')[1]).toEqual([
      {
        sourceId: 'ex_1',
        hookId: 'hook_2',
        credentials: { email: 'bob@site.org', password: 'kept' },
        exchangeId: ANY_EXCHANGE_ID
      }
    ])
    expect(store.getState().hooks.find((h) => h.id === 'hook_2')!.password).toBe('kept')

    // Edited: the same prompt again, for its own hook.
    await backToSource()
    await click('inspector-edit-resend')
    await click('replay-send')
    expect(field('replay-credentials-email').value).toBe('ann@site.org')
    await answer('edited')
    expect(bridge.callsOf('replay')[2]![0]).toMatchObject({
      sourceId: 'ex_1',
      credentials: { email: 'ann@site.org', password: 'edited' }
    })
  })

  it('a redacted capture asks with the email it arrived with; no hook, so nothing to save', async () => {
    const bridge = bridgeWith(redactEntry(makeCapture()))
    await open(bridge, 'cap_1')
    await click('inspector-resend-to')
    fireEvent.change(screen.getByTestId('replay-target'), { target: { value: 'url' } })
    fireEvent.change(screen.getByTestId('replay-url'), {
      target: { value: 'http://127.0.0.1:9999/x' }
    })
    await click('replay-send')
    expect(field('replay-credentials-email').value).toBe('ann@site.org')
    expect(screen.queryByTestId('replay-credentials-save')).toBeNull()
    await answer('pw')
    expect(bridge.callsOf('replay')).toEqual([
      [
        {
          sourceId: 'cap_1',
          url: 'http://127.0.0.1:9999/x',
          credentials: { email: 'ann@site.org', password: 'pw' },
          exchangeId: ANY_EXCHANGE_ID
        }
      ]
    ])
  })

  it('a failed save keeps the prompt open and sends nothing', async () => {
    const bridge = bridgeWith(makeExchange())
    bridge.saveHook = () => Promise.reject(new Error('disk full'))
    await open(bridge, 'ex_1')
    await click('inspector-resend')
    await answer('pw', true)
    expect(bridge.callsOf('replay')).toEqual([])
    expect(screen.getByTestId('replay-credentials')).toBeTruthy()
    expect(screen.getByText('Could not save the credentials with the hook: disk full')).toBeTruthy()
  })
})
