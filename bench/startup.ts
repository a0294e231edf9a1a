import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startBareServer } from './bare-server'
import { cliPath, ensureBuilt } from './build-check'
import { trackChild } from './cleanup'
import { withDeadline } from './deadline'
import { ms } from './format'
import { progress } from './progress'
import { getUiPage, startServe } from './serve-process'
import { median, round } from './stats'
import type { Section, SectionContext, SectionOutput } from './types'

/** Runs a process to its end and returns how long it took; throws on a non-zero exit. */
function timeProcess(args: string[], cwd: string): Promise<number> {
  const t0 = performance.now()
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
  trackChild(child)
  let err = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString()
  })
  const done = new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      const elapsed = performance.now() - t0
      if (code === 0) resolve(elapsed)
      else reject(new Error(`\`node ${args.join(' ')}\` exited with ${code}: ${err.trim()}`))
    })
  })
  return withDeadline(done, 30_000, `\`node ${args[0]}\``).catch((error: unknown) => {
    child.kill('SIGKILL')
    throw error
  })
}

/** From spawning `serve` to the first successful GET of its UI page. */
async function timeServe(root: string, tmp: string): Promise<number> {
  const dataDir = await mkdtemp(join(tmp, 'startup-'))
  const t0 = performance.now()
  const serve = await startServe(root, dataDir, 30_000)
  try {
    await getUiPage(serve.url)
    return performance.now() - t0
  } finally {
    await serve.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/**
 * Start-up cost of the two commands people run most: `serve` until its UI answers, and a whole
 * `fire` process against a local server, each in the same loop as `node -e 0` (Node's own
 * start-up) so the ratio shows what the app adds.
 */
async function run(ctx: SectionContext): Promise<SectionOutput> {
  const runs = ctx.quick ? 3 : 10
  const warnings = ensureBuilt(ctx.root)
  const cli = cliPath(ctx.root)
  const server = await startBareServer()
  const node: number[] = []
  const serve: number[] = []
  const fire: number[] = []
  try {
    // One untimed round: the first start of each reads its files from disk, not from the cache.
    await timeProcess(['-e', '0'], ctx.root)
    await timeServe(ctx.root, ctx.tmp)
    await timeProcess([cli, 'fire', 'insert', '--url', server.url], ctx.root)
    for (let i = 0; i < runs; i++) {
      node.push(await timeProcess(['-e', '0'], ctx.root))
      serve.push(await timeServe(ctx.root, ctx.tmp))
      fire.push(await timeProcess([cli, 'fire', 'insert', '--url', server.url], ctx.root))
    }
    progress(`startup: ${runs} runs each`)
  } finally {
    await server.close()
  }
  const n = median(node)
  const s = median(serve)
  const f = median(fire)
  return {
    rows: [
      {
        section: 'startup',
        figure: `serve ready: spawn → first successful GET of the UI (median of ${runs})`,
        value: ms(s),
        baseline: `node -e 0 ${ms(n)}`,
        ratio: s / n,
        target: '—',
        met: null
      },
      {
        section: 'startup',
        figure: `fire insert, whole process against a local server (median of ${runs})`,
        value: ms(f),
        baseline: `node -e 0 ${ms(n)}`,
        ratio: f / n,
        target: '—',
        met: null
      }
    ],
    details: {
      runs,
      warnings,
      nodeMs: node.map((t) => round(t, 1)),
      serveMs: serve.map((t) => round(t, 1)),
      fireMs: fire.map((t) => round(t, 1))
    }
  }
}

export const startup: Section = {
  name: 'startup',
  title: 'Start-up',
  budgetMs: (quick) => (quick ? 120_000 : 300_000),
  run
}
