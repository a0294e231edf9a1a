// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { redactEntry } from '@shared/har'
import { REDACTED_AUTHORIZATION_MESSAGE } from '@shared/replay-credentials'
import { ValidationError } from '@shared/validation'
import { makeCapture, makeExchange, makeHook, ANY_EXCHANGE_ID } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { clickTestId, renderReplayView } from '../helpers/render-app'

afterEach(cleanup)

/** An exchange read from a HAR exported without secrets: `Authorization: [redacted]`. */
const imported = redactEntry(makeExchange({ hookId: null, imported: true }))

function bridgeWith(...history: Parameters<typeof redactEntry>[0][]): FakeBridge {
  const bridge = new FakeBridge()
  bridge.history = history
  bridge.answerReplays()
  return bridge
}

const open = renderReplayView
const click = clickTestId

describe('re-sending an entry whose Authorization was redacted on export', () => {
  it('asks for the email and password inline instead of sending, then sends with them', async () => {
    const bridge = bridgeWith(imported)
    await open(bridge, imported.id)
    await click('inspector-resend')
    expect(bridge.callsOf('replay')).toEqual([])
    const prompt = screen.getByRole('form', { name: 'Credentials needed to re-send' })
    expect(prompt.getAttribute('aria-describedby')).toBeTruthy()
    expect(screen.getByTestId('replay-credentials-why').textContent).toMatch(
      /Authorization was redacted when it was exported/
    )
    const email = within(prompt).getByLabelText('Email') as HTMLInputElement
    const password = screen.getByTestId('replay-credentials-password') as HTMLInputElement
    expect(password.type).toBe('password')
    // No modal: it is asked where the user clicked.
    expect(screen.queryByRole('dialog')).toBeNull()
    // The email the entry was sent with was kept beside the redacted header: pre-filled, so the
    // focus is on the password, what is left to give.
    expect(email.value).toBe('ann@site.org')
    expect(document.activeElement).toBe(password)

    fireEvent.change(email, { target: { value: '' } })
    await click('replay-credentials-send')
    expect(screen.getByTestId('replay-credentials-email-error').textContent).toBe(
      'must not be empty'
    )
    expect(email.getAttribute('aria-invalid')).toBe('true')
    expect(bridge.callsOf('replay')).toEqual([])

    fireEvent.change(email, { target: { value: 'ann@site.org' } })
    fireEvent.change(password, { target: { value: 'pä:ss' } })
    await click('replay-credentials-send')
    expect(bridge.callsOf('replay')).toEqual([
      [
        {
          sourceId: imported.id,
          credentials: { email: 'ann@site.org', password: 'pä:ss' },
          exchangeId: ANY_EXCHANGE_ID
        }
      ]
    ])
    expect(screen.queryByTestId('replay-credentials')).toBeNull()
    expect(screen.getByTestId('dispatch-saved')).toBeTruthy()
  })

  it('sends nothing when the prompt is cancelled', async () => {
    const bridge = bridgeWith(imported)
    await open(bridge, imported.id)
    await click('inspector-resend')
    await click('replay-credentials-cancel')
    expect(screen.queryByTestId('replay-credentials')).toBeNull()
    expect(bridge.callsOf('replay')).toEqual([])
  })

  it('asks before re-sending to a URL, not before re-sending with a saved hook', async () => {
    const bridge = bridgeWith(redactEntry(makeCapture()))
    bridge.settings.hooks = [makeHook({ id: 'h2', name: 'Staging' })]
    const { store } = await open(bridge, 'cap_1')
    await click('inspector-resend-to')
    await click('replay-send')
    expect(screen.queryByTestId('replay-credentials')).toBeNull()
    expect(bridge.callsOf('replay')).toEqual([
      [{ sourceId: 'cap_1', hookId: 'h2', exchangeId: ANY_EXCHANGE_ID }]
    ])
    // The new exchange is selected; back to the capture.
    await act(async () => store.getState().selectRow(store.getState().history.rowOf.get('cap_1')!))

    await click('inspector-resend-to')
    fireEvent.change(screen.getByTestId('replay-target'), { target: { value: 'url' } })
    fireEvent.change(screen.getByTestId('replay-url'), {
      target: { value: 'http://127.0.0.1:9999/x' }
    })
    await click('replay-send')
    expect(screen.queryByTestId('replay-dialog')).toBeNull()
    expect(bridge.callsOf('replay')).toHaveLength(1)
    fireEvent.change(screen.getByTestId('replay-credentials-email'), {
      target: { value: 'ann@site.org' }
    })
    await click('replay-credentials-send')
    expect(bridge.callsOf('replay')[1]).toEqual([
      {
        sourceId: 'cap_1',
        url: 'http://127.0.0.1:9999/x',
        credentials: { email: 'ann@site.org', password: '' },
        exchangeId: ANY_EXCHANGE_ID
      }
    ])
  })

  it('asks when an edited re-send still has the redacted Authorization, and keeps the edits', async () => {
    const bridge = bridgeWith(imported)
    await open(bridge, imported.id)
    await click('inspector-edit-resend')
    fireEvent.change(screen.getByTestId('replay-body'), { target: { value: '{"edited":true}' } })
    await click('replay-send')
    expect(bridge.callsOf('replay')).toEqual([])
    fireEvent.change(screen.getByTestId('replay-credentials-email'), {
      target: { value: 'ann@site.org' }
    })
    fireEvent.change(screen.getByTestId('replay-credentials-password'), {
      target: { value: 'pw' }
    })
    await click('replay-credentials-send')
    const [[request]] = bridge.callsOf('replay') as [[Record<string, unknown>]]
    expect(request).toMatchObject({
      sourceId: imported.id,
      body: '{"edited":true}',
      credentials: { email: 'ann@site.org', password: 'pw' }
    })
    expect(request.headers).toContainEqual(['Authorization', '[redacted]'])
  })

  it('asks too when the engine refuses for want of credentials: the field says so, not the words', async () => {
    const bridge = bridgeWith(makeExchange({ hookId: null }))
    bridge.replayImpl = () =>
      Promise.reject(new ValidationError(REDACTED_AUTHORIZATION_MESSAGE, 'credentials'))
    await open(bridge, 'ex_1')
    await click('inspector-resend')
    expect(bridge.callsOf('replay')).toHaveLength(1)
    expect(screen.getByTestId('replay-credentials')).toBeTruthy()
    expect(screen.queryByText(/Could not re-send/)).toBeNull()
    cleanup()
    // The same words without the field are an error like any other: nothing matches message text.
    const other = bridgeWith(makeExchange({ hookId: null }))
    other.replayImpl = () => Promise.reject(new Error(REDACTED_AUTHORIZATION_MESSAGE))
    const r = await open(other, 'ex_1')
    await click('inspector-resend')
    expect(screen.queryByTestId('replay-credentials')).toBeNull()
    expect(r.store.getState().toasts.at(-1)?.message).toBe(
      `Could not re-send: ${REDACTED_AUTHORIZATION_MESSAGE}`
    )
  })

  it('the fake bridge refuses as the engine does', async () => {
    const bridge = bridgeWith(imported)
    await expect(bridge.replay({ sourceId: imported.id })).rejects.toMatchObject({
      message: REDACTED_AUTHORIZATION_MESSAGE,
      field: 'credentials'
    })
  })
})

