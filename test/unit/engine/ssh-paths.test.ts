import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { prepareKnownHosts, sshPath } from '@main/engine/public-url/ssh-paths'
import { sshArgs } from '@main/engine/public-url/ssh-tunnel'

describe('paths given to ssh', () => {
  it('quotes a path with spaces so ssh reads it as one file', () => {
    expect(sshPath('/Users/ann/Library/Application Support/hook-inspector/known_hosts')).toBe(
      '"/Users/ann/Library/Application Support/hook-inspector/known_hosts"'
    )
    const args = sshArgs(
      { target: 'me@example.org', identityFile: '/keys/my key', dataDir: '/data dir' },
      4700
    )
    expect(args).toContain('UserKnownHostsFile="/data dir/known_hosts"')
    expect(args).toContain('IdentityFile="/keys/my key"')
  })

  it('doubles "%" and escapes quotes and backslashes, which ssh would otherwise read', () => {
    expect(sshPath('/d/100%/a"b\\c')).toBe('"/d/100%%/a\\"b\\\\c"')
  })

  it('makes a relative path absolute, so a leading "~" is never expanded', () => {
    expect(sshPath('~x/k')).toBe(`"${join(process.cwd(), '~x', 'k')}"`)
  })

  it('refuses a path with "${", which ssh would read as an environment variable', () => {
    expect(() => sshPath('/d/${HOME}/k')).toThrow(
      'ssh cannot be given the path "/d/${HOME}/k": it contains "${", which ssh reads as an environment variable'
    )
  })
})

describe('the known_hosts file', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('is created owner-only, and an existing one is narrowed without losing its lines', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hi-kh-'))
    const fresh = join(dir, 'known_hosts')
    await prepareKnownHosts(fresh)
    expect(lstatSync(fresh).mode & 0o777).toBe(0o600)
    const wide = join(dir, 'wide')
    writeFileSync(wide, 'host ssh-ed25519 AAAA\n', { mode: 0o644 })
    await prepareKnownHosts(wide)
    expect(lstatSync(wide).mode & 0o777).toBe(0o600)
    expect(readFileSync(wide, 'utf8')).toBe('host ssh-ed25519 AAAA\n')
  })

  it('is never a link: the target of a planted one is not touched', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hi-kh-'))
    const target = join(dir, 'elsewhere')
    writeFileSync(target, '', { mode: 0o644 })
    symlinkSync(target, join(dir, 'known_hosts'))
    await expect(prepareKnownHosts(join(dir, 'known_hosts'))).rejects.toThrow(/ELOOP/)
    expect(lstatSync(target).mode & 0o777).toBe(0o644)
  })
})
