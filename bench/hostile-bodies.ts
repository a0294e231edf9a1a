import { statSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { constants, createBrotliCompress, gzipSync } from 'node:zlib'
import { Agent, request } from 'undici'
import { HISTORY_FILE } from '../src/main/engine'
import { DEFAULT_HISTORY_MAX_BYTES } from '../src/shared/schemas'
import { ensureBuilt } from './build-check'
import { startBenchEngine } from './engine-fixture'
import { int, mb, ms } from './format'
import { progress } from './progress'
import { getUiPage, rssOf, startServe } from './serve-process'
import { median, round } from './stats'
import type { Section, SectionContext, SectionOutput } from './types'

const MIB = 1024 * 1024
const RSS_LIMIT = 400 * 1000 * 1000
const LIST_LIMIT_MS = 2000
const BOMB_ADDED_LIMIT_MS = 20

function plan(quick: boolean) {
  return quick
    ? { gzipped: 60, plain: 40, bombGiB: 0.25, senders: 16, rounds: 5 }
    : { gzipped: 300, plain: 230, bombGiB: 1, senders: 16, rounds: 15 }
}

/** A JSON document of exactly 1 MiB that is not a TrialKit event. */
function oneMibJson(): Buffer {
  const head = '{"note":"'
  const tail = '"}'
  return Buffer.from(head + 'a'.repeat(MIB - head.length - tail.length) + tail)
}

/** `count` POSTs of `body`, four at a time; every answer must be 200. */
async function sendAll(
  agent: Agent,
  url: string,
  count: number,
  body: Buffer,
  headers: Record<string, string>
): Promise<void> {
  const one = async (): Promise<void> => {
    const res = await request(url, { dispatcher: agent, method: 'POST', headers, body })
    await res.body.dump()
    if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`)
  }
  for (let i = 0; i < count; i += 4) {
    await Promise.all(Array.from({ length: Math.min(4, count - i) }, one))
  }
}

/** Calls the control API of a `serve` started with `uiUrl` (which carries the token). */
async function api(uiUrl: string, method: string, args: unknown[]): Promise<Buffer> {
  const url = new URL(uiUrl)
  const token = url.searchParams.get('token') ?? ''
  const res = await request(new URL(`/api/${method}`, url.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ args }),
    headersTimeout: 60_000,
    bodyTimeout: 60_000
  })
  const body = Buffer.from(await res.body.arrayBuffer())
  if (res.statusCode !== 200) throw new Error(`${method} answered ${res.statusCode}`)
  return body
}

/**
 * Large bodies from anyone: `serve` with the default budget takes 300 gzipped 1 MiB JSON bodies
 * (about a kilobyte each) and 230 text/plain 1 MiB bodies; its memory, its journal and the UI's
 * first history call afterwards.
 */
async function largeBodies(ctx: SectionContext, p: ReturnType<typeof plan>) {
  const dataDir = await mkdtemp(join(ctx.tmp, 'hostile-'))
  const serve = await startServe(ctx.root, dataDir, 60_000)
  const agent = new Agent({ connections: 8 })
  try {
    await getUiPage(serve.url)
    const atStart = rssOf(serve.pid)
    const info = JSON.parse((await api(serve.url, 'getInfo', [])).toString()) as {
      result: { receiver: { url: string } }
    }
    const hook = `${info.result.receiver.url}hook`
    const json = oneMibJson()
    const gz = gzipSync(json, { level: 9 })
    await sendAll(agent, hook, p.gzipped, gz, {
      'content-type': 'application/json',
      'content-encoding': 'gzip'
    })
    await sendAll(agent, hook, p.plain, json, { 'content-type': 'text/plain' })
    const after = rssOf(serve.pid)
    const journalBytes = statSync(join(dataDir, HISTORY_FILE)).size
    const t0 = performance.now()
    const page = await api(serve.url, 'listHistory', [{ limit: 2500 }])
    const listMs = performance.now() - t0
    await getUiPage(serve.url)
    return { gzBytes: gz.length, atStart, after, journalBytes, listMs, pageBytes: page.length }
  } finally {
    await agent.close()
    await serve.stop()
  }
}

/** A brotli body of `gib` GiB of zeros, compressed as a stream (never held decoded). */
async function brotliBomb(gib: number): Promise<Buffer> {
  const chunk = Buffer.alloc(MIB)
  const chunks: Buffer[] = []
  const total = Math.round(gib * 1024)
  await pipeline(
    Readable.from(
      (function* () {
        for (let i = 0; i < total; i++) yield chunk
      })()
    ),
    createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    async (source: AsyncIterable<Buffer>) => {
      for await (const c of source) chunks.push(c)
    }
  )
  return Buffer.concat(chunks)
}

/**
 * Decompression bombs: a normal TrialKit insert's latency at the engine's receiver while
 * `senders` requests arrive with it, bombs or plain bodies of the same size, and alone.
 */
async function bombs(ctx: SectionContext, p: ReturnType<typeof plan>) {
  const bomb = await brotliBomb(p.bombGiB)
  const plain = Buffer.alloc(bomb.length, 0x61)
  const insert = Buffer.from(
    '{"trans_id":"436","form_id":"319","form_name":"Sample Form","OnInsert":true}'
  )
  const bench = await startBenchEngine(ctx.tmp)
  const agent = new Agent({ connections: p.senders + 4 })
  const url = `${bench.receiverUrl}hook`
  const post = async (body: Buffer, headers: Record<string, string>): Promise<void> => {
    const res = await request(url, { dispatcher: agent, method: 'POST', headers, body })
    await res.body.dump()
    if (res.statusCode !== 200) throw new Error(`the receiver answered ${res.statusCode}`)
  }
  const normal = async (others: () => Promise<void>, count: number): Promise<number> => {
    const burst = Array.from({ length: count }, others)
    const t0 = performance.now()
    await post(insert, { 'content-type': 'application/json; charset=utf-8' })
    const elapsed = performance.now() - t0
    await Promise.all(burst)
    return elapsed
  }
  const withBombs: number[] = []
  const withPlain: number[] = []
  const alone: number[] = []
  try {
    const sendBomb = () =>
      post(bomb, { 'content-type': 'application/json', 'content-encoding': 'br' })
    const sendPlain = () => post(plain, { 'content-type': 'text/plain' })
    await normal(sendPlain, p.senders)
    await normal(sendBomb, p.senders)
    for (let r = 0; r < p.rounds; r++) {
      // Alternate which goes first, so neither always follows the other's garbage.
      if (r % 2 === 0) {
        withBombs.push(await normal(sendBomb, p.senders))
        withPlain.push(await normal(sendPlain, p.senders))
      } else {
        withPlain.push(await normal(sendPlain, p.senders))
        withBombs.push(await normal(sendBomb, p.senders))
      }
      alone.push(await normal(sendPlain, 0))
    }
  } finally {
    await agent.close()
    await bench.engine.close()
  }
  return { bombBytes: bomb.length, withBombs, withPlain, alone }
}

async function run(ctx: SectionContext): Promise<SectionOutput> {
  const p = plan(ctx.quick)
  const warnings = ensureBuilt(ctx.root)
  for (const w of warnings) progress(`hostile: warning: ${w}`)
  const big = await largeBodies(ctx, p)
  progress(`hostile: large bodies: RSS ${mb(big.after.rss)}, journal ${mb(big.journalBytes)}`)
  const b = await bombs(ctx, p)
  const bombMs = median(b.withBombs)
  const plainMs = median(b.withPlain)
  const aloneMs = median(b.alone)
  progress(`hostile: bombs ${ms(bombMs)}, plain ${ms(plainMs)}, alone ${ms(aloneMs)}`)
  const budget = DEFAULT_HISTORY_MAX_BYTES
  return {
    rows: [
      {
        section: 'hostile',
        figure: `serve RSS after ${int(p.gzipped)} gzipped 1 MiB JSON bodies (${int(big.gzBytes)} bytes each) and ${int(p.plain)} text/plain 1 MiB bodies, default history budget: now / peak`,
        value: `${mb(big.after.rss)} / ${mb(big.after.peak)}`,
        baseline: `after start ${mb(big.atStart.rss)}`,
        ratio: big.after.rss / big.atStart.rss,
        target: '< 400 MB',
        met: big.after.rss < RSS_LIMIT
      },
      {
        section: 'hostile',
        figure: 'history.jsonl after that load',
        value: mb(big.journalBytes),
        baseline: `budget ${mb(budget)}`,
        ratio: big.journalBytes / budget,
        target: 'within the budget',
        met: big.journalBytes <= budget
      },
      {
        section: 'hostile',
        figure: 'listHistory({ limit: 2500 }) after that load, over the control API',
        value: `${ms(big.listMs)} (${mb(big.pageBytes)})`,
        baseline: '—',
        ratio: null,
        target: '< 2 s',
        met: big.listMs < LIST_LIMIT_MS
      },
      {
        section: 'hostile',
        figure: `Normal request latency while ${p.senders} brotli bombs of ${int(b.bombBytes)} bytes (${p.bombGiB} GiB decoded) arrive with it (median of ${p.rounds})`,
        value: ms(bombMs),
        baseline: `${p.senders} plain ${int(b.bombBytes)}-byte bodies ${ms(plainMs)}; alone ${ms(aloneMs)}`,
        ratio: bombMs / plainMs,
        target: `adds < ${BOMB_ADDED_LIMIT_MS} ms`,
        met: bombMs - plainMs < BOMB_ADDED_LIMIT_MS
      }
    ],
    details: {
      plan: p,
      warnings,
      largeBodies: big,
      bombs: {
        bombBytes: b.bombBytes,
        withBombsMs: b.withBombs.map((v) => round(v, 1)),
        withPlainMs: b.withPlain.map((v) => round(v, 1)),
        aloneMs: b.alone.map((v) => round(v, 1))
      }
    }
  }
}

export const hostileBodies: Section = {
  name: 'hostile',
  title: 'Hostile bodies',
  budgetMs: (quick) => (quick ? 180_000 : 420_000),
  run
}
