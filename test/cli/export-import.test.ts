import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHeadlessEngine } from '@main/engine'
import { BundleSchema } from '@shared/bundle'
import { HarSchema } from '@shared/har'
import { ensureBuilt, hasStackTrace, runCli } from '../helpers/cli'

describe('hook-inspector export and import', () => {
  let root: string
  let source: string

  beforeAll(async () => {
    ensureBuilt()
    root = mkdtempSync(join(tmpdir(), 'hi-cli-share-'))
    source = join(root, 'source')
    const engine = await createHeadlessEngine({ dataDir: source, receiverOverrides: { port: 0 } })
    await engine.saveHook({
      name: 'Local',
      url: engine.receiverStatus().url!,
      email: 'ann@site.org',
      password: 'TopSecret!'
    })
    const [hook] = (await engine.getSettings()).hooks
    await engine.fire({ hookId: hook!.id, event: 'insert' })
    await engine.close()
  }, 120_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('exports HAR to stdout, redacted unless asked', async () => {
    const r = await runCli(['export', '--format', 'har', '--data-dir', source])
    expect(r.code).toBe(0)
    const har = HarSchema.parse(JSON.parse(r.stdout))
    // The fire and its capture on the built-in receiver are one timeline row: one entry.
    expect(har.log.entries).toHaveLength(1)
    expect(r.stdout).not.toContain(Buffer.from('ann@site.org:TopSecret!').toString('base64'))
    const secret = await runCli([
      'export',
      '--format',
      'har',
      '--data-dir',
      source,
      '--include-secrets'
    ])
    expect(secret.stdout).toContain(Buffer.from('ann@site.org:TopSecret!').toString('base64'))
  })

  it.skipIf(process.platform === 'win32')(
    'writes --out files owner-only (0600), a bundle with --include-secrets too, replacing a 0644 file',
    async () => {
      const har = join(root, 'owner-only.har')
      writeFileSync(har, 'old', { mode: 0o644 })
      const a = await runCli(['export', '--format', 'har', '--data-dir', source, '--out', har])
      expect(a.code).toBe(0)
      expect(statSync(har).mode & 0o777).toBe(0o600)
      expect(HarSchema.parse(JSON.parse(readFileSync(har, 'utf8'))).log.entries).toHaveLength(1)
      const bundle = join(root, 'secrets.hookinspector.json')
      const b = await runCli([
        'export',
        '--format',
        'bundle',
        '--data-dir',
        source,
        '--include-secrets',
        '--out',
        bundle
      ])
      expect(b.code).toBe(0)
      expect(statSync(bundle).mode & 0o777).toBe(0o600)
    }
  )

  it('says why an --out file cannot be written, in words, and exits 1', async () => {
    const out = join(root, 'no-such-folder', 'x.har')
    const r = await runCli(['export', '--format', 'har', '--data-dir', source, '--out', out])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`error: ${out} cannot be written: the folder does not exist (ENOENT)\n`)
    expect(hasStackTrace(r.stderr)).toBe(false)
  })

  it('moves a support bundle to another data dir', async () => {
    const file = join(root, 'support.hookinspector.json')
    const out = await runCli(['export', '--format', 'bundle', '--data-dir', source, '--out', file])
    expect(out.code).toBe(0)
    expect(out.stderr).toMatch(/Wrote the support bundle to/)
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain('TopSecret!')
    expect(BundleSchema.parse(JSON.parse(text)).hooks).toHaveLength(1)

    const target = join(root, 'target')
    const r = await runCli(['import', file, '--data-dir', target])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /Imported 1 hook, 0 scenarios, the receiver behaviour, 2 history entries/
    )
    expect(r.stdout).toMatch(/Enter the password again for the hook: Local/)
    const engine = await createHeadlessEngine({ dataDir: target, startReceiver: false })
    expect((await engine.getSettings()).hooks[0]).toMatchObject({ name: 'Local', password: '' })
    await engine.close()
  })

  it("imports a bundle's forwarding switched off unless --allow-forwarding, and says so", async () => {
    const bundle = JSON.parse(
      (await runCli(['export', '--format', 'bundle', '--data-dir', source])).stdout
    ) as { behavior: Record<string, unknown> }
    bundle.behavior.forwardTo = 'http://127.0.0.1:9/elsewhere'
    const file = join(root, 'forwarding.hookinspector.json')
    writeFileSync(file, JSON.stringify(bundle))

    const off = join(root, 'forwarding-off')
    const r = await runCli(['import', file, '--data-dir', off])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /forwards requests to http:\/\/127\.0\.0\.1:9\/elsewhere; forwarding was imported switched off/
    )
    const on = join(root, 'forwarding-on')
    const again = await runCli(['import', file, '--data-dir', on, '--allow-forwarding'])
    expect(again.stdout).toMatch(/Forwarding is on: every captured request is also sent to/)
    for (const [dir, expected] of [
      [off, null],
      [on, 'http://127.0.0.1:9/elsewhere']
    ] as const) {
      const engine = await createHeadlessEngine({ dataDir: dir, startReceiver: false })
      expect((await engine.getSettings()).behavior.forwardTo).toBe(expected)
      await engine.close()
    }
    const twice = await runCli(['import', file, '--data-dir', on])
    expect(twice.stdout).toMatch(/0 history entries\. 2 already present\./)
  }, 90_000)

  it('refuses a bad file (exit 1, nothing changed) and bad usage (exit 2)', async () => {
    const bad = join(root, 'bad.json')
    writeFileSync(bad, '{"format":"hook-inspector-bundle","version":9}')
    const target = join(root, 'untouched')
    const r = await runCli(['import', bad, '--data-dir', target])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/was not imported: This support bundle is version 9/)
    expect(hasStackTrace(r.stderr)).toBe(false)
    const engine = await createHeadlessEngine({ dataDir: target, startReceiver: false })
    expect((await engine.getSettings()).hooks).toEqual([])
    await engine.close()

    const usage = await runCli(['export', '--format', 'zip', '--data-dir', source])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/--format must be one of har, bundle/)
    const missing = await runCli(['import', join(root, 'nope.har'), '--data-dir', target])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nope\.har cannot be read/)
  })
})
