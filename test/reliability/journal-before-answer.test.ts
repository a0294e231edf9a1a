import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, HISTORY_FILE, type Engine } from '@main/engine'
import { writeAllSync } from '@main/engine/atomic-write'

/**
 * The promise "a capture is answered only after its line is in history.jsonl", for the whole
 * engine (receiver, exchanges, history, journal) and not the receiver with a fake: the journal's
 * write is held, and the caller's answer must wait for it.
 */

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

interface Answer {
  status: number
  /** history.jsonl's lines, read the moment the answer's head arrived. */
  linesAtAnswer: string[]
}

/** POSTs to the receiver over loopback; reads the journal as soon as the answer arrives. */
function post(url: string, file: string): { answer: Promise<Answer>; arrived: () => boolean } {
  let arrived = false
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json' } },
      (res) => {
        arrived = true
        const linesAtAnswer = readFileSync(file, 'utf8').split('\n').filter(Boolean)
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, linesAtAnswer }))
      }
    )
    req.on('error', reject)
    req.end('{"trans_id":"436","form_id":"319","form_name":"Sample Form","OnInsert":true}')
  })
  return { answer, arrived: () => arrived }
}

describe('the engine answers a capture only once its line is in history.jsonl', () => {
  let dir: string | null = null
  let engine: Engine | null = null
  let releaseAll: (() => void) | null = null
  afterEach(async () => {
    releaseAll?.()
    await engine?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
    engine = null
    dir = null
  })

  it('holds the answer while the journal write is held, and answers with the line in the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hi-held-journal-'))
    const file = join(dir, HISTORY_FILE)
    // The journal's write, as in production, except that while `hold` is set it waits first.
    let hold = false
    const waiting: (() => void)[] = []
    releaseAll = () => {
      hold = false
      for (const release of waiting.splice(0)) release()
    }
    engine = await createHeadlessEngine({
      dataDir: dir,
      receiverOverrides: { port: 0 },
      journalWrite: async (fd, bytes) => {
        if (hold) await new Promise<void>((resolve) => waiting.push(resolve))
        writeAllSync(fd, bytes)
      }
    })
    const base = engine.receiverStatus().url!

    // Not held: answered, and the line is already there when the answer comes.
    const first = await post(`${base}before-hold`, file).answer
    expect(first.status).toBe(200)
    expect(first.linesAtAnswer.some((l) => l.includes('"path":"/before-hold"'))).toBe(true)

    hold = true
    const held = post(`${base}held-capture`, file)
    const deadline = Date.now() + 10_000
    while (waiting.length === 0 && Date.now() < deadline) await delay(5)
    expect(waiting).toHaveLength(1)
    // The write is held: no answer, and nothing of this request in the file.
    await delay(300)
    expect(held.arrived()).toBe(false)
    expect(readFileSync(file, 'utf8')).not.toContain('/held-capture')

    releaseAll()
    const answer = await held.answer
    expect(answer.status).toBe(200)
    const line = answer.linesAtAnswer.find((l) => l.includes('"path":"/held-capture"'))
    expect(line).toBeDefined()
    expect(JSON.parse(line!)).toMatchObject({ type: 'capture', path: '/held-capture' })
    // And the engine's history agrees: saved, not held in memory only.
    const [latest] = await engine.listHistory({ limit: 1 })
    expect(latest).toMatchObject({ type: 'capture', path: '/held-capture' })
    expect(latest).not.toHaveProperty('notSaved')
  })
})
