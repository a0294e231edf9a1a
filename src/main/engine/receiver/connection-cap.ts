import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** The open-files limit assumed when this process's cannot be read. */
const ASSUMED_FD_LIMIT = 1024

/**
 * Descriptors kept out of the receiver's reach: the control API and its browser tabs, the journal,
 * settings and exports, the dispatcher's and the forwarding leg's sockets, tunnels, Electron's own.
 */
const MIN_HEADROOM = 128

/**
 * This process's limit on open files (the soft one, which is what accept() runs into): from
 * /proc/self/limits on Linux, else from `ulimit -n` in a shell, else ASSUMED_FD_LIMIT.
 */
export function openFilesLimit(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8')
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(limits)
    if (line) return line[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(line[1])
  } catch {
    // Not Linux: ask a shell, which inherits this process's limits.
  }
  try {
    const shell = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 2000 })
    const value = shell.stdout?.trim()
    if (value === 'unlimited') return Number.MAX_SAFE_INTEGER
    if (value && /^\d+$/.test(value)) return Number(value)
  } catch {
    // No shell: assume the common default.
  }
  return ASSUMED_FD_LIMIT
}

/**
 * How many connections the receiver keeps open at once, for an open-files limit: three quarters
 * of it, and at least MIN_HEADROOM below it.
 * Threat: anyone who can reach the receiver (on a LAN address, or through a tunnel) can open
 * sockets until the process runs out of descriptors; then accept() fails everywhere and the
 * control API, the journal and the UI stop too. Past this cap a new connection is closed as soon
 * as it is accepted, so the rest of the app keeps the descriptors it needs.
 */
export function receiverConnectionCap(fdLimit: number): number {
  return Math.max(16, Math.min(Math.floor(fdLimit * 0.75), fdLimit - MIN_HEADROOM))
}
