/**
 * `npm run bench`: runs the selected benchmark sections one after another, prints progress to
 * stderr and the results table to stdout, and writes bench/results/latest.json and
 * docs/BENCHMARKS.md. Exit 0 when every section ran (targets missed or not), 1 when a section
 * failed, 2 on bad arguments.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseBenchArgs, USAGE, UsageError } from './args'
import { runCleanups } from './cleanup'
import { withDeadline } from './deadline'
import { machineInfo } from './machine'
import { progress } from './progress'
import { renderTable, writeReport, type RunReport } from './report'
import { SECTIONS } from './sections'
import type { ResultRow } from './types'
import { errorMessage } from '../src/shared/error-message'

/** The checkout: given by bench/run.js, which runs this file bundled from elsewhere. */
const root = process.env.HOOK_INSPECTOR_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..')
/** This run's temp directory, removed at the end or on a signal. */
let tmp: string | null = null
/** Set on Ctrl-C / SIGTERM: the run ends without overwriting the last results. */
let interrupted = false

async function main(argv: string[]): Promise<number> {
  let args
  try {
    args = parseBenchArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`bench: ${error.message}\n${USAGE}\n`)
    return 2
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }

  const started = performance.now()
  const machine = machineInfo()
  progress(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}`)
  const runTmp = await mkdtemp(join(tmpdir(), 'hook-inspector-bench-'))
  tmp = runTmp
  const rows: ResultRow[] = []
  const sections: RunReport['sections'] = {}
  let failed = false
  try {
    for (const section of SECTIONS.filter((s) => args.only.includes(s.name))) {
      const t0 = performance.now()
      progress(`${section.title}…`)
      try {
        const out = await withDeadline(
          section.run({ quick: args.quick, root, tmp: runTmp }),
          section.budgetMs(args.quick),
          `the ${section.name} section`
        )
        rows.push(...out.rows)
        sections[section.name] = {
          durationS: (performance.now() - t0) / 1000,
          error: null,
          details: out.details
        }
      } catch (error) {
        failed = true
        progress(`${section.name} failed: ${errorMessage(error)}`)
        rows.push({
          section: section.name,
          figure: section.title,
          value: `failed: ${errorMessage(error)}`,
          baseline: '—',
          ratio: null,
          target: '—',
          met: false
        })
        sections[section.name] = {
          durationS: (performance.now() - t0) / 1000,
          error: errorMessage(error),
          details: null
        }
      }
    }
  } finally {
    await runCleanups()
    await rm(runTmp, { recursive: true, force: true })
    tmp = null
  }

  if (interrupted) return 130
  const report: RunReport = {
    machine,
    options: { quick: args.quick, only: args.only },
    durationS: (performance.now() - started) / 1000,
    rows,
    sections
  }
  await writeReport(root, report)
  process.stdout.write(`${renderTable(rows)}\n`)
  progress(`done in ${report.durationS.toFixed(0)} s; results in bench/results/latest.json`)
  return failed ? 1 : 0
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true
    progress(`${signal}: stopping; the last results are kept`)
    void runCleanups()
      .then(() => (tmp === null ? undefined : rm(tmp, { recursive: true, force: true })))
      .finally(() => process.exit(130))
  })
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${errorMessage(error)}\n`)
    process.exit(1)
  }
)
