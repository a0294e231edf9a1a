import type { Command } from 'commander'
import { ReplayRequestSchema } from '@shared/replay'
import { CREDENTIALS_FIELD } from '@shared/replay-credentials'
import type { ValidationError } from '@shared/validation'
import { checkHookUrl } from '@shared/wire-request'
import { ownedBy } from './data-dir-owner'
import { createHeadlessEngine, defaultDataDir } from '../engine'
import { EXIT_FAILURE, EXIT_OK, UsageError } from './errors'
import { fireReport, protocolErrorLine, requestLine, responseLine } from './fire-output'
import { printError, printLine } from './output'
import { errorMessage } from '@shared/error-message'
import { parseCredentialFlags } from './target-flags'
import { PASSWORD_FLAGS, secretEnvHelp, secretFileHelp, secretValueHelp } from './secret-flags'

interface ReplayFlags {
  url?: string
  hook?: string
  email?: string
  password?: string
  passwordEnv?: string
  passwordFile?: string
  dataDir?: string
  json?: boolean
  showSecrets?: boolean
}

/**
 * Re-sends an exchange or capture from the history of a data directory, byte for byte, and
 * reports the outcome like `fire` (exit 0 for a 2xx in time, 1 for a ProtocolError); the new
 * exchange is added to that history, linked to the one it re-sends. --email and --password
 * replace the credentials it is sent with; an entry whose Authorization was redacted on export
 * needs them (exit 2 without).
 */
export async function runReplay(id: string, flags: ReplayFlags): Promise<void> {
  if (flags.url !== undefined) {
    const check = checkHookUrl(flags.url)
    if (!check.ok) throw new UsageError(`--url: ${check.message}`)
  }
  if (flags.url !== undefined && flags.hook !== undefined) {
    throw new UsageError('give --url or --hook, not both')
  }
  const credentials = await parseCredentialFlags(flags)
  const parsed = ReplayRequestSchema.safeParse({
    sourceId: id,
    ...(flags.url === undefined ? {} : { url: flags.url }),
    ...(flags.hook === undefined ? {} : { hookId: flags.hook }),
    ...(credentials.email === '' ? {} : { credentials })
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (issue?.path[0] === 'credentials') {
      throw new UsageError(`--${String(issue.path[1] ?? 'email')}: ${issue.message}`)
    }
    throw new UsageError(`the id "${id}" is not valid`)
  }
  const dataDir = flags.dataDir === undefined ? defaultDataDir() : flags.dataDir.trim()
  if (dataDir === '') throw new UsageError('--data-dir must not be empty')
  const engine = await createHeadlessEngine({ dataDir, startReceiver: false, ...ownedBy('replay') })
  try {
    let exchange
    try {
      exchange = await engine.replay(parsed.data)
    } catch (e) {
      if ((e as Error).name === 'ValidationError') {
        if ((e as ValidationError).field === CREDENTIALS_FIELD) {
          throw new UsageError(`${errorMessage(e)} Give them with --email and --password.`)
        }
        throw new UsageError(`${errorMessage(e)} (history in ${dataDir})`)
      }
      throw e
    }
    const result = { ...exchange, localPort: null }
    if (flags.json) {
      const report = {
        ...fireReport(exchange.event, result, exchange.timeoutMs, flags.showSecrets === true),
        id: exchange.id
      }
      await printLine(JSON.stringify({ ...report, replayOf: exchange.replayOf }))
    } else {
      await printLine(requestLine(exchange.request.url, exchange.event, exchange.request.bodySize))
      const line = responseLine(result)
      if (line !== null) await printLine(line)
    }
    if (exchange.error !== null) await printError(protocolErrorLine(exchange.error))
    process.exitCode = exchange.error === null ? EXIT_OK : EXIT_FAILURE
  } finally {
    await engine.close()
  }
}

/** `hook-inspector replay`: send one recorded request again. */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      'Re-send an exchange or capture from the history, body byte for byte, to where it went or to another URL or hook; the outcome is reported like fire (exit 0: 2xx in time; 1: ProtocolError; 2: bad usage, an unknown id, or an Authorization redacted on export and no --email/--password). Do not point it at the data directory of a running app.'
    )
    .argument('<id>', 'the id of an exchange (exc_…) or capture (cap_…) in the history')
    .option('--url <url>', 'send it to this URL instead (keeps the credentials it was sent with)')
    .option('--hook <id>', 'send it with this saved hook (its URL, credentials and timeout)')
    .option(
      '--email <email>',
      'send it with this email as HTTP Basic auth with the password, in place of the credentials it would carry (needed when its Authorization was redacted on export)'
    )
    .option('--password-env <name>', secretEnvHelp(PASSWORD_FLAGS))
    .option('--password-file <file>', secretFileHelp(PASSWORD_FLAGS))
    .option('--password <password>', secretValueHelp('hook password (may contain ":")'))
    .option('--data-dir <dir>', 'the data directory whose history holds it (default: the app’s)')
    .option('--json', 'print the outcome as one JSON object')
    .option(
      '--show-secrets',
      'with --json, print Authorization and cookie values as sent (default: "Basic [redacted]")'
    )
    .action((id: string, flags: ReplayFlags) => runReplay(id, flags))
}
