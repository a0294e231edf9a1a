import { readFileSync, type Stats } from 'node:fs'
import { lstat, readdir, stat } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { join } from 'node:path'

/**
 * Whether the data directory is the user's own, checked before anything in it is created,
 * narrowed, locked or read (see docs/ARCHITECTURE.md, Persistence; docs/SECURITY.md, Data
 * directory trust).
 *
 * Threat: another local user who owns the data dir, or can write to it or to a file in it, can
 * read the history (captured credentials, clinical bodies) and secrets.json, and can plant a
 * settings.json whose forwarding target receives the victim's real passwords. As OpenSSH's
 * StrictModes does for ~/.ssh, such a dir is refused outright rather than used or repaired:
 * narrowing modes cannot take back what another owner controls.
 */

/** Group- or other-writable: someone else can replace or change it. */
const WRITABLE_BY_OTHERS = 0o022

/** A data dir that is not safe to use; the message names each path, owner, mode and the fix. */
export class DataDirTrustError extends Error {
  override readonly name = 'DataDirTrustError'
}

/** One thing found wrong with the dir or an entry in it. */
export interface TrustProblem {
  path: string
  folder: boolean
  /** The owner's uid when it is not the current user. */
  foreignOwner: number | null
  /** The permission bits when group or others can write. */
  looseMode: number | null
}

/** The parts of a file's status the check looks at. */
type Owned = Pick<Stats, 'uid' | 'mode' | 'isDirectory' | 'isSymbolicLink'>

/** What is wrong with one path for user `me`, or null when it is fine. */
export function trustProblem(path: string, info: Owned, me: number): TrustProblem | null {
  const foreignOwner = info.uid === me ? null : info.uid
  // A link's own mode means nothing (it is never followed): only its owner counts.
  const bits = info.mode & 0o7777
  const looseMode = !info.isSymbolicLink() && (bits & WRITABLE_BY_OTHERS) !== 0 ? bits : null
  if (foreignOwner === null && looseMode === null) return null
  return { path, folder: info.isDirectory(), foreignOwner, looseMode }
}

/**
 * Refuses (throws DataDirTrustError) a data dir, or an entry directly in it, that is not owned
 * by the current user or that group or others can write. A dir that does not exist yet (or
 * whose path cannot be a folder) passes: it is created owner-only next, or reported as unusable
 * by the parts that use it. The dir path itself may be a link the user made; the entries are
 * looked at without following links. Subfolders' contents are not walked: the app keeps its
 * files at the top, and a foreign or writable subfolder is refused itself.
 */
export async function assertTrustedDataDir(dir: string): Promise<void> {
  // Windows has no POSIX owner and mode bits (ACLs instead, which Node does not expose); its
  // per-user profile folder is the boundary there, so the check is skipped.
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return
  const me = process.getuid()
  let top: Stats
  try {
    top = await stat(dir)
  } catch {
    return
  }
  if (!top.isDirectory()) return
  const problems: TrustProblem[] = []
  const own = trustProblem(dir, top, me)
  if (own) problems.push(own)
  let names: string[] = []
  try {
    names = await readdir(dir)
  } catch {
    // Unreadable by us: nothing in it can be used either, which the parts that use it report.
  }
  for (const name of names.sort()) {
    const path = join(dir, name)
    try {
      const problem = trustProblem(path, await lstat(path), me)
      if (problem) problems.push(problem)
    } catch {
      // Gone since readdir: nothing to trust or distrust.
    }
  }
  if (problems.length > 0) throw new DataDirTrustError(trustMessage(dir, problems, me))
}

/** The refusal in one line: what is wrong with which path, why it matters and how to fix it. */
export function trustMessage(
  dir: string,
  problems: TrustProblem[],
  me: number,
  nameOf: (uid: number) => string | null = userName
): string {
  const who = (uid: number): string => {
    const name = nameOf(uid)
    return name === null ? `uid ${uid}` : `uid ${uid} (${name})`
  }
  const found = problems.map((p) => {
    const parts: string[] = []
    if (p.foreignOwner !== null) parts.push(`is owned by ${who(p.foreignOwner)}, not by you`)
    if (p.looseMode !== null) {
      parts.push(`has mode ${octal(p.looseMode)}, writable by ${writers(p.looseMode)}`)
    }
    return `${p.path} ${parts.join(', and ')}`
  })
  const fixes: string[] = []
  const foreign = problems.filter((p) => p.foreignOwner !== null)
  if (foreign.length > 0) {
    const name = nameOf(me) ?? String(me)
    fixes.push(`sudo chown -R ${name} ${shellQuote(dir)}`)
  }
  if (problems.some((p) => p.path === dir && p.looseMode !== null)) {
    fixes.push(`chmod 700 ${shellQuote(dir)}`)
  }
  const looseFiles = problems.filter((p) => p.path !== dir && p.looseMode !== null)
  if (looseFiles.length > 0) {
    fixes.push(`chmod go-w ${looseFiles.map((p) => shellQuote(p.path)).join(' ')}`)
  }
  return (
    `The data dir ${dir} is refused because other users could read or change what it holds ` +
    `(captured credentials, passwords, settings): ${found.join('; ')} (you are ${who(me)}). ` +
    `Fix it with \`${fixes.join(' && ')}\`, or use another data dir.`
  )
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`
}

function writers(mode: number): string {
  const group = (mode & 0o020) !== 0
  const others = (mode & 0o002) !== 0
  if (group && others) return 'group and others'
  return group ? 'group' : 'others'
}

/** A path as one shell word, so the fix can be pasted even with spaces in it. */
function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`
}

/**
 * The login name of a uid from /etc/passwd (Node has no getpwuid), or null when it is not
 * there (e.g. directory services on macOS): the message then shows the uid alone.
 */
export function userName(uid: number): string | null {
  try {
    if (typeof process.getuid === 'function' && uid === process.getuid()) {
      return userInfo().username
    }
  } catch {
    // No passwd entry for ourselves: fall through to the file.
  }
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':')
      if (name && id === String(uid)) return name
    }
  } catch {
    // No /etc/passwd: the uid alone names the owner.
  }
  return null
}
