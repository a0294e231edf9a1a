import { z } from 'zod'
import { IdSchema } from './schemas'

/** What to export (HAR or support bundle) and what an import reports back. */

/**
 * The largest HAR file or support bundle an import reads: room for what this app exports (a full
 * history of large captures), while a file bigger than any export is refused before it is read.
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024

export const ExportRequestSchema = z
  .object({
    /** The chosen history entries; absent: the whole history. */
    ids: z.array(IdSchema).max(100_000).optional(),
    /** Authorization values and passwords are redacted unless this is true. */
    includeSecrets: z.boolean().default(false)
  })
  .strict()
export type ExportRequest = z.input<typeof ExportRequestSchema>

export const ImportRequestSchema = z
  .object({
    /** The file's text: a HAR 1.2 file or a `*.hookinspector.json` support bundle. */
    text: z.string().max(MAX_IMPORT_BYTES),
    /** The file's name, for messages. */
    fileName: z.string().max(1024).optional(),
    /** Switch on the forwarding a bundle asks for, behaviour and scenario steps (off unless confirmed). */
    allowForwarding: z.boolean().default(false),
    /** Only work out the summary (what would be added, pushed out, switched on); change nothing. */
    preview: z.boolean().default(false)
  })
  .strict()
export type ImportRequest = z.input<typeof ImportRequestSchema>

/** One place in an import that forwards requests elsewhere, and whether it was switched on. */
export const ImportForwardingSchema = z.object({
  /** The bundle's receiver behaviour, or a step of one of its scenarios. */
  source: z.enum(['behavior', 'scenario-step']),
  /** The scenario's name, for a step. */
  scenario: z.string().nullable(),
  /** The step's number (from 1) and title, for a step. */
  step: z.number().int().nullable(),
  title: z.string().nullable(),
  target: z.string(),
  enabled: z.boolean()
})
export type ImportForwarding = z.infer<typeof ImportForwardingSchema>

export const ImportSummarySchema = z.object({
  format: z.enum(['har', 'bundle']),
  hooks: z.number().int(),
  scenarios: z.number().int(),
  behavior: z.boolean(),
  historyEntries: z.number().int(),
  /** Things the user should know, e.g. "re-enter the passwords of 2 hooks". */
  messages: z.array(z.string()),
  /** Entries of the file that were already in the history, so not added again. */
  alreadyPresent: z.number().int().optional(),
  /** Entries of the history pushed out past the history cap by the ones added. */
  pushedOut: z.number().int().optional(),
  /** True when nothing was changed (ImportRequest.preview). */
  preview: z.boolean().optional(),
  /** The bundle's forwarding target, and whether forwarding was switched on. */
  forwarding: z.object({ target: z.string(), enabled: z.boolean() }).nullable().optional(),
  /** Every forwarding target in the file: the behaviour's and each scenario step's. */
  forwardingTargets: z.array(ImportForwardingSchema).optional(),
  /** The email the bundle's behaviour expects credentials for. */
  expectedCredentials: z.string().nullable().optional(),
  /** The share of requests the bundle's behaviour fails at random. */
  failureRate: z.number().optional(),
  /** The faults the bundle's behaviour uses (hang, drop, reset, slow-body). */
  faults: z.array(z.string()).optional()
})
export type ImportSummary = z.infer<typeof ImportSummarySchema>

/** "1 hook", "2 hooks". */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** What an import brought in, in one sentence (the UI, the desktop menu and the CLI say it alike). */
export function describeImport(s: ImportSummary): string {
  const entries = count(s.historyEntries, 'history entry', 'history entries')
  const parts =
    s.format === 'har'
      ? [entries]
      : [
          count(s.hooks, 'hook', 'hooks'),
          count(s.scenarios, 'scenario', 'scenarios'),
          'the receiver behaviour',
          entries
        ]
  const present = s.alreadyPresent ? ` ${s.alreadyPresent} already present.` : ''
  return `${s.preview ? 'Would import' : 'Imported'} ${parts.join(', ')}.${present}`
}
