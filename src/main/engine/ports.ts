/**
 * The seams between the engine's parts. Each part (dispatcher, receiver, journal, settings,
 * secrets) is built and tested on its own against these, and the Engine facade composes them.
 */
import type {
  Behavior,
  Capture,
  Exchange,
  ExchangeError,
  ExchangeResponse,
  HistoryEntry,
  Notice,
  Settings,
  Timings,
  Unfinished,
  WireRequest
} from '@shared/schemas'
import type { HistoryPage } from '@shared/history-page'
import type { FireHook } from '@shared/hook-record'
import type { WireOptions } from '@shared/wire-request'
import type { HookEvent } from '@shared/trialkit'

// ---------------------------------------------------------------------------------------------
// Sending: one request, whoever asks for it.

export type { FireHook }

/** One request to send, whoever asks for it (composer, replay, check, scenario, forwarding). */
export interface SendSpec {
  hook: FireHook
  event: Exchange['event']
  body: string
  origin?: Exchange['origin']
  replayOf?: string | null
  forwardOf?: string | null
  /** Method and extra headers (a replay with edited headers, a forward). */
  wire?: WireOptions
  /** What a check probe sends on purpose, recorded on the exchange. */
  probe?: string
  /** The exchange's id when the caller chose it (default: a new one). */
  exchangeId?: string
  /**
   * Sent and built like every other exchange but neither announced nor journaled, nor linked to
   * a capture: a capacity run's requests, which the history keeps as the one run.
   */
  unrecorded?: boolean
  /** Aborts the exchange as its own Abort does (a capacity run's Stop). */
  signal?: AbortSignal
  /** Response body bytes kept (default STORED_BODY_CAP); the true size is always recorded. */
  responseBodyCap?: number
}

/** Sends one request and records it as an exchange (the exchanges service's `send`). */
export type Send = (spec: SendSpec) => Promise<Exchange>

// ---------------------------------------------------------------------------------------------
// Dispatcher (dispatch/): plays TrialKit.

export interface DispatchTarget {
  url: string
  /** Empty string: no Authorization header. */
  email: string
  password: string
  timeoutMs: number
  /** Accept self-signed / invalid TLS certificates. */
  insecureTls: boolean
}

export interface DispatchOptions {
  target: DispatchTarget
  /** The exact body text to send (UTF-8). */
  body: string
  /** The User-Agent value, `hook-inspector/<version>`. */
  userAgent: string
  /** Aborting ends the dispatch with error kind `aborted`. */
  signal?: AbortSignal
  /** Called once the TCP connection is up, with the client socket's local port (for linking). */
  onConnect?: (info: { localAddress: string; localPort: number }) => void
  /** Response body bytes kept; the true size is always recorded. Default STORED_BODY_CAP. */
  responseBodyCap?: number
  /** Method and extra headers of a replay or a forward (see buildWireRequest). */
  wire?: WireOptions
}

/** What one dispatch produced. Never a rejection: every failure is an `error` with one kind. */
export interface DispatchResult {
  request: WireRequest
  response: ExchangeResponse | null
  error: ExchangeError | null
  timings: Timings
  localPort: number | null
}

export type Dispatch = (options: DispatchOptions) => Promise<DispatchResult>

// ---------------------------------------------------------------------------------------------
// Receiver (receiver/): plays the external system.

export interface ReceiverOptions {
  /** Read on every request, so a new behaviour applies to the next request. */
  getBehavior: () => Behavior
  /** Larger bodies are answered 413 and still recorded. Default DEFAULT_BODY_LIMIT. */
  bodyLimitBytes?: number
  /** Body bytes kept in a capture; the true size is always recorded. Default STORED_BODY_CAP. */
  storedBodyCap?: number
  /**
   * Called with every capture before the answer is sent; the answer waits for the returned
   * promise (the journal write), so nothing answered is ever lost.
   */
  onCapture: (capture: Capture) => Promise<void> | void
  /**
   * Called when a capture's answer never went out whole because the caller left first (a hang,
   * or a delay longer than the caller waited); the capture was recorded before, as answered.
   */
  onUnfinished?: (captureId: string, unfinished: Unfinished) => void
  /** Source of randomness for the failure rate and delay ranges (tests pass a fixed one). */
  random?: () => number
  /** A client that has not sent its headers by then is cut off. Default 10 s. */
  headersTimeoutMs?: number
  /** An idle keep-alive connection is closed after this. Default 30 s. */
  idleTimeoutMs?: number
  /**
   * Forwarding (receiver in the middle): when the behaviour has `forwardTo`, the request is sent
   * on through this and the caller gets the target's answer. Without it nothing is forwarded.
   */
  forward?: (request: ForwardRequest) => Promise<ForwardResult>
  /**
   * Connections open at once; past it a new one is closed as soon as it is accepted. Default:
   * below this process's open-files limit (receiver/connection-cap.ts).
   */
  maxConnections?: number
  /** Told of each connection closed at once for being over maxConnections. */
  onConnectionRefused?: (maxConnections: number) => void
}

