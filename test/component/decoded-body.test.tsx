// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BodyViewer } from '../../src/renderer/src/components/inspector/BodyViewer'
import { DecodedBody } from '../../src/renderer/src/components/inspector/DecodedBody'
import { renderWithStore } from './render-app'

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
