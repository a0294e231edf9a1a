// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ShareDialog } from '@renderer/components/share/ShareDialog'
import { makeCapture, makeExchange } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('export and import dialog', () => {
  it('exports HAR of all or of the shown rows, without secrets unless ticked, as a download', async () => {
    const bridge = new FakeBridge()
    bridge.history = [makeExchange({ id: 'ex_1' }), makeCapture({ id: 'cap_2', exchangeId: null })]
    bridge.exportText = '{"log":{}}'
    const clicks: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      clicks.push(this.download)
    })
    const r = await renderWithStore(<ShareDialog onClose={() => {}} />, bridge)
    await act(async () => {
      fireEvent.click(screen.getByTestId('share-export-har'))
    })
    expect(bridge.callsOf('exportHar')).toEqual([[{ includeSecrets: false }]])
    expect(clicks[0]).toMatch(/^hook-inspector-.*\.har$/)

    expect((screen.getByTestId('share-export-har-shown') as HTMLButtonElement).disabled).toBe(true)
    await act(async () => {
      r.store.getState().setFilters({ text: 'cap_2' })
    })
    fireEvent.click(screen.getByTestId('share-include-secrets'))
    await act(async () => {
      fireEvent.click(screen.getByTestId('share-export-har-shown'))
    })
    expect(bridge.callsOf('exportHar')[1]).toEqual([{ includeSecrets: true, ids: ['cap_2'] }])

    await act(async () => {
      fireEvent.click(screen.getByTestId('share-export-bundle'))
    })
    expect(bridge.callsOf('exportBundle')).toEqual([[{ includeSecrets: true }]])
    expect(clicks[2]).toMatch(/\.hookinspector\.json$/)
  })

  it('imports a file and shows what came in, or why it was refused', async () => {
    const bridge = new FakeBridge()
    bridge.importImpl = async (req) => {
      if (req.text.includes('bad')) throw new Error('This support bundle is version 9.')
      return {
        format: 'bundle',
        hooks: 2,
        scenarios: 1,
        behavior: true,
        historyEntries: 5,
        messages: ['Enter the password again for 2 hooks: A, B.']
      }
    }
    await renderWithStore(<ShareDialog onClose={() => {}} />, bridge)
    const input = screen.getByTestId('share-import-file')
    await act(async () => {
      fireEvent.change(input, {
        target: { files: [new File(['{"bad":1}'], 'old.hookinspector.json')] }
      })
    })
    expect(screen.getByTestId('share-error').textContent).toBe(
      'old.hookinspector.json was not imported: This support bundle is version 9.'
    )
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['{}'], 'good.hookinspector.json')] } })
    })
    expect(bridge.callsOf('importFile')[1]).toEqual([
      { text: '{}', fileName: 'good.hookinspector.json' }
    ])
    expect(screen.getByTestId('share-summary').textContent).toContain(
      'Imported 2 hooks, 1 scenario, the receiver behaviour, 5 history entries.'
    )
    expect(screen.getByTestId('share-summary').textContent).toContain('Enter the password again')
  })
})

describe('HAR of the shown rows', () => {
  it('counts rows, not entries: a linked dispatch and capture are one', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeExchange({ id: 'ex_1', captureId: 'cap_1' }),
      makeCapture({ id: 'cap_1', exchangeId: 'ex_1' }),
      makeCapture({ id: 'cap_2', exchangeId: null, path: '/other' })
    ]
    const r = await renderWithStore(<ShareDialog onClose={() => {}} />, bridge)
    await act(async () => {
      r.store.getState().setFilters({ event: 'insert' })
    })
    const button = screen.getByTestId('share-export-har-shown')
    expect(r.store.getState().history.order).toHaveLength(2)
    expect(button.textContent).toBe('Shown rows as HAR (2)')
  })
})
