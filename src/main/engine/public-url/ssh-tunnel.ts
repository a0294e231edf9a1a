import { join } from 'node:path'
import { parseSshTarget, type TunnelFailure } from '@shared/public-url'
import { sshFailureFromLine, sshUrlFromLine } from './output-lines'
import { prepareKnownHosts, sshPath } from './ssh-paths'
import { spawnTunnel, TunnelError, type OpenTunnelFn } from './tunnel'
import { errorMessage } from '@shared/error-message'

/** The file where the app remembers SSH host keys, apart from the user's own known_hosts. */
export const KNOWN_HOSTS_FILE = 'known_hosts'

/**
 * Services that hand out an https URL for a forward of remote port 80 and print it (no account
 * needed). Any other server gets `-R 0:…`, and OpenSSH says which port the server allocated.
 */
const URL_SERVICES = ['localhost.run', 'serveo.net']

export function remotePortFor(host: string): number {
  const lower = host.toLowerCase()
  return URL_SERVICES.some((s) => lower === s || lower.endsWith(`.${s}`)) ? 80 : 0
}

export interface SshTunnelOptions {
  /** `user@host[:port]`. */
  target: string
  identityFile: string | null
  /** Where known_hosts lives (the data dir). */
  dataDir: string
  /** The ssh program; tests may point elsewhere. */
  command?: string
}

/**
 * The ssh arguments of a remote forward. Threats: the public end must be the server the user
 * named, so host keys are checked against the app's own known_hosts (new keys are accepted on
 * first use and remembered, a changed key is refused); BatchMode keeps ssh from ever waiting
 * for a password on a terminal nobody sees. Paths go through sshPath, so a data dir with a space
 * (the macOS default) keeps the host keys inside it.
 */
export function sshArgs(options: SshTunnelOptions, localPort: number): string[] {
  const target = parseSshTarget(options.target)
  const args = [
    '-N',
    '-T',
    '-o',
    'BatchMode=yes',
    '-o',
    'ExitOnForwardFailure=yes',
    '-o',
    'ServerAliveInterval=10',
    '-o',
    'ServerAliveCountMax=3',
    '-o',
    'ConnectTimeout=15',
    '-o',
    'StrictHostKeyChecking=accept-new',
    '-o',
    `UserKnownHostsFile=${sshPath(join(options.dataDir, KNOWN_HOSTS_FILE))}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=INFO',
    '-p',
    String(target.port),
    '-R',
    `${remotePortFor(target.host)}:127.0.0.1:${localPort}`
  ]
  if (options.identityFile !== null) {
    args.push('-o', `IdentityFile=${sshPath(options.identityFile)}`, '-o', 'IdentitiesOnly=yes')
  }
  args.push('--', `${target.user}@${target.host}`)
  return args
}

function describe(target: string, knownHosts: string) {
  return (failure: TunnelFailure, detail: string): string => {
    switch (failure) {
      case 'host-key-changed':
        return `the host key of ${target} has changed since it was first trusted; refusing to connect (if the server's key really changed, remove its line from ${knownHosts})`
      case 'auth-refused':
        return `${target} refused authentication (${detail}); give a key it accepts with --ssh-identity FILE`
      case 'forward-refused':
        return `${target} refused the remote forward (${detail})`
      case 'unreachable':
        return `${target} is unreachable (${detail})`
      default:
        return detail
    }
  }
}

/** A remote forward through the system's OpenSSH client. */
export function sshTunnel(options: SshTunnelOptions): OpenTunnelFn {
  const { host } = parseSshTarget(options.target)
  const knownHosts = join(options.dataDir, KNOWN_HOSTS_FILE)
  return async (localPort, signal) => {
    const args = sshArgs(options, localPort)
    await prepareKnownHosts(knownHosts).catch((error: unknown) => {
      throw new TunnelError('exited', `cannot prepare ${knownHosts}: ${errorMessage(error)}`)
    })
    return spawnTunnel({
      command: options.command ?? 'ssh',
      args,
      label: 'ssh',
      installHint: "install OpenSSH's client (the ssh command)",
      urlFromLine: (line) => sshUrlFromLine(line, host),
      failureFromLine: sshFailureFromLine,
      describe: describe(options.target, knownHosts),
      signal
    })
  }
}
