import type { ChildProcess } from 'node:child_process'

/**
 * Everything a benchmark starts outside this process (load generator, `serve`, Chromium) is
 * registered here, so that a section cut off by its deadline, a failure or Ctrl-C still leaves no
 * process behind: the runner calls runCleanups() before it exits.
 */
const cleanups = new Set<() => Promise<void> | void>()

/** Registers a cleanup; the returned function unregisters it (call it once cleaned up normally). */
export function onCleanup(fn: () => Promise<void> | void): () => void {
  cleanups.add(fn)
  return () => cleanups.delete(fn)
}

/** Kills the child at cleanup unless it has exited by then. */
export function trackChild(child: ChildProcess): void {
  const off = onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  child.once('exit', off)
}

/** Runs every registered cleanup, each bounded to 5 s. */
export async function runCleanups(): Promise<void> {
  const pending = [...cleanups]
  cleanups.clear()
  await Promise.all(
    pending.map((fn) =>
      Promise.race([
        Promise.resolve()
          .then(fn)
          .catch(() => undefined),
        new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())
      ])
    )
  )
}
