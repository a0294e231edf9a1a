import type { z } from 'zod'
import { describe, expectTypeOf, it } from 'vitest'
import type { runReadinessCheck } from '@main/engine/check/run-check'
import { CheckRequestSchema } from '@shared/check'

describe('check options', () => {
  it('are the checked request, derived from its schema (the typecheck holds this)', () => {
    expectTypeOf<Parameters<typeof runReadinessCheck>[0]>().toEqualTypeOf<
      z.output<typeof CheckRequestSchema>
    >()
    expectTypeOf(CheckRequestSchema.parse({ url: 'http://127.0.0.1:9/' })).toEqualTypeOf<
      Parameters<typeof runReadinessCheck>[0]
    >()
  })
})
