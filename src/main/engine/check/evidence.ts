import type { CheckItem, CheckStatus } from '@shared/check'
import type { Exchange } from '@shared/schemas'
import type { HookEvent } from '@shared/trialkit'
import type { CertificateFacts } from './tls-certificate'

/**
 * Everything the check sent and got back, gathered before any item is judged. The judges are pure
 * functions of this, so the same evidence always gives the same summary.
 */
export interface CheckEvidence {
  url: string
  email: string
  password: string
  timeoutSeconds: number
  slowMs: number
  https: boolean
  /**
   * The first call's TLS failure, when it had one, and the certificate as the endpoint presented
   * it (null when not even an unverified handshake completed).
   */
  tls: { exchange: Exchange; certificate: CertificateFacts | null } | null
  samples: Record<HookEvent, Exchange[]>
  /** Why nothing more was sent (the endpoint cannot be reached, hangs or redirects). */
  stopped: string | null
  /**
   * For a refused connection: which addresses were tried and which answered ("refused at
   * 127.0.0.1:5324; [::1]:5324 answers: …"), or that it went down mid-run. null otherwise.
   */
  refusedAt: string | null
  credentials: {
    wrong: Exchange | null
    none: Exchange | null
    /** Sent instead of the other two when the right credentials are refused and the email has capitals. */
    lowerEmail: Exchange | null
  }
  lockBroken: Exchange | null
  extraKeys: Exchange | null
  malformed: Exchange | null
  unknown: Exchange | null
  /** One valid insert after the bad-input probes. */
  alive: Exchange | null
  /** When every event got a 404: the same URL with its trailing slash added or taken away. */
  slashProbe: Exchange | null
  /** The inserts sent at once, after the single-request timings. */
  concurrent: Exchange[]
  /**
   * The first answer that was rate limiting (429): how many requests came before it, when it came
   * (ms after the check started), how long the check waited and what the retry got.
   */
  rateLimited: {
    exchange: Exchange
    before: number
    atMs: number
    waitedMs: number
    retry: Exchange | null
  } | null
}

export function item(
  id: string,
  title: string,
  status: Exclude<CheckStatus, 'not-run'>,
  summary: string,
  evidence: string[] = [],
  exchanges: Exchange[] = []
): CheckItem {
  return { id, title, status, summary, evidence, exchangeIds: exchanges.map((e) => e.id) }
}

/** An item that applies but could not be judged; the reason is its summary. */
export function notRun(
  id: string,
  title: string,
  reason: string,
  evidence: string[] = [],
  exchanges: Exchange[] = []
): CheckItem {
  const text = reason.replace(/^not run:\s*/i, '')
  const sentence = `Not run: ${text}${/[.!?]$/.test(text) ? '' : '.'}`
  return {
    id,
    title,
    status: 'not-run',
    summary: sentence,
    reason: text,
    evidence,
    exchangeIds: exchanges.map((e) => e.id)
  }
}

export const TITLES = {
  latency: 'Answers fast enough',
  credentials: 'Credentials checked',
  idempotency: 'Same event twice, same answer',
  lockBroken: 'Review with LockBroken answered 2xx',
  extraKeys: 'A field the docs do not list is ignored',
  badInput: 'Bad input gets a 4xx',
  alive: 'Still answers after bad input',
  tls: 'Valid TLS certificate',
  concurrency: 'Several saves at once'
} as const

/** Non-ASCII characters in a password: TrialKit sends them as UTF-8. */
export function hasNonAscii(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) > 0x7f)
}

export const LATIN1_HINT =
  'The password has non-ASCII characters: TrialKit encodes them as UTF-8, and the endpoint may decode them as Latin-1 (ISO-8859-1), as many frameworks do by default.'
