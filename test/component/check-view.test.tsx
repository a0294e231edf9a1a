// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { CheckView } from '@renderer/components/check/CheckView'
import type { CheckReport, CheckRequest } from '@shared/check'
import { checkReport, makeExchange, makeHook } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

function report(patch: Partial<CheckReport> = {}): CheckReport {
  return checkReport([], {
    url: 'http://127.0.0.1:9000/hook',
    startedAt: '2026-11-28T10:00:00.000Z',
    finishedAt: '2026-11-28T10:00:01.000Z',
    timeoutMs: 30_000,
    requestsSent: 13,
    verdict: 'fail',
    headline: 'Not ready: TrialKit users would see ProtocolErrors.',
    rootCause: null,
    summary: '1 passed, 0 warnings, 1 failed, 0 skipped; 13 requests sent',
    items: [
      {
        id: 'insert',
        title: 'Insert answered 2xx in time',
        status: 'pass',
        summary: '3 of 3 answered 2xx in time.',
        evidence: ['insert #1: HTTP 200 in 4 ms'],
        exchangeIds: ['ex_1']
      },
      {
        id: 'bad-input',
        title: 'Bad input gets a 4xx',
        status: 'fail',
        summary: 'A malformed or unknown body got a 5xx.',
        evidence: ['malformed JSON: HTTP 500 in 2 ms'],
        exchangeIds: ['ex_gone']
      }
    ],
    ...patch
  })
}

function bridgeWithHook(): FakeBridge {
  const bridge = new FakeBridge()
  const hook = makeHook({
    id: 'h1',
    name: 'Site A',
    url: 'https://a.example/hook',
    timeoutSeconds: 12
  })
  bridge.settings = {
    ...bridge.settings,
    hooks: [{ ...hook, email: 'ann@a.example', password: 'pw' }]
  }
  bridge.settings.preferences.activeHookId = 'h1'
  bridge.history = [makeExchange({ id: 'ex_1' })]
  return bridge
}

