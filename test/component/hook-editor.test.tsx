// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { HooksPanel } from '@renderer/components/hooks/HooksPanel'
import { ReceiverPanel } from '@renderer/components/receiver/ReceiverPanel'
import { makeHook } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

const change = (testId: string, value: string): void => {
  fireEvent.change(screen.getByTestId(testId), { target: { value } })
}

async function save(): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByTestId('hook-save'))
  })
}

describe('hook editor', () => {
  it('shows what is wrong under each field and saves nothing', async () => {
    const r = await renderWithStore(<HooksPanel />)
    fireEvent.click(screen.getByTestId('hook-new'))
    change('hook-url', 'example.org/hook')
    change('hook-timeout', '0')
    await save()
    expect(screen.getByTestId('hook-name-error').textContent).toContain('Give the hook a name')
    expect(screen.getByTestId('hook-url-error').textContent).toContain('not an absolute URL')
    expect(screen.getByTestId('hook-timeout-error').textContent).toBe(
      'A whole number of seconds, 1 to 300.'
    )
    change('hook-timeout', '301')
    change('hook-url', 'http://user:pw@example.org/')
    await save()
    expect(screen.getByTestId('hook-timeout-error')).toBeTruthy()
    expect(screen.getByTestId('hook-url-error').textContent).toContain('contains credentials')
    expect(r.bridge.callsOf('saveHook')).toEqual([])
  })

  it('creates a hook with a masked password (revealed on demand) and makes it active', async () => {
    const r = await renderWithStore(<HooksPanel />)
    fireEvent.click(screen.getByTestId('hook-new'))
    change('hook-name', 'ONCO-301')
    change('hook-url', 'https://hooks.example.org/tk')
    change('hook-email', 'ann@site.org')
    change('hook-password', 'p:w0rd')
    const password = screen.getByTestId('hook-password') as HTMLInputElement
    expect(password.type).toBe('password')
    fireEvent.click(screen.getByTestId('hook-password-reveal'))
    expect(password.type).toBe('text')
    change('hook-timeout', '45')
    fireEvent.click(screen.getByTestId('hook-insecure'))
    await save()
    expect(r.bridge.callsOf('saveHook')).toEqual([
      [
        {
          name: 'ONCO-301',
          url: 'https://hooks.example.org/tk',
          email: 'ann@site.org',
          password: 'p:w0rd',
          timeoutSeconds: 45,
          insecureTls: true,
          enabled: true
        }
      ]
    ])
    expect(screen.queryByTestId('hook-editor')).toBeNull()
    const item = screen.getByTestId('hook-item')
    expect(item.dataset.active).toBe('true')
    expect(r.bridge.callsOf('setPreferences').at(-1)).toEqual([{ activeHookId: 'hook_new_1' }])
  })

  it('keeps what the editor does not show (the event templates) when a hook is edited', async () => {
    const bridge = new FakeBridge()
    const templates = { insert: '{"trans_id":"1"}', update: null, review: null }
    bridge.settings.hooks = [makeHook({ templates })]
    const r = await renderWithStore(<HooksPanel />, bridge)
    fireEvent.click(screen.getByTestId('hook-edit'))
    change('hook-name', 'ONCO-302')
    await save()
    expect(r.bridge.callsOf('saveHook')).toEqual([[makeHook({ name: 'ONCO-302', templates })]])
  })

  it('duplicates into a new draft and deletes after confirmation', async () => {
    const bridge = new FakeBridge()
    bridge.settings.hooks = [makeHook()]
    const r = await renderWithStore(<HooksPanel />, bridge)
    fireEvent.click(screen.getByTestId('hook-duplicate'))
    expect((screen.getByTestId('hook-name') as HTMLInputElement).value).toBe('ONCO-301 (copy)')
    await save()
    expect(r.bridge.settings.hooks).toHaveLength(2)
    expect(r.bridge.settings.hooks[1]!.password).toBe('p:w0rd')

    fireEvent.click(screen.getAllByTestId('hook-delete')[0]!)
    expect(r.bridge.callsOf('deleteHook')).toEqual([])
    await act(async () => {
      fireEvent.click(screen.getByTestId('hook-delete-confirm-ok'))
    })
    expect(r.bridge.callsOf('deleteHook')).toEqual([['hook_1']])
    expect(screen.getAllByTestId('hook-item')).toHaveLength(1)
  })

  it('"Use as hook URL" fills the editor with the receiver URL', async () => {
    await renderWithStore(
      <>
        <HooksPanel />
        <ReceiverPanel />
      </>
    )
    fireEvent.click(screen.getByTestId('receiver-use-url'))
    expect((screen.getByTestId('hook-url') as HTMLInputElement).value).toBe(
      'http://127.0.0.1:4700/'
    )
    expect((screen.getByTestId('hook-name') as HTMLInputElement).value).toBe('Built-in receiver')
  })

  it('restarts the receiver on another port and warns when it is exposed on the LAN', async () => {
    const r = await renderWithStore(<ReceiverPanel />)
    change('receiver-port', '99999')
    expect(screen.getByTestId('receiver-port-error')).toBeTruthy()
    change('receiver-port', '4800')
    await act(async () => {
      fireEvent.click(screen.getByTestId('receiver-restart'))
    })
    expect(r.bridge.callsOf('startReceiver')).toEqual([[{ port: 4800 }]])
    expect(screen.getByTestId('receiver-url').textContent).toBe('http://127.0.0.1:4800/')
    expect(screen.queryByTestId('receiver-exposed')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByTestId('receiver-lan'))
    })
    expect(screen.getByTestId('receiver-exposed').textContent).toContain('anyone on your network')
  })
})
