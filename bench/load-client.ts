import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { trackChild } from './cleanup'
import { withDeadline } from './deadline'
import type { LoadJob, LoadReply, LoadResult } from './load-protocol'

/**
 * The parent side of the load generator: one child process, kept for the whole section so that
 * every round pays no start-up, running one autocannon job at a time.
 */
export class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  /**
   * Forks the load worker that sits beside this module: load-worker.mjs in the bundle that
   * bench/run.js builds, or bench/load-worker.ts under tsx when the sources are run directly.
   */
  static start(root: string): LoadGenerator {
    const fromSource = import.meta.url.endsWith('.ts')
    const worker = fileURLToPath(
      new URL(fromSource ? './load-worker.ts' : './load-worker.mjs', import.meta.url)
    )
    const child = fork(worker, [], {
      cwd: root,
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc']
    })
    trackChild(child)
    return new LoadGenerator(child)
  }

  /** Runs one job; rejects if the child fails, dies, or overruns the job by 30 s. */
  run(job: LoadJob): Promise<LoadResult> {
    const work = new Promise<LoadResult>((resolve, reject) => {
      const onMessage = (reply: LoadReply): void => {
        cleanup()
        if (reply.ok) resolve(reply.result)
        else reject(new Error(`load generator: ${reply.error}`))
      }
      const onExit = (code: number | null): void => {
        cleanup()
        reject(new Error(`load generator exited (${code ?? 'signal'}) during a run`))
      }
      const cleanup = (): void => {
        this.child.off('message', onMessage)
        this.child.off('exit', onExit)
      }
      this.child.on('message', onMessage)
      this.child.on('exit', onExit)
      this.child.send(job)
    })
    return withDeadline(work, job.durationS * 1000 + 30_000, 'a load-generator run')
  }

  /** Ends the child process (disconnect first; a kill if it lingers). */
  close(): Promise<void> {
    const child = this.child
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 3000)
      child.once('exit', () => {
        clearTimeout(kill)
        resolve()
      })
      if (child.connected) child.disconnect()
      else child.kill('SIGTERM')
    })
  }
}
