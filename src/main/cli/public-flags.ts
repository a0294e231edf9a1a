import { accessSync, constants } from 'node:fs'
import type { Command } from 'commander'
import { parsePublicFlag, type PublicProvider } from '@shared/public-url'
import type { Behavior } from '@shared/schemas'
import {
  ensureDataDir,
  exposureRefusal,
  NGROK_TOKEN_ENV,
  TunnelRunner,
  tunnelOpener,
  type TunnelError
} from '../engine'
import { escapeForTerminal } from './terminal-text'
import { RuntimeFailure, UsageError } from './errors'
import { printError, printLine } from './output'
import { errorMessage } from '@shared/error-message'

/** The raw `--public` flags, as commander collects them. */
export interface PublicFlags {
  public?: string
  sshIdentity?: string
  allowAnonymous?: boolean
}

export interface PublicChoice {
  provider: PublicProvider
  target: string | null
  identityFile: string | null
  allowAnonymous: boolean
}

/** Adds `--public`, `--ssh-identity` and `--allow-anonymous` to a command. */
export function addPublicOptions(command: Command): Command {
  return command
    .option(
      '--public <provider[:target]>',
      'make the receiver reachable from the internet through a tunnel: ssh:USER@HOST[:PORT] (e.g. ssh:nokey@localhost.run), ngrok (token in $NGROK_AUTHTOKEN) or cloudflared (on PATH)'
    )
    .option('--ssh-identity <file>', 'private key for the ssh tunnel')
    .option(
      '--allow-anonymous',
      'let a receiver that is public, or listens beyond loopback, answer requests without expected credentials'
    )
}

/**
 * Reads the flags; null when `--public` is not given. `--allow-anonymous` also applies to a
 * receiver beyond loopback, so without `--public` it is refused only when `beyondLoopback` is
 * false.
 */
export function publicChoice(flags: PublicFlags, beyondLoopback = false): PublicChoice | null {
  if (flags.public === undefined) {
    if (flags.sshIdentity !== undefined) {
      throw new UsageError('--ssh-identity is only used with --public ssh:USER@HOST')
    }
    if (flags.allowAnonymous === true && !beyondLoopback) {
      throw new UsageError(
        '--allow-anonymous is only used with --public or a receiver host other than loopback'
      )
    }
    return null
  }
  let parsed
  try {
    parsed = parsePublicFlag(flags.public)
  } catch (error) {
    throw new UsageError(`--public: ${(error as Error).message}`)
  }
  let identityFile: string | null = null
  if (flags.sshIdentity !== undefined) {
    if (parsed.provider !== 'ssh') {
      throw new UsageError('--ssh-identity is only used with --public ssh:USER@HOST')
    }
    identityFile = flags.sshIdentity.trim()
    try {
      accessSync(identityFile, constants.R_OK)
    } catch {
      throw new UsageError(`--ssh-identity: cannot read "${identityFile}"`)
    }
  }
  return { ...parsed, identityFile, allowAnonymous: flags.allowAnonymous === true }
}

/**
 * A public receiver answers anyone who finds its URL, and captures hold what they send; so it
 * must check real credentials (an empty email or password is none) unless the user says in so
 * many words that it need not. The rule is exposure.ts's; this names the flags.
 */
export function requireCredentials(
  choice: PublicChoice,
  expectedAuth: Behavior['expectedAuth'],
  howToSet: string
): void {
  const refusal = exposureRefusal(
    '--public',
    expectedAuth,
    { tunnel: true, host: null },
    { tunnel: choice.allowAnonymous, host: false }
  )
  if (refusal === null) return
  throw new UsageError(
    `--public needs expected credentials with a non-empty email and password (${howToSet}) or --allow-anonymous: anyone who finds the URL could send requests`
  )
}

/**
 * Brings the tunnel up and prints its URL (and every drop and new URL after it). Rejects with a
 * RuntimeFailure naming the reason when it cannot come up in time.
 */
export async function startCliTunnel(
  choice: PublicChoice,
  localPort: number,
  dataDir: string,
  json: boolean
): Promise<TunnelRunner> {
  await ensureDataDir(dataDir).catch(() => undefined)
  const open = tunnelOpener({
    provider: choice.provider,
    target: choice.target,
    identityFile: choice.identityFile,
    dataDir,
    ngrokAuthtoken: process.env[NGROK_TOKEN_ENV] ?? null
  })
  const announce = (url: string): Promise<void> =>
    json
      ? printLine(JSON.stringify({ type: 'public', provider: choice.provider, url }))
      : printLine(`Public URL: ${escapeForTerminal(url)}`)
  const runner = new TunnelRunner({
    open,
    localPort,
    onUp: (url) => void announce(url),
    onDown: (error: TunnelError, retryInMs) => {
      const reason = error.message
      void (json
        ? printLine(JSON.stringify({ type: 'public-down', reason }))
        : printError(
            `Public URL down: ${escapeForTerminal(reason)}` +
              (retryInMs === null ? '' : `; retrying in ${Math.round(retryInMs / 1000)} s`)
          ))
    }
  })
  try {
    const url = await runner.start()
    await announce(url)
    return runner
  } catch (error) {
    await runner.stop()
    throw new RuntimeFailure(`the public URL could not come up: ${errorMessage(error)}`)
  }
}
