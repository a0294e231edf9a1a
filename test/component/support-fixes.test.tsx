// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Composer } from '@renderer/components/composer/Composer'
import { RequestPreview } from '@renderer/components/composer/RequestPreview'
import { DispatchOverlay } from '@renderer/components/dispatch/DispatchOverlay'
import { HookEditor } from '@renderer/components/hooks/HookEditor'
import { suggestScheme } from '@renderer/lib/url-suggest'
import { makeExchange, makeHook } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderReplayView, renderWithStore } from '../helpers/render-app'
import html from '../../src/renderer/index.html?raw'

let copied: string[] = []
beforeEach(() => {
  copied = []
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void copied.push(text) }
  })
})
afterEach(cleanup)

const b64 = (text: string) => btoa(text)

describe('a URL typed without its scheme', () => {
  it('is offered with http:// for this machine and https:// elsewhere', () => {
    expect(suggestScheme('localhost:8080/hook')).toBe('http://localhost:8080/hook')
    expect(suggestScheme('127.0.0.1:4700/')).toBe('http://127.0.0.1:4700/')
    expect(suggestScheme('hooks.example.org/tk')).toBe('https://hooks.example.org/tk')
    expect(suggestScheme('http://localhost:8080/hook')).toBeNull()
    expect(suggestScheme('ftp://example.org/')).toBeNull()
    expect(suggestScheme('not a url')).toBeNull()
    expect(suggestScheme('')).toBeNull()
  })

  it('takes one click in the hook editor', async () => {
    const r = await renderWithStore(<HookEditor />)
    await act(async () => r.store.getState().openHookEditor(null))
    const url = screen.getByTestId('hook-url') as HTMLInputElement
    fireEvent.change(url, { target: { value: 'localhost:8080/hook' } })
    expect(screen.getByTestId('url-scheme-suggestion').textContent).toBe(
      'Did you mean http://localhost:8080/hook?'
    )
    fireEvent.click(screen.getByTestId('url-scheme-suggestion-use'))
    expect(url.value).toBe('http://localhost:8080/hook')
    expect(screen.queryByTestId('url-scheme-suggestion')).toBeNull()
  })
})

describe('the ProtocolError dialog after a 401', () => {
  function refused(authorization: string | null) {
    const ex = makeExchange({
      response: {
        status: 401,
        statusText: 'Unauthorized',
        headers: [['WWW-Authenticate', 'Basic realm="hook"']],
        bodyBase64: '',
        bodySize: 0,
        truncated: false
      },
      error: { kind: 'http-status', message: 'HTTP 401 Unauthorized' }
    })
    const headers = ex.request.headers.filter(([n]) => n !== 'Authorization')
    if (authorization) headers.push(['Authorization', authorization])
    return { ...ex, request: { ...ex.request, headers } }
  }

  it('says which email was sent and what the built-in receiver expects', async () => {
    const bridge = new FakeBridge()
    bridge.settings.behavior.expectedAuth = { email: 'bob@site.org', password: 'x' }
    const r = await renderWithStore(<DispatchOverlay />, bridge)
    const sent = `Basic ${b64('ann@site.org:p:w0rd')}`
    await act(async () => r.store.getState().showExchange(refused(sent)))
    const advice = screen.getByTestId('protocol-error-auth-advice').textContent!
    expect(advice).toContain('The hook sent the email ann@site.org and a password')
    expect(advice).toContain('expects the email bob@site.org (a different email)')
    expect(advice).toContain('Expected credentials')
    expect(advice).not.toContain('p:w0rd')
  })

  it('says the Unauthorized preset answers 401 to every request, not that the password is wrong', async () => {
    const bridge = new FakeBridge()
    bridge.settings.behavior.expectedAuth = null
    const r = await renderWithStore(<DispatchOverlay />, bridge)
    const sent = `Basic ${b64('ann@site.org:p:w0rd')}`
    const atReceiver = refused(sent)
    const url = 'http://127.0.0.1:4700/hook'
    await act(async () =>
      r.store.getState().showExchange({ ...atReceiver, request: { ...atReceiver.request, url } })
    )
    const advice = screen.getByTestId('protocol-error-auth-advice').textContent!
    expect(advice).toBe(
      'Unauthorized preset: 401 to every request. The built-in receiver expects no credentials; its behaviour answers 401 whatever the hook sends, so the hook’s email and password are not the cause. Pick another preset to see the save succeed.'
    )
  })

  it('says when no credentials were sent, and is absent for other statuses', async () => {
    const r = await renderWithStore(<DispatchOverlay />)
    const elsewhere = refused(null)
    const url = 'https://hooks.example.org/trialkit'
    await act(async () =>
      r.store.getState().showExchange({ ...elsewhere, request: { ...elsewhere.request, url } })
    )
    expect(screen.getByTestId('protocol-error-auth-advice').textContent).toContain(
      'The hook sent no credentials'
    )
    await act(async () => {
      r.store.getState().closeDispatch()
      r.store.getState().showExchange({
        ...makeExchange(),
        error: { kind: 'timeout', message: 'timed out' }
      })
    })
    expect(screen.getByTestId('protocol-error')).toBeTruthy()
    expect(screen.queryByTestId('protocol-error-auth-advice')).toBeNull()
  })
})

