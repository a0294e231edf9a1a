import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleSchema, type Bundle } from '@shared/bundle'
import { HarSchema } from '@shared/har'
import { harToEntries } from '@shared/har-import'
import { findReservedKey } from '@shared/json-safety'
import { HistoryEntrySchema, type HistoryEntry } from '@shared/schemas'
import { describeIssues, ValidationError } from '@shared/validation'
import { errorMessage } from '@shared/error-message'

export type ImportPlan =
  { format: 'har'; entries: HistoryEntry[] } | { format: 'bundle'; bundle: Bundle }

function fail(message: string): never {
  throw new ValidationError(message, 'text')
}

/**
 * Reads an imported file completely before anything changes: valid JSON, no reserved keys,
 * and either a HAR log or a support bundle of the version this app reads. Every problem is a
 * ValidationError that says what is wrong and where.
 */
export function parseImport(text: string): ImportPlan {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    fail(`The file is not valid JSON: ${errorMessage(e)}`)
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    fail('The file must hold a JSON object (a HAR log or a support bundle).')
  }
  const reserved = findReservedKey(json)
  if (reserved !== null) {
    fail(`The file is refused: it uses the reserved key "${reserved}", which no export contains.`)
  }
  const obj = json as Record<string, unknown>
  if ('log' in obj) {
    const har = HarSchema.safeParse(obj)
    if (!har.success) throw describeIssues(har.error, 'HAR')
    let entries: HistoryEntry[]
    try {
      entries = harToEntries(har.data)
    } catch (e) {
      fail(`HAR.log.${errorMessage(e)}`)
    }
    for (const [i, entry] of entries.entries()) {
      const checked = HistoryEntrySchema.safeParse(entry)
      if (!checked.success) throw describeIssues(checked.error, `HAR.log.entries[${i}]`)
    }
    return { format: 'har', entries }
  }
  if (obj.format === BUNDLE_FORMAT) {
    if (obj.version !== BUNDLE_VERSION) {
      fail(
        `This support bundle is version ${JSON.stringify(obj.version)}; this app reads version ${BUNDLE_VERSION}.`
      )
    }
    const bundle = BundleSchema.safeParse(obj)
    if (!bundle.success) throw describeIssues(bundle.error, 'bundle')
    return { format: 'bundle', bundle: bundle.data }
  }
  fail(
    `The file is neither a HAR file (no "log") nor a support bundle (format "${BUNDLE_FORMAT}").`
  )
}
