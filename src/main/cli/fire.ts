import type { Command } from 'commander'
import { newId } from '@shared/ids'
import { HOOK_TIMEOUT_DEFAULT_S, HOOK_TIMEOUT_MAX_S, HOOK_TIMEOUT_MIN_S } from '@shared/schemas'
import type { Exchange } from '@shared/schemas'
import { HOOK_EVENTS, type HookEvent } from '@shared/trialkit'
import { ownedBy } from './data-dir-owner'
import { createHeadlessEngine } from '../engine'
import { EXIT_FAILURE, EXIT_OK, UsageError } from './errors'
import { buildBody, type BodyFlags } from './fire-body'
import { bodyLine, fireReport, protocolErrorLine, requestLine, responseLine } from './fire-output'
import { fireRequestFromFlags } from './fire-request'
import { printError, printLine } from './output'
import { parseTargetFlags, type TargetFlags } from './target-flags'
import { PASSWORD_FLAGS, secretEnvHelp, secretFileHelp, secretValueHelp } from './secret-flags'

interface FireFlags extends BodyFlags, TargetFlags {
  insecure?: boolean
  json?: boolean
  showSecrets?: boolean
  dataDir?: string
}

function parseEvent(raw: string): HookEvent {
  if ((HOOK_EVENTS as readonly string[]).includes(raw)) return raw as HookEvent
  throw new UsageError(`unknown event "${raw}": expected ${HOOK_EVENTS.join(', ')}`)
}

/**
 * Fires one event exactly as TrialKit would and reports the outcome: exit 0 for a complete 2xx in
 * time, exit 1 with a ProtocolError line otherwise. The request is the API's `fire`, as the
 * composer and `serve` send it (checked by the same schema), recorded in --data-dir's history
 * when given. Output is written whole before the exit code is set; the process then ends on its
 * own.
 */
export async function runFire(rawEvent: string, flags: FireFlags): Promise<void> {
  const event = parseEvent(rawEvent)
  const { url, email, password, timeoutSeconds } = await parseTargetFlags(flags)
  const dataDir = flags.dataDir === undefined ? null : flags.dataDir.trim()
  if (dataDir === '') throw new UsageError('--data-dir must not be empty')
  const body = await buildBody(event, flags)
  const exchangeId = newId('exc')
  const request = fireRequestFromFlags({
    event,
    url,
    email,
    password,
    timeoutSeconds,
    insecure: flags.insecure === true,
    body,
    exchangeId
  })
  for (const line of body.warnings) await printError(line)

  const timeoutMs = timeoutSeconds * 1000
  const engine = await createHeadlessEngine({ dataDir, startReceiver: false, ...ownedBy('fire') })
  // The request line is printed when the engine announces the exchange: the bytes it sends.
  let announced: Promise<void> = Promise.resolve()
  const off = engine.on('exchange-started', (started) => {
    if (started.id !== exchangeId || flags.json) return
    announced = printLine(requestLine(url.href, event, started.request.bodySize))
  })
  let result: Exchange
  try {
    result = await engine.fire(request)
  } finally {
    off()
    await engine.close()
  }
  await announced

  if (flags.json) {
    await printLine(
      JSON.stringify(fireReport(event, result, timeoutMs, flags.showSecrets === true))
    )
  } else {
    const line = responseLine(result)
    if (line !== null) await printLine(line)
    const body = bodyLine(result)
    if (body !== null) await printLine(body)
  }
  if (result.error !== null) await printError(protocolErrorLine(result.error))
  process.exitCode = result.error === null ? EXIT_OK : EXIT_FAILURE
}

/** `hook-inspector fire`: the dispatcher on its own, as TrialKit calls a study hook. */
export function registerFire(program: Command): void {
  program
    .command('fire')
    .description(
      'Play TrialKit: send one insert, update or review event to a URL, wait like a TrialKit user, and report the outcome (exit 0: 2xx in time; 1: ProtocolError; 2: bad usage).'
    )
    .argument('<event>', `the TrialKit event: ${HOOK_EVENTS.join(' | ')}`)
    .requiredOption('--url <url>', 'the hook URL (absolute http:// or https://)')
    .option('--email <email>', 'hook email; sent as HTTP Basic auth with the password')
    .option('--password-env <name>', secretEnvHelp(PASSWORD_FLAGS))
    .option('--password-file <file>', secretFileHelp(PASSWORD_FLAGS))
    .option('--password <password>', secretValueHelp('hook password (may contain ":")'))
    .option(
      '--timeout <seconds>',
      `the hook timeout, ${HOOK_TIMEOUT_MIN_S}-${HOOK_TIMEOUT_MAX_S} s, from connect to the last body byte`,
      String(HOOK_TIMEOUT_DEFAULT_S)
    )
    .option('--trans-id <id>', 'trans_id (record transaction id, a string); sample 436 / 435')
    .option('--form-id <id>', 'form_id (a string); sample 319')
    .option('--form-name <name>', 'form_name; sample "Sample Form"')
    .option('--wf-id <n>', 'review: wf_id of the level (also the top-level wf_id); sample 1')
    .option('--wf-seq <n>', 'review: wf_seq, the order of the level; sample 1')
    .option('--wf-name <name>', 'review: wf_name (also used as wf_desc); sample "Monitor Review"')
    .option(
      '--wf-status <n>',
      'review: wf_status, form status 10-14 (also the top-level wf_status); sample 10'
    )
    .option('--wf-lock', 'review: wf_lock true (the default)')
    .option('--no-wf-lock', 'review: wf_lock false')
    .option('--wf-sign', 'review: wf_sign true, e-signature required (default false)')
    .option('--wf-soft', 'review: wf_soft true, soft review (default false)')
    .option('--wf-fl', 'review: wf_fl true, field-level verification (the default)')
    .option('--no-wf-fl', 'review: wf_fl false')
    .option(
      '--lock-broken',
      'review: LockBroken true, a data change broke a review lock (default false)'
    )
    .option('--body <json>', 'send this JSON instead of the built body, byte for byte')
    .option(
      '--body-file <path>',
      'send this file (UTF-8 JSON) instead of the built body, byte for byte'
    )
    .option(
      '--raw-body <text>',
      'send this text as the body, byte for byte, even if it is not valid JSON (bad-input tests)'
    )
    .option(
      '--raw-body-file <path>',
      'send this UTF-8 file as the body, byte for byte, even if it is not valid JSON'
    )
    .option('--insecure', 'accept invalid or self-signed TLS certificates')
    .option(
      '--data-dir <dir>',
      'record the exchange in the history of this data directory (for replay and export); default: not recorded'
    )
    .option(
      '--json',
      'print one JSON object: ok, event, request, response, error, timings, timeoutMs'
    )
    .option(
      '--show-secrets',
      'with --json, print Authorization and cookie values as sent (default: "Basic [redacted]")'
    )
    .action((event: string, flags: FireFlags) => runFire(event, flags))
}
