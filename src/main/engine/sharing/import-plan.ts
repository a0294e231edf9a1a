import { createHash } from 'node:crypto'
import type { Bundle } from '@shared/bundle'
import { NO_FAULT } from '@shared/faults'
import { newId } from '@shared/ids'
import type { Behavior, HistoryEntry, HookConfig, Scenario } from '@shared/schemas'
import {
  describeStepForwarding,
  scenarioForwardingTargets,
  withoutStepForwarding
} from '@shared/scenarios/forwarding-targets'
import type { ImportForwarding, ImportSummary } from '@shared/sharing'
import { ValidationError } from '@shared/validation'
import type { ImportPlan } from './parse-import'
import { scenariosWithoutSecrets } from '../secrets/settings-secrets'
import { remapIds } from './remap-ids'

/** What the import finds here: the saved setup and the history. */
export interface ImportContext {
  hooks: readonly HookConfig[]
  scenarios: readonly Scenario[]
  /** The history, read one entry at a time (a large one is never parsed whole). */
  history: { ids(): string[]; get(id: string): HistoryEntry | undefined }
  historyCap: number
  /** The user confirmed that a bundle's forwarding may be switched on. */
  allowForwarding: boolean
  /** The imported file's name, kept on each entry with the time of the import. */
  fileName?: string | undefined
  /** Throws when the bundle's behaviour may not be applied here (an exposed receiver). */
  checkBehavior?: ((behavior: Behavior) => void) | undefined
}

/** The changes an import makes, worked out before any is made, and what it says about them. */
export interface ImportChanges {
  summary: ImportSummary
  /** Null for a HAR file. */
  setup: { hooks: HookConfig[]; scenarios: Scenario[]; behavior: Behavior } | null
  /** The entries to add, ids remapped where taken, marked imported. */
  entries: HistoryEntry[]
}

function firstDuplicate(ids: readonly string[]): string | null {
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id)) return id
    seen.add(id)
  }
  return null
}

/** JSON with keys sorted, so the same entry gives the same text whatever its key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v
  )
}

/**
 * What makes an entry the same one again: everything but its id (a foreign HAR entry gets a new
 * one at every read) and the marks this app adds.
 */
function fingerprint(entry: HistoryEntry): string {
  return createHash('sha256').update(fingerprintText(entry)).digest('base64')
}

/** The text a fingerprint is the hash of (kept small in memory as a hash). */
function fingerprintText(entry: HistoryEntry): string {
  const copy: Record<string, unknown> = { ...entry }
  delete copy.id
  delete copy.imported
  delete copy.importedFrom
  delete copy.notSaved
  return canonical(copy)
}

/** The entries not in the history yet (nor twice in the file), and how many already are. */
function newEntries(
  incoming: readonly HistoryEntry[],
  history: ImportContext['history'],
  ids: readonly string[]
): { fresh: HistoryEntry[]; present: number } {
  const known = new Set<string>()
  for (const id of ids) {
    const entry = history.get(id)
    if (entry) known.add(fingerprint(entry))
  }
  const fresh: HistoryEntry[] = []
  let present = 0
  for (const entry of incoming) {
    const print = fingerprint(entry)
    if (known.has(print)) {
      present++
      continue
    }
    known.add(print)
    fresh.push(entry)
  }
  return { fresh, present }
}

/** Faults a behaviour can show, besides answering normally. */
function faultsOf(behavior: Behavior): string[] {
  const faults = new Set<string>()
  if (behavior.fault !== NO_FAULT) faults.add(behavior.fault)
  if (behavior.failure.rate > 0 && behavior.failure.fault !== NO_FAULT) {
    faults.add(behavior.failure.fault)
  }
  for (const override of Object.values(behavior.overrides)) {
    if (override?.fault && override.fault !== NO_FAULT) faults.add(override.fault)
  }
  return [...faults]
}

/** What the bundle's behaviour will do here, in sentences for the summary. */
function behaviorMessages(behavior: Behavior, forwardTarget: string | null, on: boolean): string[] {
  const messages: string[] = []
  if (forwardTarget !== null) {
    messages.push(
      on
        ? `Forwarding is on: every captured request is also sent to ${forwardTarget}.`
        : `The bundle forwards requests to ${forwardTarget}; forwarding was imported switched off (confirm it to switch it on).`
    )
  }
  if (behavior.expectedAuth) {
    messages.push(`The receiver expects credentials for ${behavior.expectedAuth.email}.`)
    if (behavior.expectedAuth.password === '') {
      messages.push('Enter the expected password again: the bundle does not carry it.')
    }
  }
  if (behavior.failure.rate > 0) {
    const { rate, status, fault } = behavior.failure
    const what = fault === NO_FAULT ? `status ${status}` : `fault ${fault}`
    messages.push(`${Math.round(rate * 1000) / 10}% of requests fail at random (${what}).`)
  }
  const faults = faultsOf(behavior)
  if (faults.length > 0) messages.push(`The behaviour uses faults: ${faults.join(', ')}.`)
  return messages
}