describe('re-sending an imported row as it was: the confirmation names where it will go', () => {
  const recorded = 'http://192.0.2.10:8080/hook'
  /** An imported exchange recorded against `recorded`, sent by the hook `hook_1`. */
  function importedRow() {
    const row = makeExchange({ imported: true })
    return { ...row, request: { ...row.request, url: recorded } }
  }

  it('asks with the recorded URL when its hook is not saved here', async () => {
    const bridge = bridgeWith(importedRow())
    await open(bridge, 'ex_1')
    await click('inspector-resend')
    expect(screen.getByTestId('confirm-resend-url').textContent).toBe(recorded)
    expect(bridge.callsOf('replay')).toEqual([])
  })

  it('asks with the saved hook’s URL when that is where the engine sends it', async () => {
    const bridge = bridgeWith(importedRow())
    const target = 'https://study.example.org/hook'
    bridge.settings.hooks = [makeHook({ url: target })]
    await open(bridge, 'ex_1')
    await click('inspector-resend')
    expect(screen.getByTestId('confirm-resend-url').textContent).toBe(target)
    expect(bridge.callsOf('replay')).toEqual([])
  })

  it('sends at once when its saved hook is on this machine', async () => {
    const bridge = bridgeWith(importedRow())
    bridge.settings.hooks = [makeHook()]
    await open(bridge, 'ex_1')
    await click('inspector-resend')
    expect(screen.queryByTestId('confirm-resend')).toBeNull()
    expect(bridge.callsOf('replay')).toEqual([[{ sourceId: 'ex_1', exchangeId: ANY_EXCHANGE_ID }]])
  })
})
