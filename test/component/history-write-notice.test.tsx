// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { NoticeBanner } from '@renderer/components/layout/NoticeBanner'
import { makeCapture } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

describe('history that cannot be written', () => {
  it('shows the failure as a red alert banner and takes it away when the engine clears it', async () => {
    const r = await renderWithStore(<NoticeBanner />)
    const notice = {
      id: 'notice_disk',
      level: 'error' as const,
      message: 'History cannot be written'
    }
    await act(async () => r.store.getState().applyEvents([{ type: 'notice', data: notice }]))
    const banner = screen.getByTestId('notice')
    expect(banner.className).toContain('notice-error')
    expect(banner.getAttribute('role')).toBe('alert')
    await act(async () =>
      r.store.getState().applyEvents([{ type: 'notice-cleared', data: { id: 'notice_disk' } }])
    )
    expect(screen.queryByTestId('notice')).toBeNull()
  })

  it('marks a capture kept in memory only as not saved in the inspector', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeCapture({ notSaved: true, response: { status: 503, delayMs: 0, fault: 'none' } })
    ]
    const r = await renderWithStore(<Inspector />, bridge)
    await act(async () => {
      r.store.getState().selectRow(r.store.getState().history.rowOf.get('cap_1') ?? null)
    })
    expect(screen.getByTestId('inspector-not-saved').textContent).toMatch(/Not saved/)
    expect(screen.getByTestId('inspector-answer-outcome').textContent).toBe(
      'Answered 503 after 0 ms'
    )
  })
})
