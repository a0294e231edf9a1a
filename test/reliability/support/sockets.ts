import { Socket } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

interface ProcessWithHandles {
  _getActiveHandles(): unknown[]
}

/** Open TCP sockets of this process (client and server side), as Node tracks them. */
export function activeSockets(): number {
  const handles = (process as unknown as ProcessWithHandles)._getActiveHandles()
  return handles.filter((h) => h instanceof Socket && !(h as Socket).destroyed).length
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until at most `baseline` sockets are open; returns the count then (or at the deadline). */
export async function socketsSettle(baseline: number, withinMs = 2000): Promise<number> {
  const deadline = Date.now() + withinMs
  let count = activeSockets()
  while (count > baseline && Date.now() < deadline) {
    await wait(20)
    count = activeSockets()
  }
  return count
}

let gcFn: (() => void) | null | undefined

/** A full garbage collection, exposed at run time when the process was not started with it. */
export function collectGarbage(): boolean {
  if (gcFn === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc
    if (typeof exposed === 'function') gcFn = exposed
    else {
      try {
        setFlagsFromString('--expose-gc')
        gcFn = runInNewContext('gc') as () => void
      } catch {
        gcFn = null
      }
    }
  }
  if (!gcFn) return false
  gcFn()
  gcFn()
  return true
}
