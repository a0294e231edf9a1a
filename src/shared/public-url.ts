import { z } from 'zod'

/** The tunnels a receiver can be made public through; the app never runs a relay of its own. */
export const PUBLIC_PROVIDERS = ['ssh', 'ngrok', 'cloudflared'] as const
export type PublicProvider = (typeof PUBLIC_PROVIDERS)[number]

/** Why a tunnel could not come up or went down, so a person knows what to fix. */
export const TUNNEL_FAILURES = [
  'binary-missing',
  'no-authtoken',
  'auth-refused',
  'host-key-changed',
  'unreachable',
  'forward-refused',
  'timeout',
  'exited'
] as const
export type TunnelFailure = (typeof TUNNEL_FAILURES)[number]

const SSH_USER = /^[A-Za-z0-9._-]{1,64}$/
const SSH_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/

/** `user@host[:port]`, the ssh provider's target. */
export interface SshTarget {
  user: string
  host: string
  port: number
}

/**
 * Reads an ssh target. Only plain user names, host names and ports are accepted: the target goes
 * on ssh's command line, where a value starting with "-" would be read as an option.
 */
export function parseSshTarget(text: string): SshTarget {
  const match = /^([^@\s]+)@([^\s]+?)(?::(\d{1,5}))?$/.exec(text.trim())
  if (!match) throw new Error(`"${text}" is not user@host or user@host:port`)
  const [, user = '', host = '', portText] = match
  if (!SSH_USER.test(user)) throw new Error(`"${user}" is not a valid ssh user name`)
  if (!SSH_HOST.test(host)) throw new Error(`"${host}" is not a valid host name`)
  const port = portText === undefined ? 22 : Number(portText)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`port ${portText ?? ''} is not between 1 and 65535`)
  }
  return { user, host: host.replace(/^\[|\]$/g, ''), port }
}

/** The request to make the receiver public. */
export const PublicRequestSchema = z
  .object({
    provider: z.enum(PUBLIC_PROVIDERS),
    /** ssh: `user@host[:port]`; unused by the other providers. */
    target: z.string().trim().max(300).nullable().default(null),
    /** ssh: a private key file; null lets ssh pick its usual keys. */
    identityFile: z.string().trim().min(1).max(4096).nullable().default(null),
    /** A public receiver without expected credentials must be asked for explicitly. */
    allowAnonymous: z.boolean().default(false),
    /** ngrok: saved in the secret store (never in settings) and used from then on. */
    ngrokAuthtoken: z.string().trim().min(1).max(512).nullable().default(null)
  })
  .strict()
  .superRefine((request, ctx) => {
    if (request.provider !== 'ssh') return
    if (request.target === null || request.target === '') {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'ssh needs user@host[:port]' })
      return
    }
    try {
      parseSshTarget(request.target)
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: (error as Error).message })
    }
  })
export type PublicRequest = z.input<typeof PublicRequestSchema>
export type PublicRequestParsed = z.output<typeof PublicRequestSchema>

export const PublicStatusSchema = z.object({
  /** off: not public; starting: first attempt; up: the URL works; down: lost, retrying. */
  state: z.enum(['off', 'starting', 'up', 'down']),
  provider: z.enum(PUBLIC_PROVIDERS).nullable(),
  target: z.string().nullable(),
  url: z.string().nullable(),
  /** Why the last attempt failed or the tunnel went down. */
  reason: z.string().nullable(),
  failure: z.enum(TUNNEL_FAILURES).nullable(),
  /** When the current state began (ISO time). */
  since: z.string()
})
export type PublicStatus = z.infer<typeof PublicStatusSchema>

/** `--public PROVIDER[:TARGET]` as the CLI takes it. */
export function parsePublicFlag(text: string): { provider: PublicProvider; target: string | null } {
  const colon = text.indexOf(':')
  const name = (colon === -1 ? text : text.slice(0, colon)).trim()
  const target = colon === -1 ? null : text.slice(colon + 1).trim()
  if (!(PUBLIC_PROVIDERS as readonly string[]).includes(name)) {
    throw new Error(`"${name}" is not a provider: use ${PUBLIC_PROVIDERS.join(', ')}`)
  }
  const provider = name as PublicProvider
  if (provider === 'ssh') {
    if (target === null || target === '') {
      throw new Error('ssh needs a target: ssh:user@host or ssh:user@host:port')
    }
    parseSshTarget(target)
    return { provider, target }
  }
  if (target !== null && target !== '') {
    throw new Error(`${provider} takes no target (got "${target}")`)
  }
  return { provider, target: null }
}
