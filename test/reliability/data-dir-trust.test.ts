import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createHeadlessEngine,
  DataDirTrustError,
  NotRegularFileError,
  openDataFile,
  type Engine
} from '@main/engine'
import { userName } from '@main/engine/data-dir-trust'
import { defaultSettings } from '@shared/defaults'
import type { AppInfo } from '@shared/schemas'
import { ensureBuilt, hasStackTrace, runCli, startServe } from '../helpers/cli'
import { formatRequest } from '../helpers/raw-client'
import { skipNote } from '../helpers/skip-note'
import { failOnProcessErrors } from './support/process-guard'
import { roundTrip } from './support/raw'

failOnProcessErrors()

const posix = process.platform !== 'win32'
const root0 = posix && process.getuid?.() === 0
const OTHER_UID = 1002

let root: string
const engines: Engine[] = []

beforeAll(() => {
  ensureBuilt()
  root = mkdtempSync(join(tmpdir(), 'hi-rel-trust-'))
}, 240_000)
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

/** An owner-only dir of ours, as a first start would make it. */
function ownDir(name: string): string {
  const dir = join(root, name)
  mkdirSync(dir, { mode: 0o700 })
  chmodSync(dir, 0o700)
  return dir
}

async function engineAt(dataDir: string): Promise<Engine> {
  const engine = await createHeadlessEngine({ dataDir, receiverOverrides: { port: 0 } })
  engines.push(engine)
  return engine
}

/** Resolves with what `promise` gives, or rejects after `ms` (a hang must fail, not block). */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function modeOf(path: string): string {
  return (statSync(path).mode & 0o7777).toString(8)
}

function noticesOf(info: AppInfo): string {
  return info.notices.map((n) => `${n.level}: ${n.message}`).join('\n')
}

function who(uid: number): string {
  const name = userName(uid)
  return name === null ? `uid ${uid}` : `uid ${uid} (${name})`
}

const FOREIGN = 'a data dir another user owns'
describe.runIf(root0)(
  FOREIGN + skipNote(root0, FOREIGN, 'only root can hand a folder to another uid'),
  () => {
    /** A dir made by uid 1002: 0777, with a readable and writable history and a planted target. */
    function foreignDir(name: string): { dir: string; before: Map<string, string> } {
      const dir = join(root, name)
      mkdirSync(dir)
      writeFileSync(join(dir, 'history.jsonl'), '')
      const planted = defaultSettings()
      planted.behavior.forwardTo = 'http://127.0.0.1:9/steal'
      writeFileSync(join(dir, 'settings.json'), JSON.stringify(planted))
      chmodSync(join(dir, 'history.jsonl'), 0o666)
      chmodSync(join(dir, 'settings.json'), 0o644)
      chmodSync(dir, 0o777)
      for (const entry of ['', 'history.jsonl', 'settings.json']) {
        chownSync(join(dir, entry), OTHER_UID, OTHER_UID)
      }
      return { dir, before: snapshot(dir) }
    }

    /** Every entry's name, owner, mode and content: what a refusal must leave as it was. */
    function snapshot(dir: string): Map<string, string> {
      const seen = new Map<string, string>()
      const info = statSync(dir)
      seen.set('.', `${info.uid} ${modeOf(dir)}`)
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name)
        seen.set(name, `${statSync(path).uid} ${modeOf(path)} ${readFileSync(path, 'utf8')}`)
      }
      return seen
    }

    function refusal(dir: string): string {
      const other = who(OTHER_UID)
      const me = who(0)
      const meName = userName(0) ?? '0'
      return (
        `error: The data dir ${dir} is refused because other users could read or change what ` +
        `it holds (captured credentials, passwords, settings): ${dir} is owned by ${other}, ` +
        `not by you, and has mode 0777, writable by group and others; ${dir}/history.jsonl is ` +
        `owned by ${other}, not by you, and has mode 0666, writable by group and others; ` +
        `${dir}/settings.json is owned by ${other}, not by you (you are ${me}). Fix it with ` +
        `\`sudo chown -R ${meName} ${dir} && chmod 700 ${dir} && chmod go-w ` +
        `${dir}/history.jsonl\`, or use another data dir.`
      )
    }

    it('listen --data-dir: exit 2 naming owner and mode; nothing in the dir touched', async () => {
      const { dir, before } = foreignDir('foreign-listen')
      const started = Date.now()
      const result = await runCli(['listen', '--port', '0', '--data-dir', dir])
      console.log(`foreign data dir: listen refused it in ${Date.now() - started} ms`)
      expect({ code: result.code, stderr: result.stderr.trim(), stdout: result.stdout }).toEqual({
        code: 2,
        stderr: refusal(dir),
        stdout: ''
      })
      expect(snapshot(dir)).toEqual(before)
    })

    it('serve --data-dir: exit 2 before reading the planted settings; nothing touched', async () => {
      const { dir, before } = foreignDir('foreign-serve')
      const result = await runCli(
        ['serve', '--port', '0', '--receiver-port', '0', '--data-dir', dir],
        { env: { HOOK_INSPECTOR_TOKEN: 'reliability-trust-token-0123456789' } }
      )
      expect({ code: result.code, stderr: result.stderr.trim(), stdout: result.stdout }).toEqual({
        code: 2,
        stderr: refusal(dir),
        stdout: ''
      })
      expect(hasStackTrace(result.stderr)).toBe(false)
      expect(snapshot(dir)).toEqual(before)
    })

    it('a file of another user in an own owner-only dir is refused too', async () => {
      const dir = ownDir('foreign-file')
      writeFileSync(join(dir, 'secrets.json'), '{}', { mode: 0o600 })
      chownSync(join(dir, 'secrets.json'), OTHER_UID, OTHER_UID)
      const error = await createHeadlessEngine({ dataDir: dir, startReceiver: false }).then(
        (engine) => engine.close().then(() => null),
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(DataDirTrustError)
      expect((error as Error).message).toBe(
        `The data dir ${dir} is refused because other users could read or change what it holds ` +
          `(captured credentials, passwords, settings): ${dir}/secrets.json is owned by ` +
          `${who(OTHER_UID)}, not by you (you are ${who(0)}). Fix it with ` +
          `\`sudo chown -R ${userName(0) ?? '0'} ${dir}\`, or use another data dir.`
      )
    })
  }
)

