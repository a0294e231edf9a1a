import { z } from 'zod'
import { HeaderListSchema, IdSchema, MAX_RAW_BODY_BYTES } from './schemas'

/** An email and password to send with a re-send, as TrialKit would (HTTP Basic, UTF-8). */
export const ReplayCredentialsSchema = z
  .object({
    email: z
      .string()
      .max(320)
      .regex(/\S/, 'must not be empty')
      .refine((e) => !e.includes(':'), {
        message: 'must not contain ":" (HTTP Basic auth splits the email from the password there)'
      }),
    password: z.string().max(1024)
  })
  .strict()
export type ReplayCredentials = z.infer<typeof ReplayCredentialsSchema>

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
    headers: HeaderListSchema.optional(),
    /**
     * Sent as HTTP Basic auth in place of the credentials the re-send would otherwise carry (the
     * source's or the hook's); needed when the source's Authorization was redacted on export.
     */
    credentials: ReplayCredentialsSchema.optional(),
    /** The id the new exchange gets, chosen by the caller (as for `fire`). */
    exchangeId: IdSchema.optional()
  })
  .strict()
  .refine((r) => r.hookId === undefined || r.url === undefined, {
    message: 'give at most one of hookId or url',
    path: ['url']
  })
export type ReplayRequest = z.input<typeof ReplayRequestSchema>
