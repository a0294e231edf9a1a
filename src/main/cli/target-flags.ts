import {
  credentialsSendable,
  CredentialsSchema,
  HOOK_TIMEOUT_DEFAULT_S,
  HOOK_TIMEOUT_MAX_S,
  HOOK_TIMEOUT_MIN_S,
  NO_CREDENTIALS_WITHOUT_EMAIL
} from '@shared/schemas'
import { checkHookUrl } from '@shared/wire-request'
import { UsageError } from './errors'
import { parseWholeNumber } from './options'
import { PASSWORD_FLAGS, readSecret } from './secret-flags'

export interface TargetFlags {
  url: string
  email?: string
  password?: string
  passwordEnv?: string
  passwordFile?: string
  timeout?: string
}

/**
 * The hook a command calls, from --url, --email, --password and --timeout, checked the way
 * TrialKit would take them; a bad one is a UsageError naming the flag.
 */
export async function parseTargetFlags(flags: TargetFlags): Promise<{
  url: URL
  email: string
  password: string
  timeoutSeconds: number
}> {
  const check = checkHookUrl(flags.url)
  if (!check.ok) throw new UsageError(`--url: ${check.message}`)
  const timeoutSeconds = parseWholeNumber(
    '--timeout',
    flags.timeout ?? String(HOOK_TIMEOUT_DEFAULT_S),
    HOOK_TIMEOUT_MIN_S,
    HOOK_TIMEOUT_MAX_S
  )
  const { email, password } = await parseCredentialFlags(flags)
  return { url: check.url, email, password, timeoutSeconds }
}

/**
 * The credentials of --email and the password (empty when not given), the password read from
 * --password, --password-env, --password-file or stdin (see secret-flags.ts) and checked with
 * the shared CredentialsSchema; a password alone is a UsageError, as TrialKit sends no
 * credentials without an email.
 */
export async function parseCredentialFlags(
  flags: Pick<TargetFlags, 'email' | 'password' | 'passwordEnv' | 'passwordFile'>
): Promise<{ email: string; password: string }> {
  const secret = await readSecret(PASSWORD_FLAGS, {
    value: flags.password,
    env: flags.passwordEnv,
    file: flags.passwordFile
  })
  const parsed = CredentialsSchema.safeParse({ email: flags.email ?? '', password: secret ?? '' })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const flag = issue?.path[0] === 'password' ? PASSWORD_FLAGS.value : '--email'
    throw new UsageError(`${flag}: ${issue?.message ?? 'invalid'}`)
  }
  const { email, password } = parsed.data
  if (!credentialsSendable({ email, password })) {
    throw new UsageError(`--password needs --email: ${NO_CREDENTIALS_WITHOUT_EMAIL}`)
  }
  return { email, password }
}
