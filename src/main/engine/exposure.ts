import type { Behavior } from '@shared/schemas'
import { ValidationError } from '@shared/validation'
import { isLoopbackHost } from '@shared/loopback'

/**
 * Exposure beyond loopback: one rule for every path that could leave an exposed receiver open.
 *
 * Threat: a receiver reachable from the internet (a tunnel) or the LAN (a host other than
 * loopback) answers anyone, and its captures and faults are theirs to use. Without expected
 * credentials it is open to all; a blank email or password is no credential either (the Basic
 * value of ":" would match). So while exposed, nothing may clear or blank the expected
 * credentials (a behaviour, a preset, a scenario step, an import), and nothing may expose a
 * receiver without them, unless the user chose anonymous access in so many words.
 */

/** How the receiver can be reached from other machines, now or once a change is made. */
export interface Exposure {
  /** A tunnel makes it reachable from the internet (up, coming up or reconnecting). */
  tunnel: boolean
  /** The address it listens on, when that is not loopback (other machines can reach it). */
  host: string | null
}

/** The host as an exposure: null for loopback. */
export function exposedHost(host: string): string | null {
  return isLoopbackHost(host) ? null : host
}

/** Real credentials: a non-empty email and a non-empty password. */
export function hasRealCredentials(auth: Behavior['expectedAuth']): boolean {
  return auth !== null && auth.email.trim() !== '' && auth.password !== ''
}

const CREDENTIALS_NEEDED =
  'it needs expected credentials with a non-empty email and password, unless anonymous access is chosen (--allow-anonymous, or confirm anonymous access in the app)'

/**
 * Why `change` may not happen with these expected credentials on a receiver exposed this way,
 * or null when it may: the one rule every path calls (see the file's comment for the threat).
 */
export function exposureRefusal(
  change: string,
  expectedAuth: Behavior['expectedAuth'],
  exposure: Exposure,
  anonymous: { tunnel: boolean; host: boolean }
): string | null {
  if (hasRealCredentials(expectedAuth)) return null
  if (exposure.tunnel && !anonymous.tunnel) {
    return `${change} is refused: the receiver is public through a tunnel, so anyone who finds its URL could send it requests; ${CREDENTIALS_NEEDED}.`
  }
  if (exposure.host !== null && !anonymous.host) {
    return `${change} is refused: the receiver listens on ${exposure.host}, so other machines can send it requests; ${CREDENTIALS_NEEDED}.`
  }
  return null
}

/**
 * The anonymous-access choices of this run, and the check each path makes against them: the
 * tunnel's choice lasts while that tunnel does, the host's for the whole run.
 */
export class ExposureGuard {
  private anonymousTunnel = false

  constructor(
    private anonymousHost: boolean,
    private readonly current: () => Exposure
  ) {}

  /**
   * Anonymous access chosen in the app: for a host beyond loopback for this run, and for the
   * tunnel while it lasts.
   */
  chooseAnonymous(): void {
    this.anonymousHost = true
    if (this.current().tunnel) this.anonymousTunnel = true
  }

  /** The choice made when a tunnel starts; cleared when it stops. */
  setAnonymousTunnel(chosen: boolean): void {
    this.anonymousTunnel = chosen
  }

  /** Whether the receiver can be reached from other machines right now. */
  exposure(): Exposure {
    return this.current()
  }

  /** Throws the refusal when `change` would leave the receiver exposed `exposure` without credentials. */
  check(
    change: string,
    expectedAuth: Behavior['expectedAuth'],
    exposure: Exposure = this.current(),
    anonymous: { tunnel?: boolean; host?: boolean } = {}
  ): void {
    const refusal = exposureRefusal(change, expectedAuth, exposure, {
      tunnel: anonymous.tunnel ?? this.anonymousTunnel,
      host: anonymous.host ?? this.anonymousHost
    })
    if (refusal !== null) throw new ValidationError(refusal, 'expectedAuth')
  }
}
