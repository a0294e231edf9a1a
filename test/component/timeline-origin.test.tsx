// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeCapture, makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { AllRows, renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

function tagOf(entryId: string): { origin: string | null; tag: string | null } {
  const row = screen
    .getAllByTestId('timeline-row')
    .find((el) => el.textContent?.includes(entryId) || el.dataset.rowId?.includes(entryId))
  if (!row) throw new Error(`no row for ${entryId}`)
  const tag = row.querySelector('[data-testid="timeline-origin"]')
  return { origin: row.dataset.origin ?? null, tag: tag?.textContent ?? null }
}

describe('timeline rows say what made them', () => {
  it('marks replays, forwarding legs, forwarded captures, checks and scenario steps only', async () => {
    const bridge = new FakeBridge()
    const url = (name: string) => ({ url: `http://127.0.0.1:9/${name}` })
    bridge.history = [
      makeExchange({ id: 'ex_plain', request: { ...makeExchange().request, ...url('plain') } }),
      makeExchange({
        id: 'ex_replay',
        replayOf: 'ex_plain',
        origin: 'replay',
        request: { ...makeExchange().request, ...url('replay') }
      }),
      makeExchange({
        id: 'ex_check',
        origin: 'check',
        request: { ...makeExchange().request, ...url('check') }
      }),
      makeExchange({
        id: 'ex_scn',
        origin: 'scenario',
        request: { ...makeExchange().request, ...url('scn') }
      }),
      makeExchange({
        id: 'ex_fwd',
        origin: 'forward',
        forwardOf: 'cap_fwd',
        request: { ...makeExchange().request, ...url('fwd') }
      }),
      makeCapture({ id: 'cap_plain', path: '/cap-plain' }),
      makeCapture({
        id: 'cap_fwd',
        path: '/cap-fwd',
        forward: { url: 'http://127.0.0.1:9/fwd', exchangeId: 'ex_fwd', error: null }
      })
    ]
    await renderWithStore(<AllRows />, bridge)
    expect(tagOf('/plain')).toEqual({ origin: null, tag: null })
    expect(tagOf('/replay')).toEqual({ origin: 'replay', tag: 'replay' })
    expect(tagOf('/check')).toEqual({ origin: 'check', tag: 'check' })
    expect(tagOf('/scn')).toEqual({ origin: 'scenario', tag: 'scenario' })
    expect(tagOf('/fwd')).toEqual({ origin: 'forward', tag: 'fwd' })
    expect(tagOf('/cap-plain')).toEqual({ origin: null, tag: null })
    expect(tagOf('/cap-fwd')).toEqual({ origin: 'forwarded', tag: 'fwd' })
  })
})

describe("the check's bad-input rows", () => {
  it('are labelled bad input, not insert; its valid probes keep their event', async () => {
    const bridge = new FakeBridge()
    const request = (name: string) => ({
      ...makeExchange().request,
      url: `http://127.0.0.1:9/${name}`
    })
    bridge.history = [
      makeExchange({
        id: 'ex_bad',
        origin: 'check',
        probe: 'bad input: malformed JSON',
        request: request('bad')
      }),
      makeExchange({ id: 'ex_lock', origin: 'check', probe: 'extra field', request: request('x') })
    ]
    await renderWithStore(<AllRows />, bridge)
    const rows = screen.getAllByTestId('timeline-row')
    const bad = rows.find((r) => r.textContent?.includes('/bad'))!
    const extra = rows.find((r) => r.textContent?.includes('/x'))!
    expect(bad.querySelector('.ev')?.textContent).toBe('bad input')
    expect(bad.querySelector('[data-testid="timeline-origin"]')?.getAttribute('title')).toBe(
      'Sent by the endpoint check: bad input: malformed JSON'
    )
    expect(extra.querySelector('.ev')?.textContent).toBe('insert')
  })
})
