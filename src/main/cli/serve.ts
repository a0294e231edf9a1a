import type { Command } from 'commander'
import { DEFAULT_CONTROL_PORT } from '@shared/schemas'
import { ownedBy } from './data-dir-owner'
import { createHeadlessEngine, defaultDataDir } from '../engine'
import { CONTROL_HOSTS, startControlServer } from '../web/control-server'
import { hasBuiltUi } from '../web/static-ui'
import { newControlToken } from '../web/token'
import { RuntimeFailure, UsageError } from './errors'
import { exposureLine } from './exposure-line'
import { parseChoice, parseCredentials, parsePort } from './options'
import { openInBrowser } from './open-browser'
import { printError, printLine } from './output'
import {
  addPublicOptions,
  publicChoice,
  requireCredentials,
  type PublicFlags
} from './public-flags'
import {
  EXPECT_AUTH_FLAGS,
  readSecret,
  secretEnvHelp,
  secretFileHelp,
  secretValueHelp
} from './secret-flags'
import { escapeForTerminal } from './terminal-text'
import { exitOnSignal } from './shutdown'
import { printEngineNotices } from './startup-notices'
import { errorMessage } from '@shared/error-message'

interface ServeFlags extends PublicFlags {
  port?: string
  receiverPort?: string
  dataDir?: string
  open?: boolean
  host?: string
  expectAuth?: string
  expectAuthEnv?: string
  expectAuthFile?: string
}

/** Where the CLI finds what it serves, relative to the built cli file. */
export interface ServeContext {
  /** The built renderer (out/renderer). */
  uiDir: string
}

export const TOKEN_ENV = 'HOOK_INSPECTOR_TOKEN'

/**
 * The token of this start: random, or fixed by $HOOK_INSPECTOR_TOKEN (tests and scripted
 * setups). A fixed one must still be URL-safe and long enough not to be guessed.
 */
function controlToken(): string {
  const fixed = process.env[TOKEN_ENV]
  if (fixed === undefined || fixed === '') return newControlToken()
  if (!/^[A-Za-z0-9_-]{16,256}$/.test(fixed)) {
    throw new UsageError(`${TOKEN_ENV} must be 16 to 256 characters of A-Z, a-z, 0-9, "_" or "-"`)
  }
  return fixed
}

/**
 * Runs the engine and the control server until a signal: the whole app in a browser. On a
 * signal the server stops first (no new calls), then the engine (journal flushed).
 */
