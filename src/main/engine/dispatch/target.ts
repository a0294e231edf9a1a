import type { FireHook } from '@shared/hook-record'
import type { DispatchTarget } from '../ports'

/**
 * Where and how one request goes, from the hook that sends it: the one place a hook's settings
 * become a dispatch's (seconds to milliseconds, its credentials, its TLS choice).
 */
export function dispatchTargetOf(hook: FireHook): DispatchTarget {
  return {
    url: hook.url,
    email: hook.email,
    password: hook.password,
    timeoutMs: hook.timeoutSeconds * 1000,
    insecureTls: hook.insecureTls
  }
}
