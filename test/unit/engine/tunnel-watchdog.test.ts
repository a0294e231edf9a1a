import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import {
  spawnWatched,
  WATCHDOG_SOURCE,
  type WatchdogReport
} from '@main/engine/public-url/watchdog'
import { isRunning, within } from '../../helpers/processes'
import { skipNote } from '../../helpers/skip-note'

const linux = process.platform === 'linux'

/** Starts `sleep` under the watchdog from a throwaway "app" process; resolves with both pids. */
async function appWithWatchedSleep(): Promise<{ app: ReturnType<typeof spawn>; sleepPid: number }> {
  const app = spawn(
    process.execPath,
    [
      '-e',
      `const { spawn } = require('node:child_process')
       const dog = spawn(process.execPath, ['-e', process.env.WATCHDOG, '--', 'sleep', '60'], {
         stdio: ['pipe', 'ignore', 'ignore', 'pipe']
       })
       dog.stdio[3].pipe(process.stdout)
       setInterval(() => undefined, 1000)`
    ],
    { env: { ...process.env, WATCHDOG: WATCHDOG_SOURCE }, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const sleepPid = await new Promise<number>((resolve, reject) => {
    let text = ''
    app.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /"type":"spawned","pid":(\d+)/.exec(text)
      if (match) resolve(Number(match[1]))
    })
    app.once('exit', () => reject(new Error(`the app exited: ${text}`)))
    setTimeout(() => reject(new Error(`no spawned report: ${text}`)), 10_000)
  })
  return { app, sleepPid }
}

describe('the tunnel watchdog', () => {
  const KILL = 'the program it runs ends when its app is killed with SIGKILL'
  it.runIf(linux)(KILL + skipNote(linux, KILL, 'reads processes from /proc'), async () => {
    const { app, sleepPid } = await appWithWatchedSleep()
    expect(isRunning(sleepPid)).toBe(true)
    app.kill('SIGKILL')
    expect(await within(2_000, () => !isRunning(sleepPid))).not.toBe(null)
  })

  it('reports a program that is not on PATH, and how a program ended', async () => {
    const reports = async (command: string, args: string[]): Promise<WatchdogReport[]> => {
      const seen: WatchdogReport[] = []
      const watched = spawnWatched(command, args, (r) => seen.push(r))
      await new Promise((resolve) => watched.process.once('close', resolve))
      return seen
    }
    expect(await reports('hi-no-such-program', [])).toEqual([
      { type: 'error', code: 'ENOENT', message: 'spawn hi-no-such-program ENOENT' }
    ])
    const ended = await reports('sh', ['-c', 'exit 3'])
    expect(ended).toEqual([
      { type: 'spawned', pid: expect.any(Number) },
      { type: 'exit', code: 3, signal: null }
    ])
  })

  it('stop() ends the program, which is reported as ended by SIGTERM', async () => {
    const seen: WatchdogReport[] = []
    const watched = spawnWatched('sleep', ['60'], (r) => seen.push(r))
    await within(10_000, () => seen.length > 0)
    watched.stop()
    await new Promise((resolve) => watched.process.once('close', resolve))
    expect(seen.at(-1)).toEqual({ type: 'exit', code: null, signal: 'SIGTERM' })
  })
})
