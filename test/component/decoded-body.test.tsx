// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BodyViewer } from '@renderer/components/inspector/BodyViewer'
import { DecodedBody } from '@renderer/components/inspector/DecodedBody'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { makeCapture } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderSelecting, renderWithStore } from '../helpers/render-app'

/** The viewer's copy buttons talk to the store, as in the app. */
const render = (ui: Parameters<typeof renderWithStore>[0]) => renderWithStore(ui)

afterEach(cleanup)

describe('captured bodies that explain themselves', () => {
  it('shows a coded body decoded, with the coding named', async () => {
    await render(
      <DecodedBody
        decoded={{
          encoding: 'gzip',
          bodyBase64: btoa('{"OnInsert":true}'),
          bodySize: 17,
          truncated: false,
          error: null
        }}
      />
    )
    const box = screen.getByTestId('inspector-capture-decoded')
    expect(box.textContent).toMatch(/Body decoded from gzip/)
    expect(screen.getByTestId('inspector-capture-decoded-body-content').textContent).toMatch(
      /"OnInsert": true/
    )
  })

  it('says why a coded body could not be decoded', async () => {
    await render(
      <DecodedBody
        decoded={{
          encoding: 'br',
          bodyBase64: '',
          bodySize: 0,
          truncated: false,
          error: 'Decompression failed'
        }}
      />
    )
    expect(screen.getByTestId('inspector-capture-decoded-error').textContent).toBe(
      'Sent with Content-Encoding br, but it could not be decoded: Decompression failed'
    )
  })

  it('asks the engine for the decoded view of a coded capture when it is shown', async () => {
    const bridge = new FakeBridge()
    bridge.history = [
      makeCapture({
        id: 'cap_gz',
        headers: [
          ['Content-Type', 'application/json'],
          ['Content-Encoding', 'gzip']
        ],
        bodyBase64: btoa('coded'),
        bodySize: 5
      })
    ]
    bridge.decodedBodies.set('cap_gz', {
      encoding: 'gzip',
      bodyBase64: btoa('{"OnInsert":true}'),
      bodySize: 17,
      truncated: false,
      error: null
    })
    await renderSelecting(<Inspector />, bridge, 'cap_gz')
    await waitFor(() =>
      expect(screen.getByTestId('inspector-capture-decoded-body-content').textContent).toMatch(
        /"OnInsert": true/
      )
    )
    expect(bridge.callsOf('decodeBody')).toEqual([['cap_gz']])
  })

  it('asks nothing for a capture without a Content-Encoding', async () => {
    const bridge = new FakeBridge()
    bridge.history = [makeCapture({ id: 'cap_plain' })]
    await renderSelecting(<Inspector />, bridge, 'cap_plain')
    expect(screen.queryByTestId('inspector-capture-decoded')).toBeNull()
    expect(bridge.callsOf('decodeBody')).toEqual([])
  })

  it('says when only the first 8 MiB of a decoded body is shown', async () => {
    await render(
      <DecodedBody
        decoded={{
          encoding: 'br',
          bodyBase64: btoa('a'.repeat(3072)),
          bodySize: 20 * 1024 * 1024,
          truncated: true,
          error: null
        }}
      />
    )
    expect(screen.getByTestId('inspector-capture-decoded-shown').textContent).toBe(
      'Showing the first 3.0 KiB of 20.0 MiB decoded: the decoded view shows up to 8.0 MiB.'
    )
  })

  it('names the kept-body cap on a longer body', async () => {
    await render(
      <BodyViewer
        body={{ base64: btoa('a'.repeat(2048)) }}
        size={10 * 1024 * 1024}
        truncated
        testId="b"
      />
    )
    expect(screen.getByTestId('b-kept').textContent).toBe(
      'Kept 2.0 KiB of 10.0 MiB: a body is kept up to 1.0 MiB.'
    )
  })
})