/** A captured request to send on to the forwarding target. */
export interface ForwardRequest {
  captureId: string
  event: HookEvent | null
  url: string
  method: string
  /** The caller's headers minus hop-by-hop ones; Host and Content-Length are computed again. */
  headers: [string, string][]
  /** The body bytes exactly as they arrived. */
  body: Buffer
}

/** The target's answer (any status), or why there is none. */
export interface ForwardResult {
  exchangeId: string | null
  response: { status: number; headers: [string, string][]; body: Buffer } | null
  error: string | null
}

export interface ListenOptions {
  host: string
  /** 0 picks a free port. */
  port: number
}

export interface RunningReceiver {
  host: string
  port: number
  /** e.g. http://127.0.0.1:4700/ */
  url: string
  /** Stops listening and destroys open connections (hung ones included). */
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// History journal (journal/)

export interface JournalOptions {
  /** The journal file; null keeps history in memory only. */
  file: string | null
  /** Most entries kept; the oldest are dropped beyond it. */
  cap: number
  /** The byte budget (see journal/byte-budget.ts); default DEFAULT_HISTORY_MAX_BYTES. */
  maxBytes?: number
  /**
   * How far the file may grow past twice the kept entries' size before it is rewritten with only
   * those (default DEFAULT_COMPACT_SLACK_BYTES); it is also rewritten on open when over the cap,
   * and when a lower cap leaves it holding more than twice as many lines.
   */
  compactSlackBytes?: number
  /** Writes appended lines (default: every byte at once, synchronously); see JournalWrite. */
  write?: JournalWrite
  /** Reads a snapshot of the file and never writes it (see journal/snapshot.ts). */
  readOnly?: boolean
}

/**
 * Writes a batch of journal lines to the file's descriptor, all of it or throwing. The default is
 * synchronous; one that returns a promise is waited for before the batch counts as written (and
 * before anyone waiting for it, such as a capture's answer, goes on). Tests inject failing or
 * held writes with it.
 */
export type JournalWrite = (fd: number, bytes: Uint8Array) => void | Promise<void>

export interface JournalLoadReport {
  loaded: number
  /** Lines that could not be read (a torn last line after a hard kill, or corruption). */
  skipped: number
  /** Set when the file could not be read or written: history then lives in memory only. */
  error: string | null
}

/** Told when writing history starts failing (with the error code) and when it works again (null). */
export type WriteStateListener = (failure: string | null) => void

export interface HistoryStore {
  /** False in memory-only mode and while writes fail. */
  readonly persisted: boolean
  readonly loadReport: JournalLoadReport
  /** The code of the last write's failure (e.g. ENOSPC) until a write succeeds again. */
  readonly writeFailure: string | null
  onWriteState(listener: WriteStateListener): void
  /** Entries kept. */
  readonly size: number
  /** All entries, oldest first (each a fresh copy). */
  entries(): HistoryEntry[]
  /** Up to `limit` entries, newest first, after skipping the `offset` newest. */
  page(offset: number, limit: number): HistoryEntry[]
  /** Like page, but no longer than `maxChars` of JSON (at least one entry), and whether more follow. */
  pageWithin(offset: number, limit: number, maxChars: number): HistoryPage
  /** The kept ids, oldest first, as they are now (what a streamed export walks). */
  ids(): string[]
  has(id: string): boolean
  /** A fresh copy of the entry, or undefined if none has that id. */
  get(id: string): HistoryEntry | undefined
  /**
   * Resolves once the entry is written to the file (group-committed with concurrent appends), with
   * its JSON text when it was kept exactly as given (undefined when over-long bodies were cut).
   */
  append(entry: HistoryEntry): Promise<string | undefined>
  /**
   * Like append, but rejects with a HistoryWriteError when the line could not be written (the
   * entry then stays in memory, marked not saved). In memory-only mode it resolves at once.
   */
  record(entry: HistoryEntry): Promise<string | undefined>
  /** Replaces a kept entry in memory only, marked not saved (what a failed record answered). */
  holdUnsaved(entry: HistoryEntry): void
  /** Updates an entry in memory and journals the new version (last one wins on reload). */
  replace(entry: HistoryEntry): Promise<string | undefined>
  clear(): Promise<void>
  setCap(cap: number): Promise<void>
  /** Applies another byte budget at once: the oldest entries past it are dropped. */
  setMaxBytes(maxBytes: number): Promise<void>
  /** Waits for pending writes and closes the file. */
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Settings and secrets (settings-file.ts, secrets/secrets-file.ts; Electron versions in src/main/electron)

export interface SettingsLoad {
  settings: Settings
  /** Set when the stored settings were unreadable or invalid and defaults were used. */
  notice: Notice | null
}

export interface SettingsPort {
  /** Never throws: a bad file gives defaults, is kept aside, and yields a notice. */
  load(): Promise<SettingsLoad>
  /** Atomic write (temp file + rename). Hooks are saved without passwords. */
  save(settings: Settings): Promise<void>
}

export interface SecretStore {
  /** Whether secrets survive a restart (false: memory only, e.g. no OS encryption). */
  readonly persisted: boolean
  /** A notice to show when secrets cannot be persisted. */
  readonly notice: Notice | null
  load(): Promise<void>
  get(hookId: string): string | undefined
  set(hookId: string, password: string): Promise<void>
  delete(hookId: string): Promise<void>
}
