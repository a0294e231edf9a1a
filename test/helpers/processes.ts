/**
 * Process look-ups for tests that prove a program does not outlive its owner. Linux only (/proc,
 * pgrep); a zombie counts as gone, since it runs nothing and a container's PID 1 may never reap it.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'

/** Every descendant of `pid`, children before their own children. */
export function descendantsOf(pid: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
  const children = r.stdout.split(/\s+/).filter(Boolean).map(Number)
  return children.flatMap((c) => [c, ...descendantsOf(c)])
}

/** The command line of a process, or null when it is gone. */
export function commandLineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
  } catch {
    return null
  }
}

/** Whether `pid` is a running (not zombie) process. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The state follows the command name in parentheses, which may itself contain ")".
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}

/** Whether a TCP connect to 127.0.0.1:port is accepted. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.setTimeout(1_000, () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Polls `done` every 25 ms until it holds or `timeoutMs` passed; returns the ms it took, or null. */
export async function within(
  timeoutMs: number,
  done: () => boolean | Promise<boolean>
): Promise<number | null> {
  const start = Date.now()
  for (;;) {
    if (await done()) return Date.now() - start
    if (Date.now() - start > timeoutMs) return null
    await new Promise((r) => setTimeout(r, 25))
  }
}
