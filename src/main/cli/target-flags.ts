import {
  HOOK_TIMEOUT_DEFAULT_S,
  HOOK_TIMEOUT_MAX_S,
  HOOK_TIMEOUT_MIN_S
} from '../../shared/schemas'
import { checkHookUrl } from '../../shared/wire-request'
import { UsageError } from './errors'
import { parseWholeNumber } from './options'

export interface TargetFlags {
  url: string
  email?: string
  password?: string
  timeout?: string
}

/**
 * The hook a command calls, from --url, --email, --password and --timeout, checked the way
 * TrialKit would take them; a bad one is a UsageError naming the flag.
 */
export function parseTargetFlags(flags: TargetFlags): {
  url: URL
  email: string
  password: string
  timeoutSeconds: number
} {
  const check = checkHookUrl(flags.url)
  if (!check.ok) throw new UsageError(`--url: ${check.message}`)
  const timeoutSeconds = parseWholeNumber(
    '--timeout',
    flags.timeout ?? String(HOOK_TIMEOUT_DEFAULT_S),
    HOOK_TIMEOUT_MIN_S,
    HOOK_TIMEOUT_MAX_S
  )
  const { email, password } = parseCredentialFlags(flags)
  return { url: check.url, email, password, timeoutSeconds }
}

/**
 * The credentials of --email and --password (empty when not given); --password alone is a
 * UsageError, as TrialKit sends no credentials without an email.
 */
export function parseCredentialFlags(flags: { email?: string; password?: string }): {
  email: string
  password: string
} {
  const email = flags.email ?? ''
  const password = flags.password ?? ''
  if (email === '' && password !== '') {
    throw new UsageError('--password needs --email: TrialKit sends no credentials without an email')
  }
  return { email, password }
}
