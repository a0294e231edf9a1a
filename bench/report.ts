import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ratio } from './format'
import type { MachineInfo } from './machine'
import { SECTION_NAMES, type ResultRow, type SectionName } from './types'

export interface RunReport {
  machine: MachineInfo
  options: { quick: boolean; only: SectionName[] }
  /** Wall time of the whole run. */
  durationS: number
  rows: ResultRow[]
  sections: Record<string, { durationS: number; error: string | null; details: unknown }>
}

export const RESULTS_FILE = join('bench', 'results', 'latest.json')
export const DOC_FILE = join('docs', 'BENCHMARKS.md')

function met(value: boolean | null): string {
  if (value === null) return '—'
  return value ? 'met' : '**NOT MET**'
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The results as a Markdown table: figure, value, baseline, ratio, target, met or not. */
export function renderTable(rows: readonly ResultRow[]): string {
  const lines = [
    '| Figure | Value | Baseline (same run) | Ratio | Target | Met |',
    '| --- | --- | --- | ---: | --- | --- |'
  ]
  for (const r of rows) {
    lines.push(
      `| ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.baseline)} | ${ratio(r.ratio)} | ${cell(r.target)} | ${met(r.met)} |`
    )
  }
  return lines.join('\n')
}

function machineLine(m: MachineInfo): string {
  return `${m.cores} cores, ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; load average ${m.loadAverage} at start; ${m.date}`
}

const METHOD = `## How each figure is measured

- **Receiver throughput** — autocannon (in a child process, 50 connections) POSTs the TrialKit
  insert body to (a) a bare Fastify server answering 200 on \`/hook\` and (b) the receiver of an
  engine from \`createHeadlessEngine\` (fresh temp data dir each round), subscribed through
  \`EventBroadcast\`, the UI event stream's own serializer, without the socket. (b) runs twice per round: with the default history cap (as shipped: the journal
  compacts itself under a flood) and with the largest cap, 100,000, where no compaction happens and
  every capture is counted as a line of \`history.jsonl\`. For comparison, (c) is the receiver
  alone with each capture built and thrown away: the cost of its own request path before
  anything is recorded, and (d), for scale, the bare server again with 2 µs of busy work added to
  each request: it shows how much CPU time per request a ratio leaves on this machine. The sides
  rotate their order each round
  after a warm-up; medians are compared. CPU time per request is this process's user + system
  time during a run (the server runs here, the load generator does not) divided by the requests
  completed: on a shared machine it is steadier than requests/s. Captures lost = 2xx answers
  missing from the events, or from the journal in the rounds that keep everything. The load
  generator and the server share this machine's cores, so the ratio follows the server's CPU time
  per request: every microsecond spent recording a capture is one the bare server spends
  answering the next request instead, and more than that, because a server that answers later
  also leaves the load generator idle more often, and waking it costs each answer's write more.
- **Dispatch overhead** — sequential \`dispatch()\` calls vs \`undici.request\` with the same body and
  headers (\`Connection: close\` included), interleaved in blocks, against a bare local server;
  the medians of the per-request times are compared.
- **Capacity tool throughput** — the capacity check as \`hook-inspector capacity\` runs it (the
  API's \`runCapacity\` on a headless engine, each request through the engine's one send path) at concurrency 64, 5,000 requests per round,
  against autocannon with 64 connections for 3 s, both in a child process of their own and both
  POSTing the insert body with the dispatcher's headers (\`Connection: close\` included, so both
  open a connection per request, as TrialKit does) to the same bare local server; every answer
  must be 2xx on both sides. Three rounds alternate which goes first; the medians of requests/s
  are compared (target ≥ 0.8: the measuring tool is never the bottleneck).
- **Timeout precision** — \`engine.fire\` with a 1 s hook timeout at the engine's own receiver set to
  *Hang*, in small concurrent groups; the time until each \`timeout\` ProtocolError resolved.
- **Delay precision** — the receiver delays insert events by 250 ms (a per-event override) and
  answers update events at once; \`dispatch()\` measures both, interleaved, and each delayed request
  must land within ±10 ms of 250 ms plus the median undelayed time.
- **History scale** — 50,000 small exchanges written through \`openJournal().append\`; the journal
  reload is timed in-process (baseline: reading the file and \`JSON.parse\` of each line); \`serve\` is
  started on that data dir and its RSS read from /proc (baseline: \`serve\` with an empty data dir);
  Chromium (playwright-core) opens the UI: time to the first timeline row (baseline: 100 entries),
  then the timeline is scrolled to the end in steps, one per animation frame, recording frame
  deltas in the page.
- **Hostile bodies** — (a) \`serve\` with a fresh data dir and the default history budget
  (256 MiB) takes 300 POSTs of a 1 MiB JSON document gzipped to about a kilobyte, then 230 POSTs
  of the same document as \`text/plain\` (as a web page can send), four at a time; then its RSS
  is read from /proc (baseline: the same process right after start), the size of
  \`history.jsonl\` compared with the budget, and \`listHistory({ limit: 2500 })\` timed over the
  control API. (b) An engine from \`createHeadlessEngine\` (journal included): a normal TrialKit
  insert is sent while 16 brotli bombs (zeros compressed at quality 5; 1 GiB decoded) arrive with
  it, and while 16 plain bodies of the same size do instead, alternating which goes first, plus
  alone; the medians of the insert's latency are compared (target: the bombs add less than 20 ms).
- **Start-up** — \`node out/main/cli.js serve\` until the first successful GET of the UI page, and a
  whole \`node out/main/cli.js fire insert\` process against a local bare server, each against
  \`node -e 0\` in the same loop (medians).`

/** The generated docs/BENCHMARKS.md: how to run, the machine, the table, and the method. */
export function renderDoc(report: RunReport): string {
  const scope =
    report.options.only.length === SECTION_NAMES.length
      ? 'all sections'
      : `only: ${report.options.only.join(', ')}`
  const quick = report.options.quick
    ? '\n\n> This was a `--quick` smoke run: durations were shortened and the figures are not representative.'
    : ''
  return `# Benchmarks

Generated by \`npm run bench\` (${scope}; ${report.durationS.toFixed(0)} s). Run \`npm run bench\` for
all sections, \`npm run bench -- --only receiver,dispatch\` for some, \`--quick\` for a smoke run.
Sections: ${SECTION_NAMES.join(', ')}. Every figure is compared with a
baseline measured in the same run, because the machine is shared and noisy. Raw data:
\`bench/results/latest.json\`. \`bench/run.js\` bundles the benchmarks and the engine sources
with esbuild first, as the app's build compiles them, so no development-time loader runs in the
measured code.

Machine: ${machineLine(report.machine)}.${quick}

${renderTable(report.rows)}

${METHOD}
`
}

/** Writes bench/results/latest.json and docs/BENCHMARKS.md under `root`. */
export async function writeReport(root: string, report: RunReport): Promise<void> {
  const results = join(root, RESULTS_FILE)
  await mkdir(dirname(results), { recursive: true })
  await writeFile(results, `${JSON.stringify(report, null, 2)}\n`)
  const doc = join(root, DOC_FILE)
  await mkdir(dirname(doc), { recursive: true })
  await writeFile(doc, renderDoc(report))
}
