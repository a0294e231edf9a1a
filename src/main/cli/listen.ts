import type { Command } from 'commander'
import { faultChoicesText, NO_FAULT } from '@shared/faults'
import { DEFAULT_RECEIVER_PORT, type Capture } from '@shared/schemas'
import { ownedBy } from './data-dir-owner'
import {
  assertTrustedDataDir,
  createHeadlessEngine,
  defaultDataDir,
  exposureRefusal
} from '../engine'
import { isLoopbackHost } from '@shared/loopback'
import { formatCaptureLine, formatUnfinishedLine } from './capture-line'
import { listenConfig, type ListenFlags } from './listen-behavior'
import { behaviorSummary } from './listen-summary'
import { UsageError } from './errors'
import { exposureLine } from './exposure-line'
import { collect } from './options'
import {
  addPublicOptions,
  publicChoice,
  requireCredentials,
  startCliTunnel,
  type PublicFlags
} from './public-flags'
import { printError, printLine } from './output'
import {
  EXPECT_AUTH_FLAGS,
  readSecret,
  secretEnvHelp,
  secretFileHelp,
  secretValueHelp
} from './secret-flags'
import { exitOnSignal } from './shutdown'
import { printEngineNotices } from './startup-notices'

/**
 * Starts the engine's receiver (the one the app and `serve` run; history in memory only) with
 * the flags' behaviour and prints every capture until a signal.
 */
export async function runListen(flags: ListenFlags & PublicFlags): Promise<void> {
  const expectAuth = await readSecret(EXPECT_AUTH_FLAGS, {
    value: flags.expectAuth,
    env: flags.expectAuthEnv,
    file: flags.expectAuthFile
  })
  const config = listenConfig({ ...flags, expectAuth })
  const beyondLoopback = !isLoopbackHost(config.host)
  const publicUrl = publicChoice(flags, beyondLoopback)
  if (publicUrl !== null) {
    requireCredentials(publicUrl, config.behavior.expectedAuth, '--expect-auth EMAIL:PASSWORD')
  }
  if (publicUrl !== null && flags.dataDir === undefined) {
    // The tunnel keeps its known_hosts in the default data dir: it must be the user's own too.
    await assertTrustedDataDir(defaultDataDir())
  }
  const anonymous = flags.allowAnonymous === true
  // The engine refuses it too; said here first, before anything is opened.
  const refusal = exposureRefusal(
    `Listening on ${config.host}`,
    config.behavior.expectedAuth,
    { tunnel: false, host: beyondLoopback ? config.host : null },
    { tunnel: false, host: anonymous }
  )
  if (refusal !== null) throw new UsageError(refusal)
  const exposure = exposureLine(
    { host: beyondLoopback ? config.host : null, tunnel: publicUrl !== null },
    config.behavior.expectedAuth,
    anonymous
  )
  if (exposure !== null) await printError(exposure)
  const show = (capture: Capture): void => {
    // "type" leads each line so a script can dispatch on it before reading the rest.
    const { type, ...fields } = capture
    // The answer does not wait for the terminal: a slow reader must not slow the receiver.
    void printLine(config.json ? JSON.stringify({ type, ...fields }) : formatCaptureLine(capture))
  }
  // With --data-dir every capture is in DIR/history.jsonl before it is answered, as in the app;
  // while it cannot be written the receiver answers 503, and a line says when that starts and ends.
  // A host beyond loopback without credentials is refused by the engine unless this is set.
  const engine = await createHeadlessEngine({
    dataDir: flags.dataDir ?? null,
    startReceiver: false,
    // Its start-up notices (a lock taken over among them) are printed just below.
    owner: ownedBy('listen').owner,
    allowAnonymous: anonymous
  })
  // Start-up notices (data dir, history in memory only, exposure) now, later ones as they come.
  await printEngineNotices(engine)
  let url: string | null
  try {
    // The behaviour is in place before the receiver listens, so it answers the first request.
    await engine.setBehavior(config.behavior)
    engine.on('capture', show)
    engine.on('capture-updated', (capture) => {
      const { type: _type, ...fields } = capture
      void printLine(
        config.json
          ? JSON.stringify({ type: 'capture-updated', ...fields })
          : formatUnfinishedLine(capture)
      )
    })
    const status = await engine.startReceiver({
      host: config.host,
      port: config.port,
      bodyLimitBytes: config.bodyLimitBytes
    })
    url = status.url
  } catch (error) {
    await engine.close()
    throw error
  }
  // Signals are handled before the address is printed: whoever reads it may stop us at once.
  let tunnel: { stop(): Promise<void> } | null = null
  exitOnSignal(async () => {
    await tunnel?.stop()
    await engine.close()
  })
  if (config.json) {
    await printLine(JSON.stringify({ type: 'listening', url }))
  } else {
    await printLine(`Listening on ${url}`)
    await printError(`Answering with ${behaviorSummary(config.behavior)}. Press Ctrl+C to stop.`)
  }
  const port = engine.receiverStatus().port
  if (publicUrl !== null && port !== null) {
    try {
      // Host keys are remembered in the data dir, this run's or the default one.
      tunnel = await startCliTunnel(publicUrl, port, flags.dataDir ?? defaultDataDir(), config.json)
    } catch (error) {
      await engine.close()
      throw error
    }
  }
}

/** `hook-inspector listen`: the receiver on its own, for scripts and terminals. */
export function registerListen(program: Command): void {
  const command = program
    .command('listen')
    .description(
      'Play the external system: receive hook calls, print each one, and answer as told.'
    )
    .option('--port <n>', 'port to listen on; 0 picks a free port', String(DEFAULT_RECEIVER_PORT))
    .option(
      '--host <host>',
      'address to listen on; anything but loopback exposes the receiver to the network',
      '127.0.0.1'
    )
    .option('--status <code>', 'HTTP status of the answer (100-599)', '200')
    .option('--body <text>', 'body of the answer', '{"ok":true}')
    .option(
      '--header <"Name: value">',
      'header of the answer; repeatable; a Content-Type replaces the default JSON one',
      collect
    )
    .option(
      '--delay <ms|min-max>',
      'wait before answering: fixed (500) or random in a range (200-800)'
    )
    .option(
      '--fault <fault>',
      `misbehave instead of answering normally: ${faultChoicesText()}`,
      NO_FAULT
    )
    .option('--expect-auth-env <name>', secretEnvHelp(EXPECT_AUTH_FLAGS))
    .option('--expect-auth-file <file>', secretFileHelp(EXPECT_AUTH_FLAGS))
    .option(
      '--expect-auth <email:password>',
      secretValueHelp(
        'require these Basic credentials; others get 401 with WWW-Authenticate: Basic'
      )
    )
    .option('--body-limit <bytes>', 'larger request bodies get 413 (still recorded)', '5242880')
    .option(
      '--json',
      'print one JSON object per line: "listening", then one "capture" per request, "capture-updated" when a caller left before its answer ("public" and "public-down" with --public)'
    )
    .option(
      '--data-dir <dir>',
      'write every capture to DIR/history.jsonl before answering it; while that fails, answer 503'
    )
  addPublicOptions(command).action((flags: ListenFlags & PublicFlags) => runListen(flags))
}
