import type { EngineEmitter } from '../events/typed-emitter'
import type { NoticeBoard } from './notices'

/** How often the notice's count is brought up to date while connections keep being refused. */
const UPDATE_MS = 1000

/** What the notice says after `refused` connections were closed at the cap. */
export function connectionLimitMessage(maxConnections: number, refused: number): string {
  const what = refused === 1 ? '1 new connection was' : `${refused} new connections were`
  return (
    `The receiver is at its limit of ${maxConnections} open connections, kept below this ` +
    `process's limit on open files so the app keeps working: ${what} closed at once, unrecorded.`
  )
}

/**
 * Counts the connections the receiver closed at its cap in one warning notice, raised at the
 * first and replaced with the new count at most once a second while more come, so a flood of
 * thousands of connections makes one notice, not thousands.
 */
export class ConnectionLimitNotice {
  private refused = 0
  private shown = 0
  private noticeId: string | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private maxConnections = 0

  constructor(
    private readonly notices: NoticeBoard,
    private readonly events: EngineEmitter
  ) {}

  /** One connection was closed for being over `maxConnections`. */
  refusedOne(maxConnections: number): void {
    this.refused++
    this.maxConnections = maxConnections
    if (this.noticeId === null) this.show()
    this.timer ??= setTimeout(() => {
      this.timer = null
      if (this.refused !== this.shown) this.show()
    }, UPDATE_MS)
    this.timer.unref?.()
  }

  private show(): void {
    if (this.noticeId !== null && this.notices.dismiss(this.noticeId)) {
      this.events.emit('notice-cleared', { id: this.noticeId })
    }
    this.shown = this.refused
    const notice = this.notices.raise(
      'warning',
      connectionLimitMessage(this.maxConnections, this.refused)
    )
    this.noticeId = notice?.id ?? null
  }
}
