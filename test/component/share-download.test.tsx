// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ShareDialog } from '@renderer/components/share/ShareDialog'
import type { ExportRequest } from '@shared/sharing'
import { makeCapture } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

/** A bridge that streams exports, as the HTTP bridge of serve does. */
class StreamingBridge extends FakeBridge {
  downloads: [string, ExportRequest][] = []

  async downloadExport(format: 'har' | 'bundle', request: ExportRequest): Promise<Blob> {
    this.downloads.push([format, request])
    return new Blob([`${format} file`], { type: 'application/json' })
  }
}

describe('exports through a bridge that streams them', () => {
  it('downloads the streamed file as it comes, never asking for the export as one string', async () => {
    const bridge = new StreamingBridge()
    bridge.history = [makeCapture({ id: 'cap_1', exchangeId: null })]
    const saved: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      saved.push(this.download)
    })
    await renderWithStore(<ShareDialog onClose={() => {}} />, bridge)
    await act(async () => {
      fireEvent.click(screen.getByTestId('share-export-har'))
    })
    await act(async () => {
      fireEvent.click(screen.getByTestId('share-export-bundle'))
    })
    expect(bridge.downloads).toEqual([
      ['har', { includeSecrets: false }],
      ['bundle', { includeSecrets: false }]
    ])
    expect(bridge.callsOf('exportHar')).toEqual([])
    expect(bridge.callsOf('exportBundle')).toEqual([])
    expect(saved).toHaveLength(2)
    expect(saved[0]).toMatch(/^hook-inspector-.*\.har$/)
    expect(saved[1]).toMatch(/\.hookinspector\.json$/)
  })
})