const WRITABLE = 'a data dir of ours that others can write'
describe.runIf(posix)(
  WRITABLE + skipNote(posix, WRITABLE, 'Windows has no POSIX file modes to check'),
  () => {
    const me = (): string => who(process.getuid!())

    it('a group-writable own dir is refused, left as it was (not narrowed, nothing made)', async () => {
      const dir = join(root, 'group writable')
      mkdirSync(dir)
      chmodSync(dir, 0o770)
      const error = await createHeadlessEngine({ dataDir: dir, startReceiver: false }).then(
        (engine) => engine.close().then(() => null),
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(DataDirTrustError)
      expect((error as Error).message).toBe(
        `The data dir ${dir} is refused because other users could read or change what it holds ` +
          `(captured credentials, passwords, settings): ${dir} has mode 0770, writable by group ` +
          `(you are ${me()}). Fix it with \`chmod 700 '${dir}'\`, or use another data dir.`
      )
      expect(modeOf(dir)).toBe('770')
      expect(readdirSync(dir)).toEqual([])
    })

    it('an other-writable settings.json in an owner-only dir is refused', async () => {
      const dir = ownDir('writable-file')
      writeFileSync(join(dir, 'settings.json'), JSON.stringify(defaultSettings()))
      chmodSync(join(dir, 'settings.json'), 0o602)
      await expect(createHeadlessEngine({ dataDir: dir, startReceiver: false })).rejects.toThrow(
        `${dir}/settings.json has mode 0602, writable by others (you are ${me()}). Fix it with ` +
          `\`chmod go-w ${dir}/settings.json\`, or use another data dir.`
      )
      expect(modeOf(join(dir, 'settings.json'))).toBe('602')
    })

    it('own files readable by others are still narrowed, not refused', async () => {
      const dir = ownDir('readable')
      writeFileSync(join(dir, 'history.jsonl'), '')
      chmodSync(join(dir, 'history.jsonl'), 0o644)
      chmodSync(dir, 0o755)
      const engine = await engineAt(dir)
      expect((await engine.getInfo()).historyPersisted).toBe(true)
      expect({ dir: modeOf(dir), file: modeOf(join(dir, 'history.jsonl')) }).toEqual({
        dir: '700',
        file: '600'
      })
    })
  }
)

const LINKS = 'links and non-regular files in the data dir'
describe.runIf(posix)(
  LINKS + skipNote(posix, LINKS, 'Windows has no O_NOFOLLOW, FIFOs or unprivileged links'),
  () => {
    it('a linked history.jsonl: its target is neither truncated nor written; history in memory', async () => {
      const dir = ownDir('linked-history')
      const target = join(root, 'someone-elses.log')
      const text = 'first line of a file that is not a journal\nno end'
      expect(Buffer.byteLength(text)).toBe(49)
      writeFileSync(target, text)
      symlinkSync(target, join(dir, 'history.jsonl'))

      const engine = await engineAt(dir)
      const port = engine.receiverStatus().port!
      const answer = await roundTrip(
        port,
        formatRequest({ method: 'POST', path: '/x', body: '{}' })
      )
      expect(answer.status).toBe(200)
      const info = await engine.getInfo()
      await engine.close()

      expect(readFileSync(target, 'utf8')).toBe(text)
      expect(statSync(target).size).toBe(49)
      expect(info.historyPersisted).toBe(false)
      expect(noticesOf(info)).toContain(
        `${dir}/history.jsonl: it is a symbolic link, not a regular file, so it is not opened (links are never followed)`
      )
    })

    it('a linked secrets.json: its target keeps its mode and is not read', async () => {
      const dir = ownDir('linked-secrets')
      const target = join(root, 'shared-secrets.json')
      writeFileSync(target, JSON.stringify({ 'hook-1': 'planted' }))
      chmodSync(target, 0o644)
      symlinkSync(target, join(dir, 'secrets.json'))

      const engine = await engineAt(dir)
      const info = await engine.getInfo()
      await engine.close()

      expect(modeOf(target)).toBe('644')
      expect(noticesOf(info)).toContain(
        `warning: Saved hook passwords could not be read from ${dir}/secrets.json: it is a symbolic link, not a regular file, so it is not opened (links are never followed).`
      )
    })

    it('a FIFO as settings.json: start-up does not wait on it; defaults, with a notice', async () => {
      const dir = ownDir('fifo-settings')
      execFileSync('mkfifo', ['-m', '600', join(dir, 'settings.json')])
      const started = Date.now()
      const engine = await within(10_000, engineAt(dir), 'start with a FIFO as settings.json')
      console.log(`FIFO as settings.json: the engine started in ${Date.now() - started} ms`)
      const info = await engine.getInfo()
      expect(info.receiver.running).toBe(true)
      expect(noticesOf(info)).toMatch(
        /The settings file .*settings\.json was not usable, so defaults are used; .*Problem: it could not be read: it is a FIFO \(named pipe\), not a regular file/
      )
    })

    it('a FIFO as secrets.json: start-up does not wait on it; passwords empty, with a notice', async () => {
      const dir = ownDir('fifo-secrets')
      execFileSync('mkfifo', ['-m', '600', join(dir, 'secrets.json')])
      const started = Date.now()
      const engine = await within(10_000, engineAt(dir), 'start with a FIFO as secrets.json')
      console.log(`FIFO as secrets.json: the engine started in ${Date.now() - started} ms`)
      expect(noticesOf(await engine.getInfo())).toContain(
        `warning: Saved hook passwords could not be read from ${dir}/secrets.json: it is a FIFO (named pipe), not a regular file, so it is not opened (links are never followed).`
      )
    })

    it('openDataFile: a link or FIFO is refused for every access, a regular file opens', async () => {
      const dir = ownDir('open-data-file')
      const target = join(dir, 'target')
      writeFileSync(target, 'kept')
      symlinkSync(target, join(dir, 'link'))
      execFileSync('mkfifo', ['-m', '600', join(dir, 'fifo')])
      for (const access of ['read', 'read-append', 'append'] as const) {
        for (const name of ['link', 'fifo']) {
          const error = await within(
            5_000,
            openDataFile(join(dir, name), access).then(
              (h) => h.close().then(() => null),
              (e: unknown) => e
            ),
            `${access} ${name}`
          )
          expect({ access, name, refused: error instanceof NotRegularFileError }).toEqual({
            access,
            name,
            refused: true
          })
        }
      }
      const handle = await openDataFile(target, 'append')
      await handle.write('!')
      await handle.close()
      expect(readFileSync(target, 'utf8')).toBe('kept!')
    })
  }
)

describe('start-up warnings are printed by serve, and shown as notices', () => {
  it('history in memory only and a receiver beyond loopback: on stderr at start and in getInfo', async () => {
    const dir = ownDir('serve-warnings')
    const settings = defaultSettings()
    settings.receiver.host = '0.0.0.0'
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings), { mode: 0o600 })
    // A folder where the journal should be: history cannot be written this run.
    mkdirSync(join(dir, 'history.jsonl'), { mode: 0o700 })

    // Anonymous access chosen: a receiver beyond loopback needs credentials otherwise.
    const serve = await startServe(dir, 'reliability-trust-token-0123456789', ['--allow-anonymous'])
    try {
      const info = await serve.call<AppInfo>('getInfo')
      const warnings = info.notices.filter((n) => n.level === 'warning').map((n) => n.message)
      expect(warnings).toEqual([
        expect.stringMatching(/^History is kept in memory only: .*history\.jsonl/),
        expect.stringMatching(/^The receiver listens on 0\.0\.0\.0: other machines/)
      ])
      const before = serve.cli.stderr.slice(0, serve.cli.stderr.indexOf('Receiver: '))
      const printed = before.split('\n').filter((line) => line.startsWith('warning: '))
      expect(printed).toEqual(warnings.map((message) => `warning: ${message}`))
    } finally {
      expect((await serve.cli.stop()).code).toBe(0)
    }
  })
})
