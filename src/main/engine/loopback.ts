import { isLoopbackHost } from '@shared/loopback'

/** Whether a hook URL points at the embedded receiver listening on `host`:`port`. */
export function targetsReceiver(url: URL, receiver: { host: string; port: number }): boolean {
  if (url.protocol !== 'http:') return false
  const port = url.port === '' ? 80 : Number(url.port)
  if (port !== receiver.port) return false
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  return isLoopbackHost(host) || host === receiver.host.toLowerCase()
}
