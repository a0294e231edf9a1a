// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Composer } from '@renderer/components/composer/Composer'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { bytesToBase64, utf8Encode } from '@shared/bytes'
import { makeCapture, makeHook } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

const REAL = '{"trans_id":"9","form_id":"1","form_name":"Vitals","OnInsert":true,"site_id":"S01"}'

describe('Use as template', () => {
  it('makes the active hook fire the captured shape, and can be undone', async () => {
    const bridge = new FakeBridge()
    bridge.settings = {
      ...bridge.settings,
      hooks: [makeHook({ id: 'hook_1' })],
      preferences: { ...bridge.settings.preferences, activeHookId: 'hook_1' }
    }
    const capture = makeCapture({
      event: 'insert',
      bodyBase64: bytesToBase64(utf8Encode(REAL)),
      bodySize: REAL.length,
      json: JSON.parse(REAL),
      docDiff: []
    })
    bridge.history = [capture]
    const r = await renderWithStore(
      <>
        <Composer />
        <Inspector />
      </>,
      bridge
    )
    await act(async () => {
      r.store.getState().selectRow(r.store.getState().history.rowOf.get(capture.id) ?? null)
    })
    expect(screen.queryByTestId('template-notice')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByTestId('use-as-template'))
    })
    const saved = bridge.callsOf('saveHook').at(-1)?.[0] as { templates?: { insert: string } }
    expect(saved.templates?.insert).toBe(REAL)
    expect(screen.getByTestId('template-notice').textContent).toContain('captured shape')

    await act(async () => {
      await r.store.getState().fire()
    })
    const fired = bridge.callsOf('fire').at(-1)?.[0] as { hookId: string; event: string }
    expect(fired).toMatchObject({ hookId: 'hook_1', event: 'insert' })
    expect(r.store.getState().hooks[0]?.templates?.insert).toBe(REAL)

    await act(async () => {
      fireEvent.click(screen.getByTestId('template-reset'))
    })
    expect(r.store.getState().hooks[0]?.templates?.insert).toBeNull()
    expect(screen.queryByTestId('template-notice')).toBeNull()
  })
})
