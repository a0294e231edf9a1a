// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Inspector } from '@renderer/components/inspector/Inspector'
import { docDiff } from '@shared/doc-diff'
import { makeCapture } from '../helpers/builders'
import { FakeBridge } from '../helpers/fake-bridge'
import { renderWithStore } from '../helpers/render-app'

afterEach(cleanup)

async function received(capture: ReturnType<typeof makeCapture>) {
  const bridge = new FakeBridge()
  bridge.history = [capture]
  const r = await renderWithStore(<Inspector />, bridge)
  await act(async () => {
    r.store.getState().selectRow(r.store.getState().history.rowOf.get(capture.id) ?? null)
  })
  const tab = screen.queryByRole('tab', { name: /Received by receiver/ })
  if (tab) fireEvent.click(tab)
  return screen.getByTestId('inspector-doc-diff')
}

describe("the inspector against TrialKit's documented sample", () => {
  it('says a capture matches the documented sample', async () => {
    const box = await received(makeCapture({ event: 'insert', docDiff: [] }))
    expect(box.textContent).toContain('Matches the documented sample of a TrialKit insert event')
  })

  it('lists each difference of a capture that differs', async () => {
    const json = {
      trans_id: 436,
      form_id: '319',
      form_name: 'Sample Form',
      OnInsert: true,
      site: 'A'
    }
    const box = await received(
      makeCapture({ event: 'insert', json, docDiff: docDiff('insert', json) })
    )
    expect(box.textContent).toContain(
      "Differs from TrialKit's documented sample of an insert event"
    )
    expect(box.textContent).toContain('trans_id is a number (436), documented as a string')
    expect(box.textContent).toContain('site is not in the documented sample')
    expect(box.querySelectorAll('li')).toHaveLength(2)
  })

  it('takes "an" before update and insert, "a" before review', async () => {
    const update = { trans_id: '435', form_id: '319', form_name: 'Sample Form', OnUpdate: 1 }
    const box = await received(
      makeCapture({ event: 'update', json: update, docDiff: docDiff('update', update) })
    )
    expect(box.textContent).toContain(
      "Differs from TrialKit's documented sample of an update event:"
    )
    cleanup()
    const review = { trans_id: '435', form_id: '319', form_name: 'Sample Form', OnReview: true }
    const other = await received(
      makeCapture({ event: 'review', json: review, docDiff: docDiff('review', review) })
    )
    expect(other.textContent).toContain(
      "Differs from TrialKit's documented sample of a review event:"
    )
  })
})
