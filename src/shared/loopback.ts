/**
 * Which hosts only this machine can reach: one rule for the engine (binding the receiver, the
 * capacity check's confirmation, linking a capture to its exchange), the CLI and the window.
 *
 * Threat: a host wrongly judged loopback means traffic sent, or a receiver exposed, without the
 * confirmation that leaving this machine needs. So the rule is conservative: `localhost`,
 * 127.0.0.0/8 written as four decimal parts, and `::1` (bracketed or not). Names under
 * `.localhost` are not loopback here, although RFC 6761 reserves them for it: the receiver and the
 * dispatcher resolve names through the system resolver, which need not follow the RFC (Linux
 * without nss-myhostname answers "not found", a misconfigured one may ask DNS), so such a name says
 * nothing certain about where the bytes go. Browsers resolve it themselves; Node does not.
 */

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** A host name or address (as a URL or a setting writes it) that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
  if (h === 'localhost' || h === '::1') return true
  const v4 = IPV4_LOOPBACK.exec(h)
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255)
}

/** A socket's remote address on loopback, including the IPv4-mapped IPv6 form. */
export function isLoopbackAddress(address: string): boolean {
  return isLoopbackHost(address.replace(/^::ffff:/i, ''))
}

/** Whether a URL can only reach this machine; false when it does not parse. */
export function isLoopbackUrl(url: string | URL): boolean {
  if (typeof url !== 'string') return isLoopbackHost(url.hostname)
  try {
    return isLoopbackHost(new URL(url.trim()).hostname)
  } catch {
    return false
  }
}
