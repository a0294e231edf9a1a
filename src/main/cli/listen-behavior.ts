import { HEALTHY_BEHAVIOR } from '@shared/presets'
import {
  BehaviorSchema,
  DEFAULT_BODY_LIMIT,
  DEFAULT_RECEIVER_PORT,
  type Behavior,
  type HeaderList
} from '@shared/schemas'
import { UsageError } from './errors'
import {
  parseCredentials,
  parseDelay,
  parseFault,
  parseHeader,
  parsePort,
  parseWholeNumber
} from './options'

/** The raw flag values of `listen`, as commander collects them. */
export interface ListenFlags {
  port?: string
  host?: string
  status?: string
  body?: string
  header?: string[]
  delay?: string
  fault?: string
  expectAuth?: string
  expectAuthEnv?: string
  expectAuthFile?: string
  bodyLimit?: string
  json?: boolean
  dataDir?: string
}

export interface ListenConfig {
  host: string
  port: number
  bodyLimitBytes: number
  behavior: Behavior
  json: boolean
}

export const MAX_BODY_LIMIT = 100 * 1024 * 1024

/** Which flag sets which behaviour field, to name the flag when the schema refuses a value. */
const FLAG_OF_FIELD: Record<string, string> = {
  status: '--status',
  headers: '--header',
  body: '--body',
  delay: '--delay',
  fault: '--fault',
  expectedAuth: '--expect-auth'
}

/**
 * The user's headers replace the default JSON Content-Type only when they set a Content-Type of
 * their own, so `--header "X-Trace: 1"` keeps the answer a JSON answer.
 */
function answerHeaders(extra: [string, string][]): HeaderList {
  const ownType = extra.some(([name]) => name.toLowerCase() === 'content-type')
  const base = ownType ? [] : HEALTHY_BEHAVIOR.headers.map(([n, v]): [string, string] => [n, v])
  return [...base, ...extra]
}

/**
 * Turns `listen` flags into the receiver's config and behaviour. The result is checked with the
 * same BehaviorSchema the app uses, so the CLI accepts exactly what the UI accepts.
 */
export function listenConfig(flags: ListenFlags): ListenConfig {
  const host = (flags.host ?? '127.0.0.1').trim()
  if (host === '') throw new UsageError('--host must not be empty')
  const port = parsePort('--port', flags.port ?? String(DEFAULT_RECEIVER_PORT))
  const status = parseWholeNumber('--status', flags.status ?? '200', 100, 599)
  const headers = answerHeaders((flags.header ?? []).map((h) => parseHeader('--header', h)))
  const delay =
    flags.delay === undefined ? { minMs: 0, maxMs: 0 } : parseDelay('--delay', flags.delay)
  const fault = flags.fault === undefined ? 'none' : parseFault('--fault', flags.fault)
  const expectedAuth =
    flags.expectAuth === undefined ? null : parseCredentials('--expect-auth', flags.expectAuth)
  const bodyLimitBytes =
    flags.bodyLimit === undefined
      ? DEFAULT_BODY_LIMIT
      : parseWholeNumber('--body-limit', flags.bodyLimit, 1, MAX_BODY_LIMIT)

  const candidate: Behavior = {
    ...structuredClone(HEALTHY_BEHAVIOR),
    status,
    headers,
    body: flags.body ?? HEALTHY_BEHAVIOR.body,
    delay,
    fault,
    expectedAuth,
    preset: null
  }
  const result = BehaviorSchema.safeParse(candidate)
  if (!result.success) {
    const issue = result.error.issues[0]
    const key = String(issue?.path[0] ?? '')
    const flag = FLAG_OF_FIELD[key] ?? 'the answer'
    throw new UsageError(`${flag}: ${issue?.message ?? 'invalid value'}`)
  }
  return { host, port, bodyLimitBytes, behavior: result.data, json: flags.json === true }
}
