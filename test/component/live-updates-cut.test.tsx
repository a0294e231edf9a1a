// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHttpBridge } from '@renderer/bridge/http-bridge'
import { NoticeBanner } from '@renderer/components/layout/NoticeBanner'
import { createAppStore } from '@renderer/store/app-store'
import { AppProvider } from '@renderer/store/store-context'
import { defaultSettings } from '@shared/defaults'
import { makeCapture } from '../helpers/builders'
import { FakeSource } from '../helpers/fake-event-source'

afterEach(() => {
  cleanup()
  FakeSource.all = []
})

function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } })
}

describe('browser UI: live updates cut because the tab fell behind', () => {
  it('shows a warning with Reload; Reload reopens the stream and loads what was missed', async () => {
    const fetch = vi.fn(async (url: string) => {
      if (url.endsWith('/getSettings')) return jsonResponse({ result: defaultSettings() })
      if (url.endsWith('/getInfo'))
        return jsonResponse({ result: { receiver: { running: true }, notices: [] } })
      if (url.endsWith('/listHistory'))
        return jsonResponse({ result: [makeCapture({ id: 'cap_missed' })] })
      return jsonResponse({ result: null })
    })
    const bridge = createHttpBridge({
      baseUrl: '',
      token: 'tok',
      fetch: fetch as unknown as typeof globalThis.fetch,
      createEventSource: (url) => new FakeSource(url)
    })
    const store = createAppStore(bridge)
    store.getState().connectEvents()
    render(
      <AppProvider store={store}>
        <NoticeBanner />
      </AppProvider>
    )
    expect(screen.queryByTestId('notice')).toBeNull()

    await act(async () =>
      FakeSource.all[0]!.sendNamed(
        'reload',
        JSON.stringify({ reason: 'the open tabs together fell more than 64 MiB behind' })
      )
    )
    const notice = screen.getByTestId('notice')
    expect(notice.className).toContain('notice-warning')
    expect(notice.textContent).toMatch(/Live updates stopped: this tab fell behind/)
    expect(notice.textContent).toMatch(/64 MiB/)
    // Reload, not a plain dismiss: dismissing it would leave the timeline stale without a word.
    expect(screen.queryByTestId('notice-dismiss')).toBeNull()
    expect(FakeSource.all[0]!.closed).toBe(true)

    await act(async () => fireEvent.click(screen.getByTestId('notice-reload')))
    expect(screen.queryByTestId('notice')).toBeNull()
    expect(FakeSource.all).toHaveLength(2)
    expect(fetch.mock.calls.map(([url]) => url)).not.toContain('/api/dismissNotice')
    await act(async () => FakeSource.all[1]!.onopen?.(new Event('open')))
    await vi.waitFor(() => expect(store.getState().history.rowOf.has('cap_missed')).toBe(true))
  })
})
