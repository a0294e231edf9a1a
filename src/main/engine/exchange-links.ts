import { isLoopbackAddress } from '@shared/loopback'

/** How long a finished exchange still waits for its capture (the server may read it late). */
const LATE_CAPTURE_MS = 2000

interface Link {
  exchangeId: string
  captureId: string | null
  done: boolean
  timer: ReturnType<typeof setTimeout> | null
}

/**
 * Links a dispatched exchange with its capture on the embedded receiver without adding any header
 * to the request (docs/ARCHITECTURE.md, Wire format): the dispatcher reports its socket's local port on connect, and the
 * receiver sees that same port as the capture's remote port. Either side may come first.
 */
export class ExchangeLinks {
  private readonly byPort = new Map<number, Link>()

  /** The exchange's connection to the receiver is up, from this local port. */
  expect(localPort: number, exchangeId: string): void {
    const old = this.byPort.get(localPort)
    if (old?.timer) clearTimeout(old.timer)
    this.byPort.set(localPort, { exchangeId, captureId: null, done: false, timer: null })
  }

  /**
   * A capture arrived: the exchange it belongs to, if any, and whether that exchange has already
   * finished (then the exchange needs updating with the capture's id).
   */
  claim(
    remotePort: number,
    remoteAddress: string,
    captureId: string
  ): { exchangeId: string; exchangeDone: boolean } | null {
    const link = this.byPort.get(remotePort)
    if (!link || link.captureId !== null || !isLoopbackAddress(remoteAddress)) return null
    link.captureId = captureId
    if (link.done) this.forget(remotePort)
    return { exchangeId: link.exchangeId, exchangeDone: link.done }
  }

  /** The exchange finished: its capture's id when it has arrived, else wait a little for it. */
  settle(localPort: number, exchangeId: string): string | null {
    const link = this.byPort.get(localPort)
    if (!link || link.exchangeId !== exchangeId) return null
    if (link.captureId !== null) {
      this.forget(localPort)
      return link.captureId
    }
    link.done = true
    link.timer = setTimeout(() => {
      if (this.byPort.get(localPort) === link) this.byPort.delete(localPort)
    }, LATE_CAPTURE_MS)
    link.timer.unref()
    return null
  }

  clear(): void {
    for (const link of this.byPort.values()) if (link.timer) clearTimeout(link.timer)
    this.byPort.clear()
  }

  private forget(port: number): void {
    const link = this.byPort.get(port)
    if (link?.timer) clearTimeout(link.timer)
    this.byPort.delete(port)
  }
}
