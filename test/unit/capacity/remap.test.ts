import { describe, expect, it } from 'vitest'
import { remapIds } from '@main/engine/sharing/remap-ids'
import { planReplay } from '@main/engine/services/replay/plan-replay'
import type { CapacityRun } from '@shared/schemas'

function makeRun(): CapacityRun {
  return {
    type: 'capacity',
    id: 'cpc_1',
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: '2026-11-29T10:00:01.000Z',
    url: 'http://127.0.0.1:9/hook',
    event: 'insert',
    timeoutMs: 2000,
    levels: [1],
    steps: [],
    capacity: 0,
    summary: 'No level finished, so there is no figure yet.',
    stopped: 'stopped',
    exchanges: [],
    requestsSent: 0
  }
}

describe('a capacity run in import and replay', () => {
  it('gets a new id on import when its own is taken', () => {
    const [renamed] = remapIds([makeRun()], (id) => id === 'cpc_1')
    expect(renamed!.id).toMatch(/^cpc_/)
    expect(renamed!.id).not.toBe('cpc_1')
    expect(renamed!.type).toBe('capacity')
  })

  it('cannot be re-sent as one request', () => {
    expect(() =>
      planReplay(makeRun(), { sourceId: 'cpc_1' }, { hooks: [], receiverUrl: null })
    ).toThrow(/is a capacity check, not one request/)
  })
})
