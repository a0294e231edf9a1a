import { describe, expect, it } from 'vitest'
import type { CapacityProgress } from '@shared/capacity'
import { createAppStore } from '@renderer/store/app-store'
import { createCapacitySlice } from '@renderer/store/capacity-slice'
import type { Slice } from '@renderer/store/types'
import { createUiSlice } from '@renderer/store/ui-slice'
import { FakeBridge } from '../helpers/fake-bridge'

/** The part one slice creator makes, on its own (it reads nothing while being made). */
function partOf<T>(creator: Slice<T>): T {
  const none = () => {
    throw new Error('a slice reads nothing while it is made')
  }
  return creator(none, none, undefined as never)
}

const progress: CapacityProgress = {
  runId: 'cap_run_1',
  url: 'http://127.0.0.1:9/hook',
  timeoutMs: 5000,
  levels: [1, 2],
  steps: [],
  current: null,
  done: false
}

describe('the capacity slice owns its live progress', () => {
  it('starts it empty beside the run, and the app-wide slice no longer holds it', () => {
    const capacity = partOf(createCapacitySlice(new FakeBridge()))
    expect(capacity).toMatchObject({
      capacity: { running: false, run: null, error: null },
      capacityProgress: null
    })
    expect(Object.keys(partOf(createUiSlice(new FakeBridge())))).not.toContain('capacityProgress')
  })

  it('takes each capacity-progress event as it comes', () => {
    const store = createAppStore(new FakeBridge())
    store.getState().applyEvents([{ type: 'capacity-progress', data: progress }])
    expect(store.getState().capacityProgress).toEqual(progress)
  })
})
