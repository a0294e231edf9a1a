/** Host names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}

/** A socket's remote address on loopback, including the IPv4-mapped IPv6 form. */
export function isLoopbackAddress(address: string): boolean {
  return isLoopbackHost(address.replace(/^::ffff:/i, ''))
}

/** Whether a hook URL points at the embedded receiver listening on `host`:`port`. */
export function targetsReceiver(url: URL, receiver: { host: string; port: number }): boolean {
  if (url.protocol !== 'http:') return false
  const port = url.port === '' ? 80 : Number(url.port)
  if (port !== receiver.port) return false
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  return isLoopbackHost(host) || host === receiver.host.toLowerCase()
}
