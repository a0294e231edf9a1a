import { z } from 'zod'
import { base64ToBytes, bytesToBase64, utf8Decode, utf8Encode } from './bytes'
import { captureOutcome } from './capture-outcome'
import { NO_FAULT } from './faults'
import type { CapacityRun, Capture, Exchange, HistoryEntry } from './schemas'
import { captureUrl, REDACTED, redactHeaders } from './snippets'
import { timelineRows, type TimelineRowEntries } from './har-rows'
import type { HookInspectorField } from './har-hook-field'
import { rowOrigin } from './row-origin'
import { emailToKeep, sentEmailOf } from './sent-email'

/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): the history as a file that browser
 * devtools and HTTP tools open. Every timeline row is one entry (a linked dispatch and capture
 * together), and every exchange a capacity run kept is one; `_hookInspector` (har-hook-field.ts)
 * keeps what made the row and the row's entries themselves, so that a HAR written here reads back
 * unchanged: a capacity run as one run. Files that kept one history entry per HAR entry read back
 * too.
 */

const NameValue = z.object({ name: z.string(), value: z.string() }).passthrough()

export const HarEntrySchema = z
  .object({
    startedDateTime: z.string(),
    time: z.number(),
    request: z
      .object({
        method: z.string(),
        url: z.string(),
        httpVersion: z.string(),
        cookies: z.array(z.unknown()),
        headers: z.array(NameValue),
        queryString: z.array(NameValue),
        postData: z
          .object({
            mimeType: z.string(),
            text: z.string().optional(),
            encoding: z.string().optional(),
            _encoding: z.string().optional()
          })
          .passthrough()
          .optional(),
        headersSize: z.number(),
        bodySize: z.number()
      })
      .passthrough(),
    response: z
      .object({
        status: z.number(),
        statusText: z.string(),
        httpVersion: z.string(),
        cookies: z.array(z.unknown()),
        headers: z.array(NameValue),
        content: z
          .object({
            size: z.number(),
            mimeType: z.string(),
            text: z.string().optional(),
            encoding: z.string().optional()
          })
          .passthrough(),
        redirectURL: z.string(),
        headersSize: z.number(),
        bodySize: z.number()
      })
      .passthrough(),
    cache: z.object({}).passthrough(),
    timings: z.object({ send: z.number(), wait: z.number(), receive: z.number() }).passthrough(),
    _hookInspector: z.unknown().optional()
  })
  .passthrough()
export type HarEntry = z.infer<typeof HarEntrySchema>

export const HarSchema = z.object({
  log: z
    .object({
      version: z.string(),
      creator: z.object({ name: z.string(), version: z.string() }).passthrough(),
      entries: z.array(HarEntrySchema).max(100_000)
    })
    .passthrough()
})
export type Har = z.infer<typeof HarSchema>

function pairs(headers: readonly [string, string][]): { name: string; value: string }[] {
  return headers.map(([name, value]) => ({ name, value }))
}

function mimeOf(headers: readonly [string, string][], fallback: string): string {
  return headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? fallback
}

/** HAR content: text when the bytes are UTF-8, else base64 with `encoding`. */
function content(bytes: Uint8Array): { text: string; encoding?: 'base64' } {
  try {
    return { text: utf8Decode(bytes, true) }
  } catch {
    return { text: bytesToBase64(bytes), encoding: 'base64' }
  }
}

/**
 * HAR postData has no `encoding` field (only response content does), so a request body that is
 * not UTF-8 carries the base64 marker as the custom field `_encoding`, as HAR 1.2 requires.
 */
function postText(bytes: Uint8Array): { text: string; _encoding?: 'base64' } {
  const c = content(bytes)
  return c.encoding ? { text: c.text, _encoding: 'base64' } : { text: c.text }
}

function queryOf(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }))
  } catch {
    return []
  }
}

/**
 * The entry with its secrets replaced: Authorization-like headers and decoded passwords. Who sent
 * it is not a secret and is what support asks first, so an exchange keeps the email its
 * Authorization carried (`authEmail`; a capture keeps it in its decoded `auth`).
 */
export function redactEntry<E extends HistoryEntry>(entry: E): E
export function redactEntry(entry: HistoryEntry): HistoryEntry {
  if (entry.type === 'capacity') {
    return { ...entry, exchanges: entry.exchanges.map((ex) => redactEntry(ex)) }
  }
  if (entry.type === 'exchange') {
    const authEmail = entry.authEmail ?? emailToKeep(entry.request.headers)
    return {
      ...entry,
      ...(authEmail === undefined ? {} : { authEmail }),
      request: { ...entry.request, headers: redactHeaders(entry.request.headers, false) },
      response: entry.response && {
        ...entry.response,
        headers: redactHeaders(entry.response.headers, false)
      }
    }
  }
  return {
    ...entry,
    headers: redactHeaders(entry.headers, false),
    auth: entry.auth && { ...entry.auth, password: entry.auth.password === null ? null : REDACTED }
  }
}

