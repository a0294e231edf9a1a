import { decodeAuthorization, type DecodedAuth } from '@shared/basic-auth'
import type { HookConfig, WireRequest } from '@shared/schemas'
import { bodyFromTemplate } from '@shared/event-template'
import type { BodyOverrides, HookEvent } from '@shared/trialkit'
import { buildWireRequest, userAgentFor } from '@shared/wire-request'
import { curlCommand } from '@shared/snippets'

/**
 * The body the composer would send: the raw text in raw mode, else TrialKit's exact bytes, in the
 * hook's captured shape for this event when it has one.
 */
export function composedBody(
  c: {
    event: HookEvent
    overrides: BodyOverrides
    mode: 'fields' | 'raw'
    rawBody: string
  },
  hook?: Pick<HookConfig, 'templates'> | null
): string {
  return c.mode === 'raw'
    ? c.rawBody
    : bodyFromTemplate(c.event, hook?.templates?.[c.event], c.overrides)
}

export type Preview =
  | {
      ok: true
      request: WireRequest
      requestLine: string
      auth: DecodedAuth | null
    }
  | { ok: false; message: string }

/** The request line as written on the wire. */
export function requestLineOf(req: WireRequest): string {
  const url = new URL(req.url)
  return `${req.method} ${url.pathname}${url.search} HTTP/1.1`
}

/**
 * The exact request the dispatcher will write, from the same builder it uses, so the preview
 * cannot drift from the wire.
 */
export function buildPreview(
  hook: Pick<HookConfig, 'url' | 'email' | 'password'>,
  body: string,
  version: string
): Preview {
  const built = buildWireRequest(
    { url: hook.url, email: hook.email, password: hook.password },
    body,
    userAgentFor(version)
  )
  if (!built.ok) return built
  const authHeader = built.request.headers.find(([n]) => n === 'Authorization')
  return {
    ok: true,
    request: built.request,
    requestLine: requestLineOf(built.request),
    auth: authHeader ? decodeAuthorization(authHeader[1]) : null
  }
}

/** curl for a wire request: same URL, headers and body bytes. */
export function curlForWire(req: WireRequest): string {
  return curlCommand({ method: req.method, url: req.url, headers: req.headers, body: req.body })
}
