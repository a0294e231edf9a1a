#!/usr/bin/env node
/**
 * `npm run soak`: a long steady load on the receiver of a real `serve` (loopback only), with the
 * event stream subscribed. Reports RSS over time, the journal's size, open file descriptors and
 * lost captures; exits 0 only when memory stays bounded (no growth past the warm-up beyond the
 * allowance) and every request answered 200 reached the event stream and, for the newest ones
 * the history cap keeps, the journal.
 *
 *   npm run soak -- [--requests 100000] [--rate 1000] [--concurrency 32] [--cap 5000]
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
function opt(name, fallback) {
  const i = args.indexOf(`--${name}`)
  if (i === -1) return fallback
  const value = Number(args[i + 1])
  if (!Number.isInteger(value) || value <= 0) {
    process.stderr.write(`soak: --${name} must be a positive whole number\n`)
    process.exit(2)
  }
  return value
}
const REQUESTS = opt('requests', 100_000)
const RATE = opt('rate', 1000)
const CONCURRENCY = opt('concurrency', 32)
const CAP = opt('cap', 5000)
/** RSS may grow this much after the warm-up (the first quarter) before the run fails. */
const GROWTH_ALLOWANCE_MB = 64
const DEADLINE_MS = Math.ceil((REQUESTS / RATE) * 4000) + 120_000
const TOKEN = `soak-${Date.now()}-token-0123456789`

const dataDir = mkdtempSync(join(tmpdir(), 'hi-soak-'))
const child = spawn(
  process.execPath,
  [
    join(root, 'bin', 'hook-inspector.js'),
    'serve',
    '--port',
    '0',
    '--receiver-port',
    '0',
    '--data-dir',
    dataDir
  ],
  { cwd: root, env: { ...process.env, HOOK_INSPECTOR_TOKEN: TOKEN } }
)
let out = ''
let err = ''
child.stdout.on('data', (c) => (out += c))
child.stderr.on('data', (c) => (err += c))
const deadline = setTimeout(() => finish('the soak ran past its deadline'), DEADLINE_MS)

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms))
}

async function waitFor(test, what, ms = 240_000) {
  const end = Date.now() + ms
  for (;;) {
    const found = test()
    if (found) return found
    if (Date.now() > end || child.exitCode !== null) throw new Error(`serve: ${what}\n${err}`)
    await sleep(50)
  }
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024
}
function openFds(pid) {
  return readdirSync(`/proc/${pid}/fd`).length
}
function journalMb() {
  try {
    return statSync(join(dataDir, 'history.jsonl')).size / (1024 * 1024)
  } catch {
    return 0
  }
}

async function api(base, method, params) {
  const res = await globalThis.fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ args: params })
  })
  const json = await res.json()
  if (res.status !== 200) throw new Error(`${method}: ${json.error?.message}`)
  return json.result
}

/** Markers of captures seen on the event stream. */
function subscribe(base, seen) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/events?token=${TOKEN}`, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events: ${res.statusCode}`))
      res.setEncoding('utf8')
      let buffer = ''
      res.on('data', (chunk) => {
        buffer += chunk
        let nl
        while ((nl = buffer.indexOf('\n')) !== -1) {
          const line = buffer.slice(0, nl)
          buffer = buffer.slice(nl + 1)
          if (!line.startsWith('data: ')) continue
          for (const event of JSON.parse(line.slice(6))) {
            if (event.type !== 'capture') continue
            const m = /"m":(\d+)/.exec(Buffer.from(event.data.bodyBase64, 'base64').toString())
            if (m) seen.add(Number(m[1]))
          }
        }
      })
      resolve(req)
    })
    req.on('error', reject)
  })
}

let failed = null
async function finish(problem) {
  failed ??= problem
  clearTimeout(deadline)
  if (child.exitCode === null) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
  if (failed) {
    process.stderr.write(`soak: FAIL: ${failed}\n`)
    process.exit(1)
  }
  process.exit(0)
}