export async function runServe(flags: ServeFlags, context: ServeContext): Promise<void> {
  const port = parsePort('--port', flags.port ?? String(DEFAULT_CONTROL_PORT))
  const receiverPort =
    flags.receiverPort === undefined ? undefined : parsePort('--receiver-port', flags.receiverPort)
  const host = parseChoice('--host', flags.host ?? '127.0.0.1', CONTROL_HOSTS)
  const dataDir = flags.dataDir === undefined ? defaultDataDir() : flags.dataDir.trim()
  if (dataDir === '') throw new UsageError('--data-dir must not be empty')
  const token = controlToken()
  // The saved receiver host may be beyond loopback: --allow-anonymous applies to it too.
  const publicUrl = publicChoice(flags, true)
  const allowAnonymous = flags.allowAnonymous === true
  const expectAuth = await readSecret(EXPECT_AUTH_FLAGS, {
    value: flags.expectAuth,
    env: flags.expectAuthEnv,
    file: flags.expectAuthFile
  })
  const expectedAuth =
    expectAuth === undefined ? null : parseCredentials(EXPECT_AUTH_FLAGS.value, expectAuth)

  const engine = await createHeadlessEngine({
    dataDir,
    portConflict: 'fail',
    receiverOverrides: receiverPort === undefined ? undefined : { port: receiverPort },
    // Its start-up notices (a lock taken over among them) are printed below.
    owner: ownedBy('serve').owner,
    allowAnonymous
  })
  const uiDir = hasBuiltUi(context.uiDir) ? context.uiDir : null
  let server
  try {
    if (expectedAuth !== null) {
      // Saved in the behaviour (its password in the secret store), as if set in the app.
      const { behavior } = await engine.getSettings()
      await engine.setBehavior({ ...behavior, expectedAuth })
    }
    if (publicUrl !== null) {
      const { behavior } = await engine.getSettings()
      requireCredentials(
        publicUrl,
        behavior.expectedAuth,
        "give --expect-auth EMAIL:PASSWORD (or --expect-auth-env, --expect-auth-file), or set them in the receiver's behaviour in the app"
      )
    }
    server = await startControlServer({ engine, token, staticDir: uiDir, port, host })
  } catch (error) {
    await engine.close()
    throw error
  }
  exitOnSignal(async () => {
    await server.close()
    await engine.close()
  })
  // What went wrong at start (history in memory only, an exposed receiver, …) gets a line now;
  // what goes wrong while running (e.g. history cannot be written) gets one when it happens.
  await printEngineNotices(engine)

  const receiver = engine.receiverStatus()
  await printError(`Receiver: ${receiver.url ?? `not running (${receiver.error ?? 'stopped'})`}`)
  const exposure = exposureLine(
    { host: receiver.exposed ? receiver.host : null, tunnel: publicUrl !== null },
    (await engine.getSettings()).behavior.expectedAuth,
    allowAnonymous
  )
  if (exposure !== null) await printError(exposure)
  if (publicUrl !== null) {
    try {
      const status = await engine.startPublic(publicUrl)
      await printError(`Public URL: ${escapeForTerminal(status.url ?? '')}`)
    } catch (error) {
      await server.close()
      await engine.close()
      throw new RuntimeFailure(errorMessage(error))
    }
  }
  engine.on('public-status', (status) => {
    if (status.state === 'up') void printError(`Public URL: ${escapeForTerminal(status.url ?? '')}`)
    if (status.state === 'down' || (status.state === 'off' && status.reason !== null)) {
      void printError(`Public URL down: ${escapeForTerminal(status.reason ?? 'stopped')}`)
    }
  })
  await printError(`Data: ${dataDir}`)
  if (uiDir === null) {
    await printError(`warning: no built UI in ${context.uiDir}; run \`npm run build\` first`)
  }
  // Last, so a script that waits for this line finds everything else already printed.
  await printLine(`Hook Inspector: ${server.uiUrl}`)
  if (flags.open) openInBrowser(server.uiUrl, (message) => void printError(`warning: ${message}`))
}

/** `hook-inspector serve`: the app in the browser, on loopback with a per-start token. */
export function registerServe(program: Command, context: ServeContext): void {
  const command = program
    .command('serve')
    .description(
      'Run the whole app (dispatcher, receiver, inspector) and serve its UI to your browser on loopback; prints the address with its access token.'
    )
    .option(
      '--port <n>',
      'port of the UI and its API; 0 picks a free port',
      String(DEFAULT_CONTROL_PORT)
    )
    .option(
      '--receiver-port <n>',
      'port of the receiver for this run (default: the saved one, 4700); 0 picks a free port'
    )
    .option(
      '--data-dir <dir>',
      'where settings, secrets and history live (default: the user data directory, or $HOOK_INSPECTOR_DATA_DIR)'
    )
    .option('--open', 'open the address in the default browser')
    .option('--expect-auth-env <name>', secretEnvHelp(EXPECT_AUTH_FLAGS))
    .option('--expect-auth-file <file>', secretFileHelp(EXPECT_AUTH_FLAGS))
    .option(
      '--expect-auth <email:password>',
      secretValueHelp(
        'the receiver requires these Basic credentials, saved in its behaviour as if set in the app'
      )
    )
    .option(
      `--host <host>`,
      `loopback address of the UI: ${CONTROL_HOSTS.join(' | ')}`,
      '127.0.0.1'
    )
  addPublicOptions(command).action((flags: ServeFlags) => runServe(flags, context))
}
