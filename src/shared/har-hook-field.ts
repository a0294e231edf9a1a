import { z } from 'zod'
import { CapacityRunSchema, ExchangeSchema, HistoryEntrySchema, IdSchema } from './schemas'
import { ROW_ORIGINS } from './row-origin'

/**
 * `_hookInspector`, the custom field (HAR allows `_`-prefixed ones) each HAR entry this app writes
 * carries so that the row reads back as it was: what made it (`origin`), the row's exchange and
 * capture, the email an Authorization was sent with when its value was redacted (`authEmail`),
 * and, for the exchanges a capacity run kept, the run they belong to (`capacityRun`, its id; the
 * first of them also carries the run's report as `capacity`, without its exchanges). Files written
 * before kept one whole history entry here; they read back too.
 */
export const HookInspectorFieldSchema = z.union([
  HistoryEntrySchema,
  z
    .object({
      origin: z.enum(ROW_ORIGINS).optional(),
      exchange: HistoryEntrySchema.optional(),
      capture: HistoryEntrySchema.optional(),
      authEmail: z.string().max(320).optional(),
      capacityRun: IdSchema.optional(),
      capacity: CapacityRunSchema.extend({ exchanges: z.array(ExchangeSchema).max(0) }).optional()
    })
    .strict()
])
export type HookInspectorField = z.output<typeof HookInspectorFieldSchema>