describe('the composer', () => {
  it('starts insert, update and review from the same trans_id', async () => {
    const bridge = new FakeBridge()
    bridge.settings.hooks = [makeHook()]
    const r = await renderWithStore(
      <>
        <Composer />
        <RequestPreview />
      </>,
      bridge
    )
    const transIds: string[] = []
    for (const event of ['insert', 'update', 'review'] as const) {
      await act(async () => r.store.getState().setEvent(event))
      const body = JSON.parse(screen.getByTestId('preview-body').textContent!)
      transIds.push(body.trans_id)
    }
    expect(transIds).toEqual(['436', '436', '436'])
    expect((screen.getByTestId('composer-reset') as HTMLButtonElement).disabled).toBe(true)
  })
})

describe('edit and re-send with a body that is not JSON', () => {
  it('says why, sends nothing, then sends it raw when asked', async () => {
    const bridge = new FakeBridge()
    bridge.history = [makeExchange()]
    bridge.answerReplays()
    await renderReplayView(bridge, 'ex_1')
    fireEvent.click(screen.getByTestId('inspector-edit-resend'))
    fireEvent.change(screen.getByTestId('replay-body'), {
      target: { value: '{"trans_id":"436",\n  "form_id":319,}' }
    })
    await act(async () => {
      fireEvent.click(screen.getByTestId('replay-send'))
    })
    const problem = screen.getByTestId('replay-body-invalid').textContent!
    expect(problem).toMatch(/Not valid JSON/)
    expect(problem).toMatch(/line 2 column/)
    expect(bridge.callsOf('replay')).toHaveLength(0)
    await act(async () => {
      fireEvent.click(screen.getByTestId('replay-send-raw'))
    })
    const [[request]] = bridge.callsOf('replay') as [[Record<string, unknown>]]
    expect(request.body).toBe('{"trans_id":"436",\n  "form_id":319,}')
  })
})

describe('copying from the inspector', () => {
  it('copies the body exactly and the headers as Name: value lines', async () => {
    const bridge = new FakeBridge()
    const ex = makeExchange()
    bridge.history = [ex]
    await renderReplayView(bridge, 'ex_1')
    await act(async () => {
      fireEvent.click(screen.getByTestId('inspector-request-body-copy'))
    })
    expect(copied.at(-1)).toBe(ex.request.body)
    await act(async () => {
      fireEvent.click(screen.getByTestId('inspector-request-headers-copy'))
    })
    const lines = copied.at(-1)!.split('\n')
    expect(lines).toEqual(ex.request.headers.map(([n, v]) => `${n}: ${v}`))
  })

  it('copies cURL without secrets as -u with the email and $HOOK_PASSWORD', async () => {
    const bridge = new FakeBridge()
    const ex = makeExchange()
    bridge.history = [ex]
    await renderReplayView(bridge, 'ex_1')
    await act(async () => {
      fireEvent.click(screen.getByTestId('inspector-copy-curl'))
    })
    const command = copied.at(-1)!
    expect(command).toContain(`-u 'ann@site.org:'"$HOOK_PASSWORD"`)
    expect(command).not.toMatch(/Authorization/i)
    expect(command).not.toContain('p:w0rd')
    expect(command).not.toContain(b64('ann@site.org:p:w0rd'))
  })
})

describe('the favicon', () => {
  it('is linked from the page, so the browser does not ask for a missing /favicon.ico', () => {
    expect(html).toMatch(
      /<link rel="icon" type="image\/png" href="..\/..\/resources\/icon.png" \/>/
    )
  })
})
