import { z } from 'zod'
import { HeaderListSchema, IdSchema, MAX_RAW_BODY_BYTES } from './schemas'

/**
 * Re-sending what is in the history: an exchange or a capture, as it was or edited, to the same
 * URL, another URL or a saved hook. The new exchange links back through `replayOf`.
 */
export const ReplayRequestSchema = z
  .object({
    /** The exchange or capture to re-send. */
    sourceId: IdSchema,
    /** Send to this saved hook (its URL, credentials and timeout) … */
    hookId: IdSchema.optional(),
    /** … or to this URL (with the source's credentials); neither: where the source went. */
    url: z.string().trim().min(1).max(4096).optional(),
    /** The edited body, sent verbatim; absent: the source's body byte for byte. */
    body: z.string().max(MAX_RAW_BODY_BYTES).optional(),
    /** Headers added to (or replacing) the TrialKit ones; Host and Content-Length stay computed. */
    headers: HeaderListSchema.optional()
  })
  .strict()
  .refine((r) => r.hookId === undefined || r.url === undefined, {
    message: 'give at most one of hookId or url',
    path: ['url']
  })
export type ReplayRequest = z.input<typeof ReplayRequestSchema>
