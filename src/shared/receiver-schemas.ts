import { z } from 'zod'

/** The embedded receiver's config and status, the user's preferences, and their limits. */

export const DEFAULT_RECEIVER_PORT = 4700
export const DEFAULT_CONTROL_PORT = 4701
export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024
export const STORED_BODY_CAP = 1024 * 1024
export const DEFAULT_HISTORY_CAP = 5000
/** The history's byte budget by default: history.jsonl never grows past it. */
export const DEFAULT_HISTORY_MAX_BYTES = 256 * 1024 * 1024

export const PortSchema = z.number().int().min(0).max(65535)

export const ReceiverConfigSchema = z.object({
  port: PortSchema,
  /** 127.0.0.1 unless the user explicitly chose to listen on the LAN. */
  host: z.string().min(1).max(255),
  bodyLimitBytes: z
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
})
export type ReceiverConfig = z.infer<typeof ReceiverConfigSchema>

export const ReceiverStatusSchema = z.object({
  running: z.boolean(),
  host: z.string(),
  port: z.number().int().nullable(),
  url: z.string().nullable(),
  /** Why it is not running, when it failed to start (e.g. the port is taken). */
  error: z.string().nullable(),
  /** True when bound to something other than loopback. */
  exposed: z.boolean()
})
export type ReceiverStatus = z.infer<typeof ReceiverStatusSchema>

export const ThemeSchema = z.enum(['system', 'light', 'dark'])
/** Pane sizes set with the splitters: left column in px, centre and timeline shares in percent. */
export const PaneSizesSchema = z
  .object({
    left: z.number().int().min(220).max(520),
    center: z.number().int().min(25).max(75),
    timeline: z.number().int().min(15).max(85)
  })
  .strict()
export type PaneSizes = z.infer<typeof PaneSizesSchema>

/**
 * The history's byte budget: the journal file stays within it and the entries kept (in memory
 * and in the file after a rewrite) take at most half of it, so the oldest entries go first when
 * large bodies arrive, as they do past the entry cap.
 */
export const HistoryMaxBytesSchema = z
  .number()
  .int()
  .min(16 * 1024 * 1024)
  .max(4 * 1024 * 1024 * 1024)

export const PreferencesSchema = z.object({
  theme: ThemeSchema,
  historyCap: z.number().int().min(100).max(100_000),
  /** Absent in settings saved by earlier versions: the default applies. */
  historyMaxBytes: HistoryMaxBytesSchema.default(DEFAULT_HISTORY_MAX_BYTES),
  activeHookId: z.string().nullable(),
  firstRunDone: z.boolean(),
  panes: PaneSizesSchema.optional(),
  /** Presenter mode shows the speaker notes (they start hidden: the room sees the screen). */
  presenterNotes: z.boolean().optional()
})
export type Preferences = z.infer<typeof PreferencesSchema>
