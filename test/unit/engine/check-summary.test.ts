import { describe, expect, it } from 'vitest'
import { summaryOf } from '@main/engine/check/report-summary'

const counts = { pass: 0, warn: 0, fail: 0, notRun: 0, skip: 0 }

describe("the check report's summary, worded once for CLI and UI", () => {
  it.each([
    [
      { ...counts, pass: 11, skip: 1 },
      13,
      '11 passed, 0 warnings, 0 failed, 1 skipped; 13 requests sent'
    ],
    [
      { ...counts, pass: 3, warn: 1 },
      1,
      '3 passed, 1 warning, 0 failed, 0 skipped; 1 request sent'
    ],
    [
      { ...counts, warn: 2, fail: 1, skip: 2, notRun: 9 },
      0,
      '0 passed, 2 warnings, 1 failed, 2 skipped, 9 not run; 0 requests sent'
    ]
  ])('%j with %i requests', (given, requests, expected) => {
    expect(summaryOf(given, requests)).toBe(expected)
  })
})
