import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { assertNever } from '@shared/assert-never'
import { FAULT_TABLE, faultChoicesText, faultHelpPhrase, type FaultInfo } from '@shared/faults'
import { FAULTS, type Fault } from '@shared/schemas'

describe('the receiver fault table', () => {
  it('has one row per fault, and nothing else', () => {
    expect(Object.keys(FAULT_TABLE).sort()).toEqual([...FAULTS].sort())
    expectTypeOf<keyof typeof FAULT_TABLE>().toEqualTypeOf<Fault>()
  })

  it('keeps every row consistent: an answer has nothing instead, no answer has no body to trickle', () => {
    for (const fault of FAULTS) {
      const { answers, instead, trickles } = FAULT_TABLE[fault]
      expect({ fault, noInstead: instead === null }).toEqual({ fault, noInstead: answers })
      if (trickles) expect({ fault, answers }).toEqual({ fault, answers: true })
    }
  })

  it('refuses, at compile time, a row that contradicts itself or a table missing a fault', () => {
    const answersButHolds = { answers: true, instead: 'hold', trickles: false } as const
    const silentButTrickles = { answers: false, instead: 'close', trickles: true } as const
    // @ts-expect-error: a fault that answers cannot also hold the connection instead
    const contradictory: FaultInfo = { label: 'x', help: 'x', ...answersButHolds }
    // @ts-expect-error: a fault without an answer has no body to trickle
    const silentTrickle: FaultInfo = { label: 'x', help: 'x', ...silentButTrickles }
    // @ts-expect-error: every fault needs its row
    const missing: Record<Fault, FaultInfo> = { none: FAULT_TABLE.none }
    expect([contradictory, silentTrickle, missing]).toHaveLength(3)
  })

  it('lists every fault with what it does, for listen --help', () => {
    expect(faultChoicesText()).toBe(
      'none (answer normally), hang (never answer, keep the connection open), drop (close the connection without an answer), reset (reset the connection with a TCP RST), slow-body (send the headers now and trickle the body over the delay)'
    )
  })

  it('is what docs/CLI.md says of --fault', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/CLI.md'), 'utf8')
    const row = doc.split('\n').find((line) => line.startsWith('| `--fault F`'))
    expect(row).toBeDefined()
    for (const fault of FAULTS) {
      expect(row).toContain(`\`${fault}\` (${faultHelpPhrase(fault)}`)
    }
    expect(doc).toContain(`[--fault ${FAULTS.join('|')}]`)
  })
})

describe('assertNever', () => {
  it('throws naming the value a switch did not handle', () => {
    expect(() => assertNever('teapot' as never, 'receiver fault')).toThrow(
      new Error('Unhandled receiver fault: "teapot"')
    )
  })
})