function exchangeEntry(ex: Exchange): HarEntry {
  const body = utf8Encode(ex.request.body)
  const t = ex.timings
  const connect = t.connectMs ?? -1
  const wait =
    t.firstByteMs === null ? t.totalMs : Math.max(0, t.firstByteMs - Math.max(connect, 0))
  const res = ex.response
  const resBytes = res ? (base64ToBytes(res.bodyBase64) ?? new Uint8Array()) : new Uint8Array()
  return {
    startedDateTime: ex.startedAt,
    time: t.totalMs,
    request: {
      method: ex.request.method,
      url: ex.request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(ex.request.headers),
      queryString: queryOf(ex.request.url),
      ...(body.length > 0
        ? {
            postData: {
              mimeType: mimeOf(ex.request.headers, 'application/json'),
              ...postText(body)
            }
          }
        : {}),
      headersSize: -1,
      bodySize: ex.request.bodySize
    },
    response: {
      status: res?.status ?? 0,
      statusText: res?.statusText ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(res?.headers ?? []),
      content: {
        size: res?.bodySize ?? 0,
        mimeType: mimeOf(res?.headers ?? [], 'x-unknown'),
        ...(resBytes.length > 0 ? content(resBytes) : {})
      },
      redirectURL: res?.headers.find(([n]) => n.toLowerCase() === 'location')?.[1] ?? '',
      headersSize: -1,
      bodySize: res?.bodySize ?? -1,
      ...(ex.error ? { _error: `${ex.error.kind}: ${ex.error.message}` } : {})
    },
    cache: {},
    timings: {
      blocked: -1,
      dns: -1,
      connect,
      send: 0,
      wait,
      receive: t.firstByteMs === null ? 0 : Math.max(0, t.totalMs - t.firstByteMs),
      ssl: -1
    },
    comment: ex.error ? `ProtocolError ${ex.error.kind}: ${ex.error.message}` : ''
  }
}

function captureEntry(c: Capture): HarEntry {
  const body = base64ToBytes(c.bodyBase64) ?? new Uint8Array()
  // What the receiver answered: its headers and body when it sent any.
  const answerHeaders = c.answer?.headers ?? []
  const answerBytes = c.answer
    ? (base64ToBytes(c.answer.bodyBase64) ?? new Uint8Array())
    : new Uint8Array()
  const url = captureUrl(c)
  return {
    startedDateTime: c.receivedAt,
    time: c.response.delayMs,
    request: {
      method: c.method,
      url,
      httpVersion: `HTTP/${c.httpVersion}`,
      cookies: [],
      headers: pairs(c.headers),
      queryString: queryOf(url),
      ...(body.length > 0
        ? {
            postData: {
              mimeType: mimeOf(c.headers, 'application/octet-stream'),
              ...postText(body)
            }
          }
        : {}),
      headersSize: -1,
      bodySize: c.bodySize
    },
    response: {
      status: c.response.status,
      statusText: c.response.fault === NO_FAULT && !c.unfinished ? '' : captureOutcome(c).text,
      httpVersion: `HTTP/${c.httpVersion}`,
      cookies: [],
      headers: pairs(answerHeaders),
      content: {
        size: c.answer?.bodySize ?? 0,
        mimeType: mimeOf(answerHeaders, 'x-unknown'),
        ...(answerBytes.length > 0 ? content(answerBytes) : {})
      },
      redirectURL: answerHeaders.find(([n]) => n.toLowerCase() === 'location')?.[1] ?? '',
      headersSize: -1,
      bodySize: c.answer?.bodySize ?? -1
    },
    cache: {},
    timings: { send: 0, wait: c.response.delayMs, receive: 0 },
    comment: 'Received by the Hook Inspector receiver'
  }
}

/** A capacity run that kept no exchange: one entry for its report, sent to the URL it tested. */
function capacityEntry(run: CapacityRun): HarEntry {
  const ms = Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt))
  return {
    startedDateTime: run.startedAt,
    time: Number.isFinite(ms) ? ms : 0,
    request: {
      method: 'POST',
      url: run.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      queryString: queryOf(run.url),
      headersSize: -1,
      bodySize: -1
    },
    response: {
      status: 0,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    comment: `Capacity check: ${run.summary}`
  }
}

/** What `_hookInspector` keeps of a row: its origin, its entries, who sent it, its capacity run. */
function hookField(row: TimelineRowEntries): HookInspectorField {
  const run = row.capacityRun
  const origin = run ? 'capacity' : rowOrigin(row)
  const sender = row.exchange ?? row.capture
  const email = sender ? sentEmailOf(sender) : null
  const redacted = sender
    ? (sender.type === 'exchange' ? sender.request.headers : sender.headers).some(
        ([n, v]) => n.toLowerCase() === 'authorization' && v.trim() === REDACTED
      )
    : false
  return {
    origin,
    ...(row.exchange ? { exchange: row.exchange } : {}),
    ...(row.capture ? { capture: row.capture } : {}),
    ...(redacted && email !== null ? { authEmail: email } : {}),
    ...(run ? { capacityRun: run.id } : {}),
    ...(run?.head ? { capacity: run.head } : {})
  }
}

/**
 * One HAR entry per timeline row: a dispatch linked to the capture it produced is one call, seen
 * from the dispatcher, with the receiver's side kept in `_hookInspector.capture`.
 */
export function rowEntry(row: TimelineRowEntries): HarEntry {
  const entry = row.exchange
    ? exchangeEntry(row.exchange)
    : row.capture
      ? captureEntry(row.capture)
      : capacityEntry(row.capacityRun!.head!)
  return { ...entry, _hookInspector: hookField(row) }
}

/** A HAR 1.2 log of these entries (oldest first), redacted unless `includeSecrets`. */
export function entriesToHar(
  entries: readonly HistoryEntry[],
  options: { includeSecrets: boolean; appVersion: string }
): Har {
  const safe = options.includeSecrets ? entries : entries.map(redactEntry)
  return {
    log: {
      version: '1.2',
      creator: { name: 'Hook Inspector', version: options.appVersion },
      // A capacity check stands for the exchanges it kept, each marked as the run's.
      entries: timelineRows(safe).map(rowEntry)
    }
  }
}