describe('check endpoint view', () => {
  it('starts from the active hook, runs the check with its values, and shows the checklist', async () => {
    const bridge = bridgeWithHook()
    const seen: CheckRequest[] = []
    bridge.runCheckImpl = async (request) => {
      seen.push(request)
      return report()
    }
    const r = await renderWithStore(<CheckView />, bridge)
    expect((screen.getByTestId('check-url') as HTMLInputElement).value).toBe(
      'https://a.example/hook'
    )
    await act(async () => {
      fireEvent.click(screen.getByTestId('check-run'))
    })
    expect(seen).toEqual([
      { url: 'https://a.example/hook', email: 'ann@a.example', password: 'pw', timeoutSeconds: 12 }
    ])
    expect(screen.getByTestId('check-report').dataset.verdict).toBe('fail')
    expect(screen.getByTestId('check-item-insert').dataset.status).toBe('pass')
    expect(screen.getByTestId('check-item-bad-input').textContent).toContain('HTTP 500')
    // Evidence in the history links to its timeline row; evidence no longer there is plain text.
    const link = screen.getByTestId('check-item-insert').querySelector('button')!
    await act(async () => {
      fireEvent.click(link)
    })
    expect(r.store.getState().selectedRowId).toBe(r.store.getState().history.rowOf.get('ex_1'))
    expect(screen.getByTestId('check-item-bad-input').querySelector('button')).toBeNull()
  })

  it('names a bad field without calling the engine, and shows an engine error inline', async () => {
    const bridge = new FakeBridge()
    bridge.runCheckImpl = () => Promise.reject(new Error('url: something is off'))
    await renderWithStore(<CheckView />, bridge)
    fireEvent.change(screen.getByTestId('check-url'), { target: { value: 'ftp://x/' } })
    fireEvent.change(screen.getByTestId('check-timeout'), { target: { value: '0' } })
    await act(async () => {
      fireEvent.click(screen.getByTestId('check-run'))
    })
    expect(screen.getByTestId('check-url-error').textContent).toMatch(/ftp/)
    expect(screen.getByTestId('check-timeout-error').textContent).toMatch(/1 to 300/)
    expect(bridge.callsOf('runCheck')).toHaveLength(0)

    fireEvent.change(screen.getByTestId('check-url'), { target: { value: 'http://127.0.0.1:1/' } })
    fireEvent.change(screen.getByTestId('check-timeout'), { target: { value: '5' } })
    await act(async () => {
      fireEvent.click(screen.getByTestId('check-run'))
    })
    expect(bridge.callsOf('runCheck')).toHaveLength(1)
    expect(screen.getByTestId('check-error').textContent).toBe('url: something is off')
    expect(screen.queryByTestId('check-report')).toBeNull()
  })

  it('shows items that could not run as "– not run", counted apart, and "1 request"', async () => {
    const bridge = new FakeBridge()
    bridge.runCheckImpl = async () =>
      report({
        requestsSent: 1,
        summary: '0 passed, 0 warnings, 1 failed, 0 skipped, 1 not run; 1 request sent',
        items: [
          {
            id: 'insert',
            title: 'Insert answered 2xx in time',
            status: 'fail',
            summary: 'connection-refused: the TrialKit user sees a ProtocolError.',
            evidence: [],
            exchangeIds: []
          },
          {
            id: 'update',
            title: 'Update answered 2xx in time',
            status: 'not-run',
            summary: 'Not run: Connection refused by 127.0.0.1:9.',
            reason: 'Connection refused by 127.0.0.1:9',
            evidence: [],
            exchangeIds: []
          }
        ]
      })
    await renderWithStore(<CheckView />, bridge)
    fireEvent.change(screen.getByTestId('check-url'), {
      target: { value: 'http://127.0.0.1:9/hook' }
    })
    await act(async () => {
      fireEvent.click(screen.getByTestId('check-run'))
    })
    const update = screen.getByTestId('check-item-update')
    expect(update.dataset.status).toBe('not-run')
    expect(update.querySelector('.verdict-mark')?.textContent).toBe('–')
    expect(update.querySelector('.verdict-mark')?.getAttribute('aria-label')).toBe('not run')
    expect(update.textContent).toContain('not run')
    expect(update.textContent).toContain('Connection refused')
    // The engine's words, as the CLI prints them too.
    expect(screen.getByTestId('check-counts').textContent).toBe(
      '0 passed, 0 warnings, 1 failed, 0 skipped, 1 not run; 1 request sent to http://127.0.0.1:9000/hook'
    )
  })

  it('shows the root cause before the items, and the headline the engine wrote', async () => {
    const bridge = new FakeBridge()
    const rootCause = {
      summary:
        'Every event (insert, update, review) got HTTP 415 Unsupported Media Type, answering {"error":"expected application/json"}.',
      evidence: ['insert #1: HTTP 415, http-status after 3 ms — HTTP 415 Unsupported Media Type']
    }
    bridge.runCheckImpl = async () =>
      report({
        headline: 'Not ready: every real save gets the same refusal (see the root cause).',
        rootCause
      })
    await renderWithStore(<CheckView />, bridge)
    fireEvent.change(screen.getByTestId('check-url'), {
      target: { value: 'http://127.0.0.1:9/hook' }
    })
    await act(async () => {
      fireEvent.click(screen.getByTestId('check-run'))
    })
    const cause = screen.getByTestId('check-root-cause')
    expect(cause.textContent).toBe(`Root cause: ${rootCause.summary}${rootCause.evidence[0]}`)
    expect(screen.getByTestId('check-verdict').textContent).toMatch(
      /^Not ready: every real save gets the same refusal \(see the root cause\)\. /
    )
    // Printed first: the root cause comes before the checklist in the page.
    const list = screen.getByTestId('check-item-insert')
    expect(cause.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })
})
