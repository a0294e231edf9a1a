import { lookup } from 'node:dns/promises'
import { connect, isIPv6 } from 'node:net'

/** One address a host name stands for, and whether a TCP connection to it was accepted. */
export interface AddressTry {
  address: string
  answers: boolean
}

/**
 * The addresses to try for a host: `localhost` always counts as both 127.0.0.1 and ::1, as curl
 * and browsers treat it, whatever the hosts file lists; any other name as it resolves.
 */
export async function addressesOf(host: string): Promise<string[]> {
  const bare = host.replace(/^\[|\]$/g, '')
  if (bare.toLowerCase() === 'localhost') return ['127.0.0.1', '::1']
  try {
    const all = await lookup(bare, { all: true, verbatim: true })
    return [...new Set(all.map((a) => a.address))]
  } catch {
    return [bare]
  }
}

/** Whether something accepts a TCP connection at address:port (nothing is sent over it). */
export function tcpAnswers(address: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port })
    const done = (ok: boolean): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(ok)
    }
    const timer = setTimeout(() => done(false), timeoutMs)
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** "127.0.0.1:5324", "[::1]:5324". */
export function hostPort(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`
}

/**
 * A refused connection in words that name what was tried: "Connection refused at 127.0.0.1:5324;
 * [::1]:5324 answers: the endpoint listens on IPv6 only".
 */
export function describeTries(tries: readonly AddressTry[], port: number): string {
  const refused = tries.filter((t) => !t.answers).map((t) => hostPort(t.address, port))
  const answering = tries.filter((t) => t.answers)
  const at = `Connection refused at ${refused.join(' and ')}`
  if (answering.length === 0) return `${at}: nothing listens on that port`
  const which = answering.map((t) => hostPort(t.address, port)).join(' and ')
  const family = answering.every((t) => isIPv6(t.address))
    ? ': the endpoint listens on IPv6 only'
    : answering.every((t) => !isIPv6(t.address))
      ? ': the endpoint listens on IPv4 only'
      : ''
  return `${at}; ${which} answer${answering.length === 1 ? 's' : ''}${family}`
}

/** The addresses of a URL's host and its port (80/443 by default); null when it cannot be parsed. */
async function targetOf(url: string): Promise<{ addresses: string[]; port: number } | null> {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80))
  return { addresses: await addressesOf(u.hostname), port }
}

/** Tries each address of the URL's host on its port; null for a URL that cannot be parsed. */
export async function tryAddresses(url: string, timeoutMs: number): Promise<string | null> {
  const target = await targetOf(url)
  if (target === null) return null
  const { addresses, port } = target
  const tries = await Promise.all(
    addresses.map(async (address) => ({
      address,
      answers: await tcpAnswers(address, port, timeoutMs)
    }))
  )
  return describeTries(tries, port)
}

/**
 * After an endpoint that was answering refuses connections: whether it comes back (a restart by
 * its supervisor), tried with TCP connections only (nothing is sent), every 250 ms for up to
 * `withinMs`. Returns how long it took, or null when it did not come back.
 */
export async function backAfter(url: string, withinMs: number): Promise<number | null> {
  const target = await targetOf(url)
  if (target === null) return null
  const { addresses, port } = target
  const start = Date.now()
  while (Date.now() - start < withinMs) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    const up = await Promise.all(addresses.map((a) => tcpAnswers(a, port, 500)))
    if (up.some(Boolean)) return Date.now() - start
  }
  return null
}
