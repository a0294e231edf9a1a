// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BodyViewer } from '@renderer/components/inspector/BodyViewer'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

/** JSON objects nested `depth` deep: `{"a":{"a":…1…}}`. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

describe('a body of JSON nested deeper than the app shows as a tree', () => {
  it('is shown as its raw text, not pretty-printed (which made 32 MB of 4,000 levels)', async () => {
    const text = nested(4000)
    await renderWithStore(
      <BodyViewer body={{ base64: btoa(text) }} size={text.length} truncated={false} testId="b" />
    )
    expect(screen.getByTestId('b').getAttribute('data-mode')).toBe('raw')
    expect(screen.getByTestId('b-content').textContent).toBe(text)
  })

  it('is pretty-printed up to 256 levels', async () => {
    const text = nested(256)
    await renderWithStore(
      <BodyViewer body={{ base64: btoa(text) }} size={text.length} truncated={false} testId="b" />
    )
    expect(screen.getByTestId('b').getAttribute('data-mode')).toBe('pretty')
    expect(screen.getByTestId('b-content').textContent).toBe(
      JSON.stringify(JSON.parse(text), null, 2)
    )
  })
})
