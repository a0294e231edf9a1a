import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { BundleSchema } from '@shared/bundle'
import { timelineRows } from '@shared/har-rows'
import { HarSchema } from '@shared/har'
import { MAX_IMPORT_BYTES } from '@shared/sharing'
import { HEALTHY_BEHAVIOR } from '@shared/presets'
import { RECORD_LIFECYCLE } from '@shared/scenarios/builtins'
import type { HistoryEntry } from '@shared/schemas'

const PLANTED = 'planted-Secret-42:xyz'
const dirs: string[] = []
let source: Engine

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hi-share-'))
  dirs.push(dir)
  return dir
}

function strip(e: HistoryEntry): HistoryEntry {
  const {
    imported: _imported,
    importedFrom: _from,
    ...rest
  } = e as HistoryEntry & {
    importedFrom?: unknown
  }
  void _imported
  void _from
  return rest as HistoryEntry
}

beforeAll(async () => {
  source = await createHeadlessEngine({ dataDir: tempDir(), receiverOverrides: { port: 0 } })
  const url = source.receiverStatus().url!
  await source.saveHook({ name: 'Site', url, email: 'ann@site.org', password: PLANTED })
  const hookId = (await source.getSettings()).hooks[0]!.id
  await source.fire({ hookId, event: 'insert' })
  await source.fire({ hookId, event: 'review', rawBody: '{"é":"ü","bytes":"\\u0000"}' })
  await source.setBehavior({ ...HEALTHY_BEHAVIOR, status: 500 })
  await source.fire({ hookId, event: 'update' })
  await source.setBehavior({
    ...HEALTHY_BEHAVIOR,
    expectedAuth: { email: 'ann@site.org', password: PLANTED }
  })
  await source.saveScenario({ ...RECORD_LIFECYCLE, id: undefined, name: 'Mine' })
})
afterAll(async () => {
  await source.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('HAR export and import', () => {
  it('is HAR 1.2, redacted by default, and reads back unchanged into another data dir', async () => {
    const text = await source.exportHar({})
    expect(text).not.toContain(PLANTED)
    expect(text).not.toContain(Buffer.from(`ann@site.org:${PLANTED}`).toString('base64'))
    const har = HarSchema.parse(JSON.parse(text))
    expect(har.log.version).toBe('1.2')
    const history = await source.listHistory({})
    // One entry per timeline row: a linked dispatch and capture are one entry.
    const rows = timelineRows([...history].reverse())
    expect(rows.some((r) => r.exchange && r.capture)).toBe(true)
    expect(har.log.entries).toHaveLength(rows.length)
    type Own = { exchange?: HistoryEntry; capture?: HistoryEntry }
    const failed = har.log.entries.find(
      (e) => e.response.status === 500 && (e._hookInspector as Own).exchange !== undefined
    )!
    expect(failed.comment).toMatch(/ProtocolError http-status/)
    expect(failed.request.postData?.mimeType).toBe('application/json; charset=utf-8')

    const target = await createHeadlessEngine({ dataDir: tempDir(), startReceiver: false })
    const summary = await target.importFile({ text, fileName: 'x.har' })
    expect(summary).toMatchObject({ format: 'har', historyEntries: history.length, hooks: 0 })
    const imported = await target.listHistory({})
    expect(imported.every((e) => e.imported === true)).toBe(true)
    // Each says which file it came from and when it was imported.
    const from = imported.map((e) => (e.type === 'capacity' ? undefined : e.importedFrom))
    expect(from.every((f) => f?.file === 'x.har')).toBe(true)
    expect(Date.parse(from[0]!.at)).toBeGreaterThan(Date.now() - 60_000)
    // Everything but the secrets is as it was.
    const withSecrets = JSON.parse(await source.exportHar({ includeSecrets: true })) as unknown
    expect(JSON.stringify(withSecrets)).toContain(PLANTED)
    const redactedOriginal = (
      JSON.parse(text) as { log: { entries: { _hookInspector: Own }[] } }
    ).log.entries.flatMap((e) =>
      [e._hookInspector.exchange, e._hookInspector.capture].filter((x) => x !== undefined)
    )
    const byId = (a: HistoryEntry, b: HistoryEntry): number => a.id.localeCompare(b.id)
    expect(imported.map(strip).sort(byId)).toEqual([...redactedOriginal].sort(byId))
    // And exporting the imported history gives the same file, but for the imported marks.
    const again = JSON.parse(await target.exportHar({})) as { log: { entries: unknown[] } }
    expect(again.log.entries).toHaveLength(rows.length)
    await target.close()
  })

  it('exports only the chosen entries, and refuses an unknown id', async () => {
    const [newest] = await source.listHistory({ limit: 1 })
    const har = JSON.parse(await source.exportHar({ ids: [newest!.id] })) as {
      log: { entries: unknown[] }
    }
    expect(har.log.entries).toHaveLength(1)
    await expect(source.exportHar({ ids: ['exc_nope'] })).rejects.toThrow(
      /No history entry has the id "exc_nope"/
    )
  })

  it('reads a foreign HAR entry as an imported exchange', async () => {
    const target = await createHeadlessEngine({ dataDir: null, startReceiver: false })
    const foreign = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: '2026-11-28T10:00:00.000Z',
            time: 12.5,
            request: {
              method: 'POST',
              url: 'https://hooks.example/trialkit',
              httpVersion: 'HTTP/1.1',
              cookies: [],
              headers: [{ name: 'Content-Type', value: 'application/json' }],
              queryString: [],
              postData: { mimeType: 'application/json', text: '{"trans_id":"1","OnUpdate":true}' },
              headersSize: -1,
              bodySize: 32
            },
            response: {
              status: 503,
              statusText: 'Service Unavailable',
              httpVersion: 'HTTP/1.1',
              cookies: [],
              headers: [],
              content: { size: 4, mimeType: 'text/plain', text: 'down' },
              redirectURL: '',
              headersSize: -1,
              bodySize: 4
            },
            cache: {},
            timings: { send: 0, wait: 12, receive: 0.5 }
          }
        ]
      }
    }
    await target.importFile({ text: JSON.stringify(foreign) })
    const [entry] = await target.listHistory({})
    expect(entry).toMatchObject({
      type: 'exchange',
      event: 'update',
      imported: true,
      error: { kind: 'http-status' },
      response: { status: 503 }
    })
    await target.close()
  })
})