function bundleSetup(
  bundle: Bundle,
  ctx: ImportContext
): { setup: NonNullable<ImportChanges['setup']>; summary: Partial<ImportSummary> } {
  const dupHook = firstDuplicate(bundle.hooks.map((h) => h.id))
  if (dupHook !== null) {
    throw new ValidationError(
      `The bundle is refused: two of its hooks have the id "${dupHook}", so it is not clear which is meant.`,
      'hooks'
    )
  }
  const dupScenario = firstDuplicate(bundle.scenarios.map((s) => s.id))
  if (dupScenario !== null) {
    throw new ValidationError(
      `The bundle is refused: two of its scenarios have the id "${dupScenario}", so it is not clear which is meant.`,
      'scenarios'
    )
  }
  // A hook or scenario already here as it is in the bundle (the same bundle imported again, or an
  // import finished after an interruption) is not added a second time.
  const savedHooks = new Map(ctx.hooks.map((h) => [h.id, canonical({ ...h, password: '' })]))
  const newHooks = bundle.hooks.filter((h) => savedHooks.get(h.id) !== canonical(h))
  const hooks = newHooks.map((h) => ({ ...h, id: savedHooks.has(h.id) ? newId('hook') : h.id }))
  const savedScenarios = new Map(
    scenariosWithoutSecrets([...ctx.scenarios]).map((s) => [s.id, canonical(s)])
  )
  // Threat: a bundle comes from someone else; a step's forwarding would send the user's requests
  // to its target as soon as the scenario runs. Like the behaviour's, it stays off unconfirmed.
  const incoming = bundle.scenarios.map((s) => (ctx.allowForwarding ? s : withoutStepForwarding(s)))
  const newScenarios = incoming.filter(
    (s) => savedScenarios.get(s.id) !== canonical(scenariosWithoutSecrets([s])[0])
  )
  const scenarios = newScenarios.map((s) => ({
    ...s,
    id: savedScenarios.has(s.id) ? newId('scn') : s.id
  }))
  const unchanged = bundle.hooks.length - hooks.length + bundle.scenarios.length - scenarios.length
  const target = bundle.behavior.forwardTo
  const forwardingOn = target !== null && ctx.allowForwarding
  const behavior = forwardingOn ? bundle.behavior : { ...bundle.behavior, forwardTo: null }
  ctx.checkBehavior?.(behavior)
  const stepTargets = bundle.scenarios.flatMap((s) =>
    scenarioForwardingTargets(s).map((f) => ({ scenario: s.name, f }))
  )
  const forwardingTargets: ImportForwarding[] = [
    ...(target === null
      ? []
      : [
          {
            source: 'behavior' as const,
            scenario: null,
            step: null,
            title: null,
            target,
            enabled: forwardingOn
          }
        ]),
    ...stepTargets.map(({ scenario, f }) => ({
      source: 'scenario-step' as const,
      scenario,
      step: f.index + 1,
      title: f.title,
      target: f.url,
      enabled: ctx.allowForwarding
    }))
  ]
  const messages: string[] = []
  const needPassword = hooks.filter((h) => h.email !== '')
  if (needPassword.length > 0) {
    messages.push(
      `Enter the password again for ${needPassword.length === 1 ? 'the hook' : `${needPassword.length} hooks`}: ${needPassword.map((h) => h.name).join(', ')}.`
    )
  }
  messages.push(...behaviorMessages(bundle.behavior, target, forwardingOn))
  for (const { scenario, f } of stepTargets) {
    messages.push(
      ctx.allowForwarding
        ? `Scenario “${scenario}”: ${describeStepForwarding(f)}; forwarding is on for that step.`
        : `Scenario “${scenario}”: ${describeStepForwarding(f)}; imported switched off (confirm it to switch it on).`
    )
  }
  if (unchanged > 0) {
    messages.push(
      `${unchanged} of the bundle's hooks and scenarios ${unchanged === 1 ? 'is' : 'are'} already here unchanged; not added again.`
    )
  }
  return {
    setup: { hooks, scenarios, behavior },
    summary: {
      hooks: hooks.length,
      scenarios: scenarios.length,
      behavior: true,
      messages,
      forwarding: target === null ? null : { target, enabled: forwardingOn },
      forwardingTargets,
      expectedCredentials: bundle.behavior.expectedAuth?.email ?? null,
      failureRate: bundle.behavior.failure.rate,
      faults: faultsOf(bundle.behavior)
    }
  }
}

/**
 * Works out everything an import would change, without changing anything: refuses a bundle whose
 * hooks or scenarios share an id, leaves out entries already in the history, counts the entries
 * the cap would push out, and keeps a bundle's forwarding off unless it was confirmed.
 */
export function planImportChanges(plan: ImportPlan, ctx: ImportContext): ImportChanges {
  const bundlePart = plan.format === 'bundle' ? bundleSetup(plan.bundle, ctx) : null
  const incoming = plan.format === 'har' ? plan.entries : plan.bundle.history
  const historyIds = ctx.history.ids()
  const { fresh, present } = newEntries(incoming, ctx.history, historyIds)
  const has = new Set(historyIds)
  const importedFrom = { file: ctx.fileName ?? 'an imported file', at: new Date().toISOString() }
  const entries = remapIds(fresh, (id) => has.has(id)).map((e): HistoryEntry => ({
    ...e,
    imported: true,
    importedFrom
  }))
  const pushedOut = Math.max(
    0,
    Math.min(historyIds.length, historyIds.length + entries.length - ctx.historyCap)
  )
  const messages = [...(bundlePart?.summary.messages ?? [])]
  if (pushedOut > 0) {
    messages.unshift(
      `${pushedOut} of the ${historyIds.length} entries in the history ${pushedOut === 1 ? 'is' : 'are'} pushed out: the history keeps at most ${ctx.historyCap}.`
    )
  }
  const summary: ImportSummary = {
    format: plan.format,
    hooks: 0,
    scenarios: 0,
    behavior: false,
    forwarding: null,
    forwardingTargets: [],
    expectedCredentials: null,
    failureRate: 0,
    faults: [],
    ...bundlePart?.summary,
    historyEntries: entries.length,
    alreadyPresent: present,
    pushedOut,
    preview: false,
    messages
  }
  return { summary, setup: bundlePart?.setup ?? null, entries }
}
