import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { describeImport } from '@shared/sharing'
import type { Capture } from '@shared/schemas'

const dirs: string[] = []
const engines: Engine[] = []
let source: Engine
let bundle: string
const TARGET = 'http://127.0.0.1:9/customer-production'

async function fresh(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'hi-import-'))
  dirs.push(dir)
  const engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
  engines.push(engine)
  return engine
}

/** A HAR from another tool with `count` distinct requests. */
function foreignHar(count: number, prefix: string): string {
  const entries = Array.from({ length: count }, (_, i) => ({
    startedDateTime: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, i)).toISOString(),
    time: 5,
    request: {
      method: 'POST',
      url: `https://example.org/${prefix}/${i}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'text/plain' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0
    },
    cache: {},
    timings: { send: 0, wait: 5, receive: 0 }
  }))
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries } })
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hi-import-src-'))
  dirs.push(dir)
  source = await createHeadlessEngine({ dataDir: dir, receiverOverrides: { port: 0 } })
  const url = source.receiverStatus().url!
  // Honest traffic with a query and a header named like prototype keys.
  await source.fire({
    event: 'insert',
    hook: { name: 'Self', url: `${url}hook?constructor=1&prototype=2&__x=3` }
  })
  await source.setBehavior({
    ...HEALTHY_BEHAVIOR,
    forwardTo: TARGET,
    expectedAuth: { email: 'site@example.org', password: 'not-exported' },
    failure: { rate: 0.25, status: 503, fault: 'hang' }
  })
  bundle = await source.exportBundle({})
})
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})
afterAll(async () => {
  await source.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('an import never changes behaviour silently', () => {
  it('forwarding from a bundle is imported switched off, and the summary names the target, credentials, failure rate and faults', async () => {
    const engine = await fresh()
    const summary = await engine.importFile({ text: bundle })
    expect((await engine.getSettings()).behavior.forwardTo).toBeNull()
    expect(summary.forwarding).toEqual({ target: TARGET, enabled: false })
    expect(summary.expectedCredentials).toBe('site@example.org')
    expect(summary.failureRate).toBe(0.25)
    expect(summary.faults).toEqual(['hang'])
    const said = summary.messages.join('\n')
    expect(said).toContain(`forwards requests to ${TARGET}; forwarding was imported switched off`)
    expect(said).toContain('expects credentials for site@example.org')
    expect(said).toContain('25% of requests fail at random (fault hang)')
  })

  it('forwarding is switched on only when confirmed', async () => {
    const engine = await fresh()
    const summary = await engine.importFile({ text: bundle, allowForwarding: true })
    expect((await engine.getSettings()).behavior.forwardTo).toBe(TARGET)
    expect(summary.forwarding).toEqual({ target: TARGET, enabled: true })
  })

  it('the preview lists every forwarding target, the behaviour’s and each scenario step’s, and steps are imported switched off', async () => {
    const maker = await fresh()
    const STEP_TARGET = 'http://127.0.0.1:9/attacker'
    await maker.saveScenario({
      name: 'Relay demo',
      steps: [
        { title: 'Plain', event: 'insert', expect: { outcome: 'success' } },
        {
          title: 'Relay it',
          event: 'update',
          behavior: { ...HEALTHY_BEHAVIOR, forwardTo: STEP_TARGET },
          expect: { outcome: 'success' }
        }
      ]
    })
    await maker.setBehavior({ ...HEALTHY_BEHAVIOR, forwardTo: TARGET })
    const file = await maker.exportBundle({})

    const engine = await fresh()
    const preview = await engine.importFile({ text: file, preview: true })
    expect(preview.forwardingTargets).toEqual([
      {
        source: 'behavior',
        scenario: null,
        step: null,
        title: null,
        target: TARGET,
        enabled: false
      },
      {
        source: 'scenario-step',
        scenario: 'Relay demo',
        step: 2,
        title: 'Relay it',
        target: STEP_TARGET,
        enabled: false
      }
    ])
    expect(preview.messages).toContain(
      `Scenario “Relay demo”: step 2 (“Relay it”) forwards to ${STEP_TARGET}; imported switched off (confirm it to switch it on).`
    )
    expect((await engine.getSettings()).scenarios).toEqual([])

    await engine.importFile({ text: file })
    const imported = (await engine.getSettings()).scenarios.find((s) => s.name === 'Relay demo')!
    const step = imported.steps[1]!.behavior as { forwardTo: string | null }
    expect(step.forwardTo).toBeNull()
    expect((await engine.getSettings()).behavior.forwardTo).toBeNull()

    const confirmed = await fresh()
    const summary = await confirmed.importFile({ text: file, allowForwarding: true })
    expect(summary.forwardingTargets?.map((f) => f.enabled)).toEqual([true, true])
    const kept = (await confirmed.getSettings()).scenarios.find((s) => s.name === 'Relay demo')!
    expect((kept.steps[1]!.behavior as { forwardTo: string | null }).forwardTo).toBe(STEP_TARGET)
  })

  it('a bundle with two hooks or two scenarios sharing an id is refused whole, with the reason', async () => {
    const engine = await fresh()
    const parsed = JSON.parse(bundle) as { hooks: unknown[]; scenarios: unknown[] }
    const hook = { id: 'hook_same', name: 'A', url: 'http://127.0.0.1:9/', password: '' }
    const twoHooks = { ...parsed, hooks: [hook, { ...hook, name: 'B' }] }
    await expect(engine.importFile({ text: JSON.stringify(twoHooks) })).rejects.toThrow(
      /refused: two of its hooks have the id "hook_same"/
    )
    const scenario = {
      id: 'scn_same',
      name: 'S',
      steps: [{ title: 'One', event: 'insert', expect: { outcome: 'success' } }]
    }
    const twoScenarios = { ...parsed, scenarios: [scenario, { ...scenario, name: 'T' }] }
    await expect(engine.importFile({ text: JSON.stringify(twoScenarios) })).rejects.toThrow(
      /refused: two of its scenarios have the id "scn_same"/
    )
    const settings = await engine.getSettings()
    expect([settings.hooks.length, settings.scenarios.length]).toEqual([0, 0])
    expect(await engine.listHistory({})).toHaveLength(0)
  })

  it('importing the same entries again adds none and says how many were already present', async () => {
    const engine = await fresh()
    const har = await source.exportHar({})
    const first = await engine.importFile({ text: har })
    const count = (await engine.listHistory({})).length
    expect(first.historyEntries).toBe(count)
    expect(count).toBeGreaterThan(0)
    const again = await engine.importFile({ text: har })
    expect(again.historyEntries).toBe(0)
    expect(again.alreadyPresent).toBe(count)
    expect(describeImport(again)).toContain(`${count} already present`)
    const viaBundle = await engine.importFile({ text: bundle })
    expect(viaBundle.historyEntries).toBe(0)
    expect(await engine.listHistory({})).toHaveLength(count)

    const foreign = foreignHar(3, 'again')
    expect((await engine.importFile({ text: foreign })).historyEntries).toBe(3)
    const twice = await engine.importFile({ text: foreign })
    expect([twice.historyEntries, twice.alreadyPresent]).toEqual([0, 3])
  })

  it('entries that would push history out past the cap are counted first, in a preview that changes nothing', async () => {
    const engine = await fresh()
    await engine.setPreferences({ historyCap: 100 })
    await engine.importFile({ text: foreignHar(95, 'old') })
    const preview = await engine.importFile({ text: foreignHar(10, 'new'), preview: true })
    expect(preview).toMatchObject({ preview: true, historyEntries: 10, pushedOut: 5 })
    expect(preview.messages[0]).toBe(
      '5 of the 95 entries in the history are pushed out: the history keeps at most 100.'
    )
    expect(describeImport(preview)).toMatch(/^Would import/)
    expect(await engine.listHistory({})).toHaveLength(95)
    const done = await engine.importFile({ text: foreignHar(10, 'new') })
    expect([done.historyEntries, done.pushedOut, done.preview]).toEqual([10, 5, false])
    expect(await engine.listHistory({})).toHaveLength(100)
  })

  it('a query or header named constructor or prototype is data: an export of it imports again', async () => {
    const captured = (await source.listHistory({})).find((e) => e.type === 'capture') as Capture
    expect(Object.keys(captured.query)).toEqual(['constructor', 'prototype', '__x'])
    for (const text of [bundle, await source.exportHar({})]) {
      const engine = await fresh()
      const summary = await engine.importFile({ text })
      expect(summary.historyEntries).toBeGreaterThan(0)
      const back = (await engine.listHistory({})).find((e) => e.type === 'capture') as Capture
      expect(back.query).toEqual(captured.query)
    }
  })

  it('keys that can really pollute are refused wherever they are object keys', async () => {
    const engine = await fresh()
    const parsed = JSON.parse(bundle) as Record<string, unknown>
    const proto = bundle.replace('"hooks":', '"__proto__": {"polluted": true}, "hooks":')
    await expect(engine.importFile({ text: proto })).rejects.toThrow(/reserved key "__proto__"/)
    const gadget = JSON.stringify({ ...parsed, extra: { constructor: { prototype: { x: 1 } } } })
    await expect(engine.importFile({ text: gadget })).rejects.toThrow(
      /reserved key "extra.constructor"/
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('saving a hook', () => {
  it('refuses a URL that is not http(s), with the reason', async () => {
    const engine = await fresh()
    await expect(engine.saveHook({ name: 'F', url: 'ftp://example.org/hook' })).rejects.toThrow(
      /Only http and https URLs can be called; "ftp" is not supported/
    )
    await expect(engine.saveHook({ name: 'J', url: 'javascript:alert(1)' })).rejects.toThrow(
      /"javascript" is not supported/
    )
    expect((await engine.getSettings()).hooks).toHaveLength(0)
  })
})