describe('support bundle', () => {
  it('round-trips hooks (without passwords), behaviour, scenarios and history between data dirs', async () => {
    const text = await source.exportBundle({})
    expect(text).not.toContain(PLANTED)
    const bundle = BundleSchema.parse(JSON.parse(text))
    expect(bundle.hooks[0]).toMatchObject({ name: 'Site', password: '' })

    const dir = tempDir()
    const target = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
    const summary = await target.importFile({ text })
    expect(summary).toMatchObject({ format: 'bundle', hooks: 1, scenarios: 1, behavior: true })
    expect(summary.historyEntries).toBe((await source.listHistory({})).length)
    expect(summary.messages.join(' ')).toMatch(/Enter the password again for the hook: Site/)
    expect(summary.messages.join(' ')).toMatch(/expected password again/)
    await target.close()

    const reopened = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
    const settings = await reopened.getSettings()
    const original = await source.getSettings()
    expect(settings.hooks).toEqual(original.hooks.map((h) => ({ ...h, password: '' })))
    expect(settings.scenarios).toEqual(original.scenarios)
    expect(settings.behavior).toEqual({
      ...original.behavior,
      expectedAuth: { email: 'ann@site.org', password: '' }
    })
    expect((await reopened.listHistory({})).length).toBe(summary.historyEntries)
    await reopened.close()
  })
})

describe('hostile imports change nothing', () => {
  const valid = async (): Promise<Record<string, unknown>> =>
    JSON.parse(await source.exportBundle({})) as Record<string, unknown>

  const cases: [string, () => Promise<string>, RegExp][] = [
    ['not JSON', async () => '{"log":', /not valid JSON/],
    ['an array', async () => '[1,2]', /must hold a JSON object/],
    ['something else', async () => '{"hello":1}', /neither a HAR file/],
    [
      'a newer bundle version',
      async () => JSON.stringify({ ...(await valid()), version: 2 }),
      /version 2; this app reads version 1/
    ],
    [
      'wrong types',
      async () => JSON.stringify({ ...(await valid()), hooks: [{ id: 5, name: [] }] }),
      /^bundle\.hooks\[0\]\.id: /
    ],
    [
      'a hook with a password',
      async () => {
        const b = await valid()
        const hooks = b.hooks as Record<string, unknown>[]
        return JSON.stringify({ ...b, hooks: [{ ...hooks[0], password: 'x' }] })
      },
      /bundle\.hooks\[0\]\.password/
    ],
    [
      'a __proto__ key',
      async () =>
        (await source.exportBundle({})).replace(
          '"format"',
          '"__proto__": {"polluted": true}, "format"'
        ),
      /reserved key "__proto__"/
    ],
    [
      'a constructor key deep inside',
      async () =>
        JSON.stringify({
          log: {
            version: '1.2',
            creator: { name: 'x', version: '1' },
            entries: [{ constructor: { prototype: {} } }]
          }
        }),
      /reserved key "log\.entries\.0\.constructor"/
    ],
    [
      'a HAR with a broken entry',
      async () =>
        JSON.stringify({
          log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [{ time: 'soon' }] }
        }),
      /^HAR\.log\.entries\[0\]/
    ]
  ]

  it.each(cases)('%s is refused with a clear message', async (_name, make, message) => {
    const target = await createHeadlessEngine({ dataDir: null, startReceiver: false })
    await target.saveHook({ name: 'Keep me', url: 'http://127.0.0.1:9/' })
    const before = JSON.stringify([await target.getSettings(), await target.listHistory({})])
    await expect(target.importFile({ text: await make() })).rejects.toThrow(message)
    expect(JSON.stringify([await target.getSettings(), await target.listHistory({})])).toBe(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    await target.close()
  })

  it('refuses a file over the size limit before reading it', async () => {
    const target = await createHeadlessEngine({ dataDir: null, startReceiver: false })
    await expect(target.importFile({ text: ' '.repeat(MAX_IMPORT_BYTES + 1) })).rejects.toThrow(
      /^text: /
    )
    await target.close()
  })
})
