/**
 * A real OpenSSH server on a loopback port, for the ssh tunnel's end-to-end tests: its own host
 * key, one authorised client key, remote forwards allowed on loopback only. Needs Debian's
 * openssh-server (/usr/sbin/sshd) and root, since sshd switches to the logged-in user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync, chmodSync, readFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { userInfo } from 'node:os'
import { join } from 'node:path'

export const SSHD = '/usr/sbin/sshd'

/** Why the ssh tests cannot run here, or null when they can. */
export function sshdUnavailable(): string | null {
  if (!existsSync(SSHD)) return `${SSHD} is not installed (Debian package openssh-server)`
  if (spawnSync('ssh', ['-V']).error) return 'the ssh client is not on PATH (openssh-client)'
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return 'sshd needs root to accept a login'
  }
  return null
}

function keygen(file: string): void {
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file], {
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`)
}

function descendants(pid: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
  const children = r.stdout.split(/\s+/).filter(Boolean).map(Number)
  return children.flatMap((c) => [...descendants(c), c])
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export interface Sshd {
  port: number
  user: string
  /** A private key the server accepts. */
  clientKey: string
  /** A private key the server does not know. */
  strangerKey: string
  /** The server's public host key line (for a known_hosts entry). */
  hostKeyLine(): string
  /** Another host key, as a changed server would present. */
  otherHostKeyLine(): string
  start(): Promise<void>
  /** Kills the listener and every session it spawned (SIGKILL, as a crash would). */
  kill(): void
}

export async function makeSshd(dir: string): Promise<Sshd> {
  mkdirSync(dir, { recursive: true })
  mkdirSync('/run/sshd', { recursive: true })
  const hostKey = join(dir, 'host_ed25519')
  const otherHostKey = join(dir, 'other_host_ed25519')
  const clientKey = join(dir, 'client_ed25519')
  const strangerKey = join(dir, 'stranger_ed25519')
  for (const key of [hostKey, otherHostKey, clientKey, strangerKey]) keygen(key)
  const authorized = join(dir, 'authorized_keys')
  writeFileSync(authorized, readFileSync(`${clientKey}.pub`))
  chmodSync(authorized, 0o600)
  const port = await freePort()
  const config = join(dir, 'sshd_config')
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding remote',
      'GatewayPorts no',
      'PermitTTY no',
      'X11Forwarding no',
      'ClientAliveInterval 2',
      'ClientAliveCountMax 2',
      'LogLevel ERROR',
      ''
    ].join('\n')
  )
  let child: ChildProcess | null = null
  const pubLine = (file: string): string => {
    const [type, key] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/)
    return `[127.0.0.1]:${port} ${type} ${key}`
  }
  return {
    port,
    user: userInfo().username,
    clientKey,
    strangerKey,
    hostKeyLine: () => pubLine(hostKey),
    otherHostKeyLine: () => pubLine(otherHostKey),
    async start() {
      child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] })
      let err = ''
      child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
      const deadline = Date.now() + 10_000
      // Listening once a TCP connect succeeds.
      for (;;) {
        if (child.exitCode !== null) throw new Error(`sshd exited: ${err}`)
        const ok = await new Promise<boolean>((resolve) => {
          const s = connect(port, '127.0.0.1')
          s.once('connect', () => {
            s.destroy()
            resolve(true)
          })
          s.once('error', () => resolve(false))
        })
        if (ok) return
        if (Date.now() > deadline) throw new Error(`sshd did not listen on ${port}: ${err}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    kill() {
      // Sessions run in child processes that rename themselves ("sshd: root@notty"), so they
      // are found as the listener's descendants.
      const pid = child?.pid
      if (pid !== undefined) {
        for (const p of descendants(pid)) spawnSync('kill', ['-KILL', String(p)])
      }
      child?.kill('SIGKILL')
      child = null
    }
  }
}
