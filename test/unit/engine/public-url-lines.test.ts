import { describe, expect, it } from 'vitest'
import { parsePublicFlag, PublicRequestSchema } from '@shared/public-url'
import {
  cloudflaredFailureFromLine,
  cloudflaredUrlFromLine,
  lineSplitter,
  sshFailureFromLine,
  sshUrlFromLine
} from '@main/engine/public-url/output-lines'
import { ngrokFailure } from '@main/engine/public-url/ngrok-tunnel'
import { remotePortFor, sshArgs } from '@main/engine/public-url/ssh-tunnel'

describe('ssh output', () => {
  it("takes localhost.run's tunnel line and not the links on its banner", () => {
    const banner = [
      '===============================================================================',
      'Welcome to localhost.run!',
      'Follow your favourite reverse tunnel at [https://twitter.com/localhost_run].',
      'To set up and manage custom domains go to https://admin.localhost.run/',
      'More details on custom domains (and how to enable subdomains of your custom',
      'domain) at https://localhost.run/docs/custom-domains',
      '** your connection id is 8a3e4d7f-1c3b, please mention it if you send me a message about an issue. **',
      'authenticated as anonymous user',
      '4fa8c2b1e9d7a3.lhr.life tunneled with tls termination, https://4fa8c2b1e9d7a3.lhr.life',
      'create an account and add your key for a longer lasting domain name. see https://localhost.run/docs/forever-free/ for more information.'
    ]
    const found = banner.map((l) => sshUrlFromLine(l, 'localhost.run')).filter(Boolean)
    expect(found).toEqual(['https://4fa8c2b1e9d7a3.lhr.life/'])
  })

  it("takes serveo's forwarding line", () => {
    expect(
      sshUrlFromLine('Forwarding HTTP traffic from https://abc123.serveo.net', 'serveo.net')
    ).toBe('https://abc123.serveo.net/')
  })

  it("turns OpenSSH's allocated-port line into http://HOST:N/", () => {
    expect(
      sshUrlFromLine('Allocated port 37101 for remote forward to 127.0.0.1:4700', 'example.org')
    ).toBe('http://example.org:37101/')
    expect(sshUrlFromLine('Allocated port 9 for remote forward to x:1', '::1')).toBe(
      'http://[::1]:9/'
    )
    expect(sshUrlFromLine('Warning: Permanently added example.org', 'example.org')).toBeNull()
  })

  it('names each failure ssh prints', () => {
    expect(sshFailureFromLine('Host key verification failed.')?.failure).toBe('host-key-changed')
    expect(
      sshFailureFromLine('@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @')?.failure
    ).toBe('host-key-changed')
    expect(sshFailureFromLine('root@127.0.0.1: Permission denied (publickey).')?.failure).toBe(
      'auth-refused'
    )
    expect(
      sshFailureFromLine('ssh: connect to host 127.0.0.1 port 1: Connection refused')?.failure
    ).toBe('unreachable')
    expect(
      sshFailureFromLine(
        'ssh: Could not resolve hostname nowhere.invalid: Name or service not known'
      )?.failure
    ).toBe('unreachable')
    expect(
      sshFailureFromLine('Error: remote port forwarding failed for listen port 80')?.failure
    ).toBe('forward-refused')
    expect(sshFailureFromLine('Welcome!')).toBeNull()
  })

  it('forwards port 80 for URL services and lets any other server allocate one', () => {
    expect(remotePortFor('localhost.run')).toBe(80)
    expect(remotePortFor('eu.serveo.net')).toBe(80)
    expect(remotePortFor('example.org')).toBe(0)
  })

  it('puts the target after "--" and checks host keys against the data dir', () => {
    const args = sshArgs(
      { target: 'me@example.org:2222', identityFile: '/k', dataDir: '/data' },
      4700
    )
    expect(args.slice(-2)).toEqual(['--', 'me@example.org'])
    expect(args).toContain('UserKnownHostsFile="/data/known_hosts"')
    expect(args).toContain('StrictHostKeyChecking=accept-new')
    expect(args).toContain('BatchMode=yes')
    expect(args.join(' ')).toContain('-p 2222 -R 0:127.0.0.1:4700')
    expect(args.join(' ')).toContain('-o IdentityFile="/k" -o IdentitiesOnly=yes')
  })
})

describe('cloudflared output', () => {
  it('takes the quick tunnel URL from its box', () => {
    const lines = [
      '2024-05-01T10:00:00Z INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.',
      '2024-05-01T10:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...',
      '2024-05-01T10:00:01Z INF +--------------------------------------------------------------------------------------------+',
      '2024-05-01T10:00:01Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
      '2024-05-01T10:00:01Z INF |  https://seasonal-deck-organisms-sf.trycloudflare.com                                      |',
      '2024-05-01T10:00:01Z INF +--------------------------------------------------------------------------------------------+'
    ]
    expect(lines.map(cloudflaredUrlFromLine).filter(Boolean)).toEqual([
      'https://seasonal-deck-organisms-sf.trycloudflare.com/'
    ])
  })

  it('reads a failed quick tunnel request as unreachable', () => {
    expect(
      cloudflaredFailureFromLine(
        '2024-05-01T10:00:00Z ERR Error unmarshaling QuickTunnel response: failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com: no such host'
      )?.failure
    ).toBe('unreachable')
    expect(
      cloudflaredFailureFromLine('2024-05-01T10:00:00Z INF Starting metrics server')
    ).toBeNull()
  })
})

describe('ngrok errors', () => {
  it('tells a refused authtoken from an unreachable service', () => {
    expect(
      ngrokFailure(
        new Error('authentication failed: The authtoken you specified is invalid.\n\nERR_NGROK_105')
      ).failure
    ).toBe('auth-refused')
    expect(ngrokFailure(new Error('failed to connect session: dns error')).failure).toBe(
      'unreachable'
    )
  })
})

describe('--public and the public request', () => {
  it('reads each provider and refuses what is not one', () => {
    expect(parsePublicFlag('ssh:nokey@localhost.run')).toEqual({
      provider: 'ssh',
      target: 'nokey@localhost.run'
    })
    expect(parsePublicFlag('ssh:me@example.org:2222').target).toBe('me@example.org:2222')
    expect(parsePublicFlag('ngrok')).toEqual({ provider: 'ngrok', target: null })
    expect(() => parsePublicFlag('ssh')).toThrow(/ssh needs a target/)
    expect(() => parsePublicFlag('ssh:-oProxyCommand=evil@h')).toThrow(/not a valid ssh user/)
    expect(() => parsePublicFlag('ssh:me@example.org:70000')).toThrow(/port/)
    expect(() => parsePublicFlag('cloudflared:x')).toThrow(/takes no target/)
    expect(() => parsePublicFlag('bore')).toThrow(/not a provider/)
  })

  it('validates the API request, naming the target', () => {
    const r = PublicRequestSchema.safeParse({ provider: 'ssh', target: 'nohost' })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path).toEqual(['target'])
    expect(PublicRequestSchema.parse({ provider: 'cloudflared' }).allowAnonymous).toBe(false)
  })
})

describe('lineSplitter', () => {
  it('joins lines split across chunks', () => {
    const lines: string[] = []
    const feed = lineSplitter((l) => lines.push(l))
    feed('Allocated po')
    feed('rt 5 for remote forward\r\nnext')
    feed('\n')
    expect(lines).toEqual(['Allocated port 5 for remote forward', 'next'])
  })
})
