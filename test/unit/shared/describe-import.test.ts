import { describe, expect, it } from 'vitest'
import { describeImport, type ImportSummary } from '@shared/sharing'

function summary(patch: Partial<ImportSummary>): ImportSummary {
  return {
    format: 'bundle',
    hooks: 0,
    scenarios: 0,
    behavior: true,
    historyEntries: 0,
    messages: [],
    ...patch
  }
}

describe('describeImport: what an import brought in, in one sentence', () => {
  it('counts in the singular for one and in the plural otherwise', () => {
    expect(describeImport(summary({ hooks: 1, scenarios: 1, historyEntries: 1 }))).toBe(
      'Imported 1 hook, 1 scenario, the receiver behaviour, 1 history entry.'
    )
    expect(describeImport(summary({ hooks: 2, scenarios: 0, historyEntries: 5 }))).toBe(
      'Imported 2 hooks, 0 scenarios, the receiver behaviour, 5 history entries.'
    )
  })

  it('names only the history for a HAR file, says what was already there, and previews', () => {
    expect(describeImport(summary({ format: 'har', historyEntries: 1, alreadyPresent: 3 }))).toBe(
      'Imported 1 history entry. 3 already present.'
    )
    expect(describeImport(summary({ format: 'har', historyEntries: 4, preview: true }))).toBe(
      'Would import 4 history entries.'
    )
  })
})
