import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { resolve } from 'node:path'
import { TunnelError } from './tunnel'

/**
 * A file path written so that ssh reads it back as exactly that path. ssh splits an option's value
 * at whitespace (UserKnownHostsFile takes a list: "/Users/a/Library/Application Support/…" would
 * become two files, the first outside the data dir) and expands "%x" tokens, "${VAR}" and a
 * leading "~" in file paths (IdentityFile and -i too). So the path is made absolute, "%" is
 * doubled, and the whole is put in double quotes with "\\" and '"' escaped, as ssh_config(5)
 * quoting allows. "${" has no escape in ssh, so such a path is refused rather than silently
 * read as another file.
 */
export function sshPath(path: string): string {
  const absolute = resolve(path)
  if (absolute.includes('${')) {
    throw new TunnelError(
      'exited',
      `ssh cannot be given the path "${absolute}": it contains "\${", which ssh reads as an environment variable`
    )
  }
  return `"${absolute.replace(/%/g, '%%').replace(/[\\"]/g, '\\$&')}"`
}

/**
 * Creates the app's known_hosts owner-only (0600) before ssh first writes it, and narrows one
 * that exists. Threat: ssh creates it with the umask (often 0644); the host keys it lists say
 * which servers the user tunnels through, and the file decides which server is trusted, so no
 * one else may read it (or write it, which would let them vouch for a server of their own).
 */
export async function prepareKnownHosts(file: string): Promise<void> {
  // O_NOFOLLOW: a link planted in the data dir must not make us create or chmod its target.
  const handle = await open(
    file,
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0),
    0o600
  )
  try {
    await handle.chmod(0o600)
  } finally {
    await handle.close()
  }
}
