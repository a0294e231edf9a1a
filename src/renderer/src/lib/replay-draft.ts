import type { HeaderList } from '@shared/schemas'
import type { HookEvent } from '@shared/trialkit'
import { checkHookUrl } from '@shared/wire-request'
import type { TimelineRow } from './history-index'

/** Where a re-send goes: where the source went, a saved hook, or a URL. */
export type ReplayTarget =
  { kind: 'same' } | { kind: 'hook'; hookId: string } | { kind: 'url'; url: string }

/** A re-send being edited in the composer. */
export interface ReplayDraft {
  sourceId: string
  /** The hook the source was sent with, for the blocking view. */
  sourceHookId: string | null
  event: HookEvent
  /** Where the source went, for the user to see. */
  sourceUrl: string
  body: string
  headers: HeaderList
  target: ReplayTarget
}

const COMPUTED = new Set(['host', 'content-length', 'connection', 'transfer-encoding'])

/** The body a row's request carried, as text (a capture's bytes decoded as UTF-8). */
export function bodyOf(row: TimelineRow): string {
  if (row.exchange) return row.exchange.request.body
  const c = row.capture!
  const bytes = Uint8Array.from(atob(c.bodyBase64), (ch) => ch.charCodeAt(0))
  return new TextDecoder().decode(bytes)
}

/** The draft that edits a row's request: its body and the headers worth editing. */
export function draftOf(row: TimelineRow): ReplayDraft {
  const ex = row.exchange
  const c = row.capture
  const headers = ex ? ex.request.headers : c!.headers
  return {
    sourceId: (ex ?? c)!.id,
    sourceHookId: ex?.hookId ?? null,
    event: ex?.event ?? c?.event ?? 'insert',
    sourceUrl: ex ? ex.request.url : `${c!.path} on the receiver`,
    body: bodyOf(row),
    headers: headers.filter(([n]) => !COMPUTED.has(n.toLowerCase())),
    target: { kind: 'same' }
  }
}

/** The target as replay request fields, or the problem with a typed URL. */
export function targetFields(
  target: ReplayTarget
): { ok: true; fields: { hookId?: string; url?: string } } | { ok: false; message: string } {
  if (target.kind === 'hook') return { ok: true, fields: { hookId: target.hookId } }
  if (target.kind === 'url') {
    const check = checkHookUrl(target.url)
    if (!check.ok) return { ok: false, message: check.message }
    return { ok: true, fields: { url: target.url.trim() } }
  }
  return { ok: true, fields: {} }
}
