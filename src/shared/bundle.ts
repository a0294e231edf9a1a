import { z } from 'zod'
import {
  BehaviorSchema,
  HistoryEntrySchema,
  HookConfigSchema,
  MAX_SCENARIOS,
  ScenarioSchema
} from './schemas'

/**
 * The support bundle (`*.hookinspector.json`): what someone needs to reproduce a setup on another
 * machine — hooks without their passwords, the receiver behaviour, scenarios, and the chosen
 * history. Versioned; a file of another version is refused with a message saying so.
 */
export const BUNDLE_FORMAT = 'hook-inspector-bundle'
export const BUNDLE_VERSION = 1
export const BUNDLE_EXTENSION = '.hookinspector.json'

export const BundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    createdAt: z.string().max(100),
    appVersion: z.string().max(100),
    /** Passwords are always empty: the person importing enters them again. */
    hooks: z.array(HookConfigSchema.extend({ password: z.literal('') })).max(1000),
    behavior: BehaviorSchema,
    scenarios: z.array(ScenarioSchema).max(MAX_SCENARIOS),
    history: z.array(HistoryEntrySchema).max(100_000)
  })
  .strict()
export type Bundle = z.infer<typeof BundleSchema>

/** A file name for a bundle made now. */
export function bundleFileName(date: Date): string {
  const stamp = date.toISOString().slice(0, 19).replace(/[:T]/g, '-')
  return `support-${stamp}${BUNDLE_EXTENSION}`
}
