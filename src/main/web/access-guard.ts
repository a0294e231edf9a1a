/**
 * Which requests may reach the control server at all. Threat: the server listens on loopback,
 * but every web page the user visits can make the browser send requests to 127.0.0.1.
 * - Host: a DNS-rebinding page (evil.example resolving to 127.0.0.1) sends its own name as Host;
 *   only our loopback names with our port are accepted, so such a page never gets an answer.
 * - Origin: a browser names the page that made a request; anything but our own origin is refused
 *   (absent Origin is a non-browser client such as curl or the CLI, which still needs the token).
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/** The Host header values that address this server on `port`. */
export function allowedHosts(port: number): string[] {
  const withPort = LOOPBACK_NAMES.map((name) => `${name}:${port}`)
  // A client may leave out the port only when it is HTTP's default.
  return port === 80 ? [...withPort, ...LOOPBACK_NAMES] : withPort
}

/** Whether a Host header names this server (DNS-rebinding defence). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false
  return allowedHosts(port).includes(host.trim().toLowerCase())
}

/** Whether an Origin header is absent or this server's own origin. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true
  const normalized = origin.trim().toLowerCase()
  return allowedHosts(port).some((host) => normalized === `http://${host}`)
}
