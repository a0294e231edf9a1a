import type { TunnelFailure } from '@shared/public-url'

/**
 * What the tunnel programs print, read line by line. Each reader takes one line and returns the
 * public URL it announces, or null. They are pure so each provider's documented output can be
 * tested without starting anything.
 */

/** A service that hands out URLs over SSH announces it on a line like
 * `abc.lhr.life tunneled with tls termination, https://abc.lhr.life` or
 * `Forwarding HTTP traffic from https://x.serveo.net`. Other https links on the banner (docs,
 * account pages) are on lines without those words and are not taken. */
const SERVICE_LINE = /\b(tunneled|tunnelled|forwarding|your url|public url)\b/i
const HTTPS_URL = /https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[^\s"'<>]*)?/

/** OpenSSH's own line for `-R 0:…`: the server picked the port. */
const ALLOCATED = /Allocated port (\d{1,5}) for remote forward/

export function sshUrlFromLine(line: string, sshHost: string): string | null {
  const allocated = ALLOCATED.exec(line)
  if (allocated) {
    const host = sshHost.includes(':') ? `[${sshHost}]` : sshHost
    return `http://${host}:${allocated[1]}/`
  }
  if (!SERVICE_LINE.test(line)) return null
  const url = HTTPS_URL.exec(line)
  return url ? withSlash(url[0]) : null
}

/** cloudflared prints the quick tunnel's address in a box: `INF |  https://a-b-c.trycloudflare.com  |`. */
const QUICK_TUNNEL = /https:\/\/[a-z0-9-]+\.trycloudflare\.com\b/i

export function cloudflaredUrlFromLine(line: string): string | null {
  const url = QUICK_TUNNEL.exec(line)
  return url ? withSlash(url[0]) : null
}

function withSlash(url: string): string {
  return /^https?:\/\/[^/]+$/.test(url) ? `${url}/` : url
}

/** A failure ssh reported on stderr, in the words a person can act on. */
export function sshFailureFromLine(
  line: string
): { failure: TunnelFailure; detail: string } | null {
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/i.test(line)) {
    return { failure: 'host-key-changed', detail: line.trim() }
  }
  if (
    /Permission denied|Too many authentication failures|no supported authentication/i.test(line)
  ) {
    return { failure: 'auth-refused', detail: line.trim() }
  }
  if (/remote port forwarding failed|forwarding failed/i.test(line)) {
    return { failure: 'forward-refused', detail: line.trim() }
  }
  if (
    /Connection refused|Could not resolve hostname|Name or service not known|timed out|No route to host|Network is unreachable|Connection closed|Connection reset|Broken pipe/i.test(
      line
    )
  ) {
    return { failure: 'unreachable', detail: line.trim() }
  }
  return null
}

/** cloudflared's errors that mean it cannot reach Cloudflare. */
export function cloudflaredFailureFromLine(
  line: string
): { failure: TunnelFailure; detail: string } | null {
  if (!/\bERR\b/.test(line)) return null
  if (
    /failed to request quick Tunnel|dial tcp|no such host|connection refused|i\/o timeout/i.test(
      line
    )
  ) {
    return { failure: 'unreachable', detail: line.trim() }
  }
  return null
}

/** Splits a stream of chunks into whole lines, keeping a partial last line for the next chunk. */
export function lineSplitter(onLine: (line: string) => void): (chunk: Buffer | string) => void {
  let rest = ''
  return (chunk) => {
    rest += chunk.toString()
    const lines = rest.split(/\r?\n/)
    rest = lines.pop() ?? ''
    if (rest.length > 64 * 1024) rest = rest.slice(-64 * 1024)
    for (const line of lines) onLine(line)
  }
}
