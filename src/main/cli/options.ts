import { DELAY_MAX_MS, FAULTS, type Fault } from '@shared/schemas'
import { UsageError } from './errors'

/**
 * Parsers for flag values. Each turns the raw text commander collected into a typed value or a
 * UsageError whose message starts with the flag, so a script author sees at once what to fix.
 */

/** A whole number in [min, max]; digits only (no signs, decimals, exponents or hex). */
export function parseWholeNumber(flag: string, raw: string, min: number, max: number): number {
  const text = raw.trim()
  const value = /^\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${raw}")`)
  }
  return value
}

/** Any safe integer, negative included (TrialKit ids and roles are numbers such as -1). */
export function parseInteger(flag: string, raw: string): number {
  const text = raw.trim()
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(value)) {
    throw new UsageError(`${flag} must be a whole number (got "${raw}")`)
  }
  return value
}

/** A TCP port; 0 asks the system for a free one. */
export function parsePort(flag: string, raw: string): number {
  return parseWholeNumber(flag, raw, 0, 65535)
}

export const MAX_DELAY_MS = DELAY_MAX_MS

/** `--delay 500` (fixed) or `--delay 200-800` (random in the range, both ends included). */
export function parseDelay(flag: string, raw: string): { minMs: number; maxMs: number } {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(raw)
  const min = match ? Number(match[1]) : NaN
  const max = match ? Number(match[2] ?? match[1]) : NaN
  if (!match || min > MAX_DELAY_MS || max > MAX_DELAY_MS || max < min) {
    throw new UsageError(
      `${flag} must be MS or MIN-MAX in milliseconds from 0 to ${MAX_DELAY_MS}, with MIN not above MAX (e.g. 500 or 200-800; got "${raw}")`
    )
  }
  return { minMs: min, maxMs: max }
}

const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * `--header "Name: value"`. Threat: a value with CR/LF would let the flag inject extra headers or
 * a body into the receiver's answer, so line breaks are refused here (and again by the schema).
 */
export function parseHeader(flag: string, raw: string): [string, string] {
  const colon = raw.indexOf(':')
  const name = colon === -1 ? '' : raw.slice(0, colon).trim()
  const value = colon === -1 ? '' : raw.slice(colon + 1).trim()
  if (!HEADER_NAME_RE.test(name)) {
    throw new UsageError(
      `${flag} must look like "Name: value" with a valid header name (got "${raw}")`
    )
  }
  // eslint-disable-next-line no-control-regex
  if (/[\r\n\u0000]/.test(value)) {
    throw new UsageError(`${flag} "${name}" must not contain line breaks`)
  }
  return [name, value]
}

/**
 * `EMAIL:PASSWORD`, split at the first colon: the password may contain colons. Threat: the value
 * is a secret, so the error says what is wrong with it without repeating any of it.
 */
export function parseCredentials(flag: string, raw: string): { email: string; password: string } {
  const colon = raw.indexOf(':')
  if (colon <= 0) {
    throw new UsageError(
      `${flag} must be EMAIL:PASSWORD with a non-empty email (${colon === 0 ? 'the email is empty' : 'no ":" in the value'})`
    )
  }
  return { email: raw.slice(0, colon), password: raw.slice(colon + 1) }
}

/** One of a fixed list of words. */
export function parseChoice<T extends string>(flag: string, raw: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(raw)) return raw as T
  throw new UsageError(`${flag} must be one of ${choices.join(', ')} (got "${raw}")`)
}

/** A receiver fault, from the same list the schema accepts. */
export function parseFault(flag: string, raw: string): Fault {
  return parseChoice(flag, raw, FAULTS)
}

/** Commander collector for repeatable flags such as --header. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}
