/**
 * Exports and history pages with a large history: `npx tsx bench/export-stream.ts` (all cases, each
 * in its own process so its memory is its own) or `-- --case <name>`. For each case: the time to
 * write the export to a file, the process's RSS before and at its peak, and how long the receiver
 * of the same engine took to answer requests sent every 20 ms while the export ran (the worst is
 * how long the export blocked it). Prints a Markdown table (docs/RELIABILITY.md, Streamed exports).
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { createHeadlessEngine, FileSettingsPort, HISTORY_FILE } from '../src/main/engine'
import { defaultSettings } from '../src/shared/defaults'
import type { Capture } from '../src/shared/schemas'
import { smallExchange } from './history-fill'

const CASES = {
  'har-100k': { entries: 100_000, large: false, what: 'har' },
  'bundle-100k': { entries: 100_000, large: false, what: 'bundle' },
  'har-300-large': { entries: 300, large: true, what: 'har' },
  'bundle-300-large': { entries: 300, large: true, what: 'bundle' },
  'list-300-large': { entries: 300, large: true, what: 'list' }
} as const
type CaseName = keyof typeof CASES

function largeCapture(i: number, body: string): Capture {
  return {
    type: 'capture',
    id: `cap_large_${i}`,
    receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    method: 'POST',
    path: '/hook',
    query: {},
    httpVersion: '1.1',
    headers: [['Content-Type', 'text/plain']],
    bodyBase64: body,
    bodySize: 1024 * 1024,
    truncated: false,
    json: null,
    jsonError: null,
    auth: null,
    event: null,
    response: { status: 200, delayMs: 0, fault: 'none' },
    remoteAddress: '127.0.0.1',
    remotePort: 40_000 + (i % 20_000),
    exchangeId: null
  }
}

async function fill(dataDir: string, entries: number, large: boolean): Promise<void> {
  const settings = defaultSettings()
  settings.preferences.historyCap = Math.max(entries, settings.preferences.historyCap)
  settings.preferences.firstRunDone = true
  await new FileSettingsPort(dataDir).save(settings)
  const body = Buffer.alloc(1024 * 1024, 'x').toString('base64')
  const start = Date.now() - entries * 1000
  const lines: string[] = []
  for (let i = 0; i < entries; i++) {
    lines.push(JSON.stringify(large ? largeCapture(i, body) : smallExchange(i, start)))
  }
  await writeFile(join(dataDir, HISTORY_FILE), `${lines.join('\n')}\n`, { mode: 0o600 })
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`

async function runCase(name: CaseName, dir: string): Promise<string> {
  const spec = CASES[name]
  {
    const engine = await createHeadlessEngine({ dataDir: dir, receiverOverrides: { port: 0 } })
    const url = engine.receiverStatus().url!
    await fetch(url, { method: 'POST', body: '{"OnInsert":true}' })
    // Baseline: the same probes for 2 s with no export running (the machine is shared).
    let idleWorst = 0
    for (const end = performance.now() + 2000; performance.now() < end;) {
      const t0 = performance.now()
      await fetch(url, { method: 'POST', body: '{"OnInsert":true}' })
      idleWorst = Math.max(idleWorst, performance.now() - t0)
      await new Promise((r) => setTimeout(r, 20))
    }
    global.gc?.()
    const rssBefore = process.memoryUsage().rss
    let peak = rssBefore
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 5)
    const latencies: number[] = []
    let running = true
    const prober = (async () => {
      while (running) {
        const t0 = performance.now()
        await fetch(url, { method: 'POST', body: '{"OnInsert":true}' })
        latencies.push(performance.now() - t0)
        await new Promise((r) => setTimeout(r, 20))
      }
    })()
    const loop = monitorEventLoopDelay({ resolution: 5 })
    loop.enable()
    const out = join(dir, 'export.out')
    const t0 = performance.now()
    let detail = ''
    if (spec.what === 'list') {
      const page = await engine.listHistory({ limit: 2500 })
      detail = `${page.length} entries, ${mb(JSON.stringify(page).length)} of JSON`
    } else {
      await engine.writeExport(spec.what, { includeSecrets: false }, out)
      detail = `${mb((await stat(out)).size)} file`
    }
    const took = performance.now() - t0
    loop.disable()
    running = false
    await prober
    clearInterval(sampler)
    await engine.close()
    const worst = Math.max(...latencies)
    await rm(out, { force: true })
    return `| ${name} | ${spec.entries.toLocaleString('en')} | ${(took / 1000).toFixed(1)} s (${detail}) | ${mb(rssBefore)} / ${mb(peak)} | ${latencies.length} answered, worst ${worst.toFixed(0)} ms (idle: ${idleWorst.toFixed(0)} ms); event loop max delay ${(loop.max / 1e6).toFixed(0)} ms |`
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--case')
  if (at >= 0) {
    const name = process.argv[at + 1] as CaseName
    const dir = process.argv[process.argv.indexOf('--dir') + 1]!
    if (!(name in CASES)) throw new Error(`--case must be one of ${Object.keys(CASES).join(', ')}`)
    process.stdout.write(`${await runCase(name, dir)}\n`)
    return
  }
  // The histories are written here, so each case's process holds only what the engine loads.
  const small = await mkdtemp(join(tmpdir(), 'hi-bench-export-small-'))
  const large = await mkdtemp(join(tmpdir(), 'hi-bench-export-large-'))
  await fill(small, 100_000, false)
  await fill(large, 300, true)
  process.stdout.write(
    '| Case | Entries | Export time | RSS before / peak | Receiver during the export |\n| --- | ---: | --- | --- | --- |\n'
  )
  for (const name of Object.keys(CASES)) {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--expose-gc',
        fileURLToPath(import.meta.url),
        '--case',
        name,
        '--dir',
        CASES[name as CaseName].large ? large : small
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
    )
    process.stdout.write(child.status === 0 ? child.stdout : `| ${name} | failed | | | |\n`)
  }
  await rm(small, { recursive: true, force: true })
  await rm(large, { recursive: true, force: true })
}

await main()
