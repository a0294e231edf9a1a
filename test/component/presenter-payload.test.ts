import { describe, expect, it } from 'vitest'
import { jsonLines } from '@renderer/components/scenarios/json-lines'
import { liveRow, stepBody, stepTimeoutMs } from '@renderer/components/scenarios/presenter-data'
import { applyEntries, emptyHistory } from '@renderer/lib/history-index'
import { BUILTIN_SCENARIOS } from '@shared/scenarios/builtins'
import { buildEventBody } from '@shared/trialkit'
import { makeExchange } from '../helpers/builders'

describe('presenter payload', () => {
  it('pretty-prints the body and marks the fields that changed since the previous step', () => {
    const before = buildEventBody('update', { trans_id: '7' })
    const after = buildEventBody('review', { trans_id: '7' })
    const lines = jsonLines(after, before)
    expect(lines.map((l) => l.text).join('\n')).toBe(JSON.stringify(JSON.parse(after), null, 2))
    const changed = lines.filter((l) => l.changed).map((l) => l.text.trim())
    expect(changed).toContain('"OnReview": true,')
    expect(changed).toContain('"wf_object": {')
    expect(changed.some((l) => l.startsWith('"trans_id"'))).toBe(false)
    expect(changed.some((l) => l.startsWith('"form_id"'))).toBe(false)
  })

  it('marks nothing for the first step, and shows a body that is not JSON as it is', () => {
    expect(jsonLines('{"a":1}', null).some((l) => l.changed)).toBe(false)
    expect(jsonLines('not json\nat all', '{}')).toEqual([
      { text: 'not json', changed: false },
      { text: 'at all', changed: false }
    ])
    expect(jsonLines('{"a":1,"b":2}', '{"a":1,"b":3}').map((l) => l.changed)).toEqual([
      false,
      false,
      true,
      false
    ])
  })

  it('builds each step body and timeout from the scenario', () => {
    const scenario = BUILTIN_SCENARIOS.find((s) => s.id === 'builtin-when-things-go-wrong')!
    expect(JSON.parse(stepBody(scenario, 0)!)).toMatchObject({ OnInsert: true })
    expect(stepTimeoutMs(scenario, 2)).toBe(2000)
    expect(stepTimeoutMs(scenario, 0)).toBe(scenario.timeoutSeconds * 1000)
  })

  it('finds the step being played in the live history: the newest scenario exchange since the play', () => {
    const old = makeExchange({
      id: 'ex_old',
      origin: 'scenario',
      hookName: 'Demo',
      startedAt: '2025-01-02T10:00:00.000Z'
    })
    const live = makeExchange({
      id: 'ex_live',
      origin: 'scenario',
      hookName: 'Demo',
      state: 'pending',
      startedAt: '2025-01-02T10:05:00.000Z'
    })
    const history = applyEntries(emptyHistory(), [old, live])
    expect(liveRow(history, 'Demo', Date.parse('2025-01-02T10:05:00.000Z'))?.exchange?.id).toBe(
      'ex_live'
    )
    expect(liveRow(history, 'Other', 0)).toBeNull()
    expect(liveRow(history, 'Demo', Date.parse('2025-01-02T11:00:00.000Z'))).toBeNull()
  })
})