try {
  const ui = await waitFor(() => /^Hook Inspector: (\S+)$/m.exec(out), 'no address')
  const receiver = await waitFor(() => /^Receiver: (http:\/\/\S+)$/m.exec(err), 'no receiver')
  const base = new URL(ui[1]).origin
  const target = new URL(receiver[1])
  await api(base, 'setPreferences', [{ historyCap: CAP }])
  const seen = new Set()
  const stream = await subscribe(base, seen)
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const answered = []
  let other = 0
  let errors = 0
  const samples = []
  const started = Date.now()
  const sampler = setInterval(() => {
    samples.push({
      s: (Date.now() - started) / 1000,
      rss: rssMb(child.pid),
      fds: openFds(child.pid),
      journal: journalMb(),
      done: answered.length
    })
  }, 1000)

  const send = (i) =>
    new Promise((resolve) => {
      const body = `{"m":${i},"event":"insert"}`
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: '/soak',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            if (res.statusCode === 200) answered.push(i)
            else other++
            resolve()
          })
        }
      )
      req.on('error', () => {
        errors++
        resolve()
      })
      req.end(body)
    })

  let inFlight = 0
  const waiting = []
  for (let i = 0; i < REQUESTS; i++) {
    const due = started + (i * 1000) / RATE
    const wait = due - Date.now()
    if (wait > 1) await sleep(wait)
    while (inFlight >= CONCURRENCY) await new Promise((r) => waiting.push(r))
    inFlight++
    void send(i).then(() => {
      inFlight--
      waiting.shift()?.()
    })
  }
  while (inFlight > 0) await new Promise((r) => waiting.push(r))
  const elapsed = (Date.now() - started) / 1000
  await waitFor(
    () => seen.size >= answered.length || undefined,
    'events did not catch up',
    30_000
  ).catch(() => undefined)
  clearInterval(sampler)
  stream.destroy()
  agent.destroy()
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))

  const kept = new Set()
  for (const line of readFileSync(join(dataDir, 'history.jsonl'), 'utf8').split('\n')) {
    const m = /"bodyBase64":"([^"]*)"/.exec(line)
    if (!m) continue
    const marker = /"m":(\d+)/.exec(Buffer.from(m[1], 'base64').toString())
    if (marker) kept.add(Number(marker[1]))
  }
  const newest = [...answered].sort((a, b) => a - b).slice(-CAP)
  const lostLive = answered.filter((i) => !seen.has(i)).length
  const lostJournal = newest.filter((i) => !kept.has(i)).length
  const warm = samples[Math.floor(samples.length / 4)] ?? samples[0]
  const peak = Math.max(...samples.map((x) => x.rss))
  const lastFds = samples.at(-1)?.fds ?? 0

  const step = Math.max(1, Math.floor(samples.length / 10))
  const lines = [
    `soak: ${REQUESTS} requests at ${RATE}/s target (${(REQUESTS / elapsed).toFixed(0)}/s achieved over ${elapsed.toFixed(1)} s), ${CONCURRENCY} connections, history cap ${CAP}`,
    `answered 200: ${answered.length}, other status: ${other}, connection errors: ${errors}`,
    `lost: ${lostLive} answered but never on the event stream; ${lostJournal} of the newest ${newest.length} answered missing from history.jsonl`,
    `RSS MB: after warm-up ${warm.rss.toFixed(1)}, peak ${peak.toFixed(1)}, end ${samples.at(-1).rss.toFixed(1)}; open fds at end ${lastFds}; journal ${journalMb().toFixed(1)} MB at end`,
    '  t(s)  answered  RSS(MB)  fds  journal(MB)',
    ...samples
      .filter((_, i) => i % step === 0)
      .map(
        (x) =>
          `  ${x.s.toFixed(0).padStart(4)}  ${String(x.done).padStart(8)}  ${x.rss.toFixed(1).padStart(7)}  ${String(x.fds).padStart(3)}  ${x.journal.toFixed(1).padStart(11)}`
      )
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  if (errors > 0 || other > 0) await finish(`${errors + other} requests not answered 200`)
  if (lostLive > 0 || lostJournal > 0) await finish('captures were lost')
  if (peak - warm.rss > GROWTH_ALLOWANCE_MB) {
    await finish(
      `RSS grew ${(peak - warm.rss).toFixed(1)} MB after the warm-up (allowance ${GROWTH_ALLOWANCE_MB} MB)`
    )
  }
  await finish(null)
} catch (error) {
  await finish(error instanceof Error ? error.message : String(error))
}
