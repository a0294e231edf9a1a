import { base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from './bytes'
import { HookInspectorFieldSchema, type HookInspectorField } from './har-hook-field'
import { exchangeRecord } from './exchange-record'
import {
  HOOK_TIMEOUT_DEFAULT_S,
  type CapacityRun,
  type Exchange,
  type HistoryEntry
} from './schemas'
import type { Har, HarEntry } from './har'
import { detectEvent } from './trialkit'

/** Reading HAR back: this app's own entries as they were (see har-hook-field.ts), others as exchanges. */

function headerList(list: readonly { name: string; value: string }[]): [string, string][] {
  return list.map((h) => [h.name, h.value])
}

function bodyBytes(part: {
  text?: string | undefined
  encoding?: string | undefined
  _encoding?: string | undefined
}): Uint8Array {
  if (part.text === undefined) return new Uint8Array()
  if (part.encoding === 'base64' || part._encoding === 'base64') {
    return base64ToBytes(part.text) ?? utf8Encode(part.text)
  }
  return utf8Encode(part.text)
}

/** An entry from another tool (a browser's devtools, a proxy): read as a dispatched exchange. */
function foreignEntry(e: HarEntry): Exchange {
  // A body that is not UTF-8 can only be shown with replacement characters; its size stays true.
  const bytes = e.request.postData ? bodyBytes(e.request.postData) : new Uint8Array()
  const body = utf8Decode(bytes)
  let json: unknown = null
  try {
    json = JSON.parse(body)
  } catch {
    json = null
  }
  const status = e.response.status
  const resBytes = bodyBytes(e.response.content)
  const ok = status >= 200 && status < 300
  return exchangeRecord({
    startedAt: e.startedDateTime,
    hookName: 'Imported',
    event: detectEvent(json) ?? 'insert',
    request: {
      method: e.request.method,
      url: e.request.url,
      headers: headerList(e.request.headers),
      body,
      bodySize: bytes.length
    },
    response:
      status === 0
        ? null
        : {
            status,
            statusText: e.response.statusText,
            headers: headerList(e.response.headers),
            bodyBase64: bytesToBase64(resBytes),
            bodySize: Math.max(e.response.content.size, resBytes.length),
            truncated: false
          },
    error:
      status === 0
        ? {
            kind: 'connection-reset',
            message: 'The imported file has no response for this request.'
          }
        : ok
          ? null
          : { kind: 'http-status', message: `HTTP ${status} ${e.response.statusText}`.trim() },
    timings: { connectMs: null, firstByteMs: null, totalMs: Math.max(0, e.time) },
    timeoutMs: HOOK_TIMEOUT_DEFAULT_S * 1000,
    origin: 'import',
    imported: true
  })
}

function fieldOf(e: HarEntry, i: number): HookInspectorField {
  const own = HookInspectorFieldSchema.safeParse(e._hookInspector)
  if (!own.success) {
    const issue = own.error.issues[0]
    throw new Error(
      `entries[${i}]._hookInspector.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`
    )
  }
  return own.data
}

/** An exchange whose Authorization was redacted keeps the email written beside it. */
function withEmail(entry: HistoryEntry, authEmail: string | undefined): HistoryEntry {
  if (entry.type !== 'exchange' || authEmail === undefined || entry.authEmail !== undefined) {
    return entry
  }
  return { ...entry, authEmail }
}

/**
 * The history entries of a HAR file, every one validated: an entry written by this app comes
 * back as it was (marked imported), the exchanges of a capacity run back inside that one run,
 * any other entry as an imported exchange. Throws naming the entry that is wrong.
 */
export function harToEntries(har: Har): HistoryEntry[] {
  const out: HistoryEntry[] = []
  const runs = new Map<string, CapacityRun>()
  har.log.entries.forEach((e, i) => {
    if (e._hookInspector === undefined) {
      out.push(foreignEntry(e))
      return
    }
    const own = fieldOf(e, i)
    // Older files: one whole history entry.
    if ('type' in own) {
      out.push({ ...own, imported: true })
      return
    }
    if (own.capacityRun !== undefined && own.capacity !== undefined) {
      const run: CapacityRun = { ...own.capacity, exchanges: [], imported: true }
      runs.set(own.capacityRun, run)
      out.push(run)
    }
    const run = own.capacityRun === undefined ? undefined : runs.get(own.capacityRun)
    if (run && own.exchange?.type === 'exchange') {
      // As in a bundle, the run is marked imported and its exchanges are as it kept them.
      run.exchanges.push(own.exchange)
      return
    }
    for (const x of [own.exchange, own.capture]) {
      if (x !== undefined) out.push(withEmail({ ...x, imported: true }, own.authEmail))
    }
  })
  return out
}
