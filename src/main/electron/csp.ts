import type { Session } from 'electron'
import { isAppUrl, type RendererLocation } from './renderer-location'

/**
 * The app page's Content Security Policy. Threat: captured bodies and headers are
 * attacker-controlled text shown in the UI; should any of it ever reach the DOM as markup, the
 * policy stops it from running scripts, loading foreign resources, sending data elsewhere,
 * submitting forms or being framed. In development the dev server needs its inline React Refresh
 * preamble and its hot-reload socket; nothing else is loosened.
 */
export function contentSecurityPolicy(location: RendererLocation): string {
  const dev = location.kind === 'dev-server'
  const socket = dev ? ` ${location.origin.replace(/^http/, 'ws')}` : ''
  return [
    "default-src 'self'",
    `script-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${socket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

type Headers = Record<string, string[]>

/** The response headers of an app page with our policy, replacing any the server sent. */
export function withCsp(headers: Headers | undefined, policy: string): Headers {
  const out: Headers = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value
  }
  out['Content-Security-Policy'] = [policy]
  return out
}

/** Sends the policy with every response of the app's own pages (the renderer also has a meta). */
export function installCsp(session: Session, location: RendererLocation): void {
  const policy = contentSecurityPolicy(location)
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, location)) {
      callback({})
      return
    }
    callback({ responseHeaders: withCsp(details.responseHeaders, policy) })
  })
}
