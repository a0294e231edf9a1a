// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Composer } from '@renderer/components/composer/Composer'
import { RequestPreview } from '@renderer/components/composer/RequestPreview'
import { useShortcuts } from '@renderer/hooks/use-shortcuts'
import { utf8Length } from '@shared/bytes'
import { buildEventBody } from '@shared/trialkit'
import { buildWireRequest, userAgentFor } from '@shared/wire-request'
import { makeHook, ANY_EXCHANGE_ID } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import insert from '../fixtures/trialkit/insert.json?raw'
import review from '../fixtures/trialkit/review.json?raw'
import update from '../fixtures/trialkit/update.json?raw'
import { renderWithStore } from '../helpers/render-app'

const FIXTURES: Record<string, string> = { insert, update, review }
const fixture = (name: string): string => FIXTURES[name]!
/** TrialKit's samples use trans_id 435 for update and review; the composer keeps one record (436). */
const oneRecord = (name: string): string =>
  fixture(name).replace('"trans_id":"435"', '"trans_id":"436"')

function Shortcuts() {
  useShortcuts()
  return null
}

async function setup() {
  const bridge = new FakeBridge()
  bridge.settings.hooks = [makeHook()]
  bridge.settings.preferences.activeHookId = 'hook_1'
  return renderWithStore(
    <>
      <Shortcuts />
      <Composer />
      <RequestPreview />
    </>,
    bridge
  )
}

afterEach(cleanup)

describe('request preview', () => {
  it('shows the exact insert bytes of the TrialKit fixture, with their byte count', async () => {
    await setup()
    const body = screen.getByTestId('preview-body').textContent
    expect(body).toBe(fixture('insert'))
    expect(screen.getByTestId('preview-body-size').textContent).toContain(
      `${utf8Length(fixture('insert'))} bytes`
    )
  })

  it('shows update and review bodies byte for byte after the 2 / 3 shortcuts, one trans_id for all', async () => {
    await setup()
    await act(async () => {
      fireEvent.keyDown(window, { key: '2', code: 'Digit2' })
    })
    expect(screen.getByTestId('preview-body').textContent).toBe(oneRecord('update'))
    await act(async () => {
      fireEvent.keyDown(window, { key: '3', code: 'Digit3' })
    })
    expect(screen.getByTestId('preview-body').textContent).toBe(oneRecord('review'))
    expect(screen.getByTestId('review-level')).toBeTruthy()
  })

  it('lists exactly the headers buildWireRequest makes, in order, with Authorization decoded', async () => {
    await setup()
    const hook = makeHook()
    const built = buildWireRequest(hook, buildEventBody('insert'), userAgentFor('9.9.9'))
    if (!built.ok) throw new Error(built.message)
    const rows = screen.getAllByTestId('preview-header').map((tr) => {
      const name = tr.querySelector('th')!.textContent
      const value = tr.querySelector('.header-value')!.textContent
      return [name, value]
    })
    expect(rows).toEqual(built.request.headers)
    expect(screen.getByTestId('preview-request-line').textContent).toBe(
      'POST /hook?study=7 HTTP/1.1'
    )
    expect(screen.getByTestId('preview-auth-email').textContent).toBe('ann@site.org')
    const password = screen.getByTestId('preview-auth-password')
    expect(password.textContent).not.toContain('p:w0rd')
    fireEvent.click(screen.getByTestId('preview-auth-password-reveal'))
    expect(screen.getByTestId('preview-auth-password').textContent).toBe('p:w0rd')
  })

  it('follows field edits and review level presets', async () => {
    await setup()
    fireEvent.change(screen.getByTestId('field-trans-id'), { target: { value: '9001' } })
    expect(screen.getByTestId('preview-body').textContent).toBe(
      buildEventBody('insert', { trans_id: '9001' })
    )
    fireEvent.click(screen.getByTestId('event-type-review'))
    fireEvent.click(screen.getByTestId('review-level-3'))
    const body = JSON.parse(screen.getByTestId('preview-body').textContent!)
    expect(body.wf_status).toBe(12)
    expect(body.wf_object.wf_seq).toBe(3)
    expect(body.trans_id).toBe('9001')
    // Soft review exists on the first level only.
    expect((screen.getByTestId('wf-soft') as HTMLInputElement).disabled).toBe(true)
    fireEvent.click(screen.getByTestId('review-level-1'))
    expect((screen.getByTestId('wf-soft') as HTMLInputElement).disabled).toBe(false)
    const length = screen.getByTestId('preview-body').textContent!
    expect(screen.getByTestId('preview-body-size').textContent).toContain(
      `${utf8Length(length)} bytes`
    )
  })

  it('sends raw text verbatim and flags invalid JSON without blocking it', async () => {
    const r = await setup()
    fireEvent.click(screen.getByTestId('composer-mode-raw'))
    const raw = screen.getByTestId('raw-body') as HTMLTextAreaElement
    expect(raw.value).toBe(fixture('insert'))
    fireEvent.change(raw, { target: { value: '{"trans_id": 7,' } })
    expect(screen.getByTestId('raw-json-invalid')).toBeTruthy()
    expect(screen.getByTestId('preview-body').textContent).toBe('{"trans_id": 7,')
    const contentLength = screen
      .getAllByTestId('preview-header')
      .find((tr) => tr.querySelector('th')!.textContent === 'Content-Length')!
    expect(within(contentLength).getByText('15')).toBeTruthy()
    expect((screen.getByTestId('fire') as HTMLButtonElement).disabled).toBe(false)
    r.bridge.fireImpl = () => new Promise(() => undefined)
    fireEvent.click(screen.getByTestId('fire'))
    expect(r.bridge.callsOf('fire')[0]![0]).toEqual({
      hookId: 'hook_1',
      event: 'insert',
      rawBody: '{"trans_id": 7,',
      exchangeId: ANY_EXCHANGE_ID
    })
  })

  it('explains an unusable URL instead of showing a request', async () => {
    const bridge = new FakeBridge()
    bridge.settings.hooks = [makeHook({ url: 'ftp://files.example.org/x' })]
    await renderWithStore(<RequestPreview />, bridge)
    expect(screen.getByTestId('preview-error').textContent).toContain('"ftp" is not supported')
    expect(screen.queryByTestId('preview-body')).toBeNull()
  })

  it('shows no Authorization header when the hook has no email', async () => {
    const bridge = new FakeBridge()
    bridge.settings.hooks = [makeHook({ email: '', password: 'secret' })]
    await renderWithStore(<RequestPreview />, bridge)
    const names = screen
      .getAllByTestId('preview-header')
      .map((tr) => tr.querySelector('th')!.textContent)
    expect(names).toEqual(['Host', 'Content-Type', 'Content-Length', 'User-Agent', 'Connection'])
    expect(screen.queryByTestId('preview-auth')).toBeNull()
  })
})
