import { readFile } from 'node:fs/promises'
import { type BodyOverrides, type HookEvent, type WorkflowLevel } from '@shared/trialkit'
import { UsageError } from './errors'
import { parseInteger } from './options'
import { errorMessage } from '@shared/error-message'

/** The body-shaping flags of `fire`, as commander collects them. */
export interface BodyFlags {
  transId?: string
  formId?: string
  formName?: string
  wfId?: string
  wfSeq?: string
  wfName?: string
  wfStatus?: string
  wfLock?: boolean
  wfSign?: boolean
  wfSoft?: boolean
  wfFl?: boolean
  lockBroken?: boolean
  body?: string
  bodyFile?: string
  rawBody?: string
  rawBodyFile?: string
}

export interface BuiltBody {
  /**
   * What the API's `fire` is given: the text of --body / --raw-body (or their files) sent as it
   * is, or the field flags as the overrides the engine builds TrialKit's body from.
   */
  body: { rawBody: string } | { fields: BodyOverrides }
  /** The flag that gave the body whole, if one did (named when the body is refused). */
  flag: string | null
  /** Flags that were given but have no effect, as lines to show on stderr. */
  warnings: string[]
}

const FIELD_FLAGS: [keyof BodyFlags, string][] = [
  ['transId', '--trans-id'],
  ['formId', '--form-id'],
  ['formName', '--form-name']
]

const REVIEW_FLAGS: [keyof BodyFlags, string][] = [
  ['wfId', '--wf-id'],
  ['wfSeq', '--wf-seq'],
  ['wfName', '--wf-name'],
  ['wfStatus', '--wf-status'],
  ['wfLock', '--wf-lock'],
  ['wfSign', '--wf-sign'],
  ['wfSoft', '--wf-soft'],
  ['wfFl', '--wf-fl'],
  ['lockBroken', '--lock-broken']
]

function given(flags: BodyFlags, list: [keyof BodyFlags, string][]): string[] {
  return list.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag)
}

/** The flags as overrides of TrialKit's sample fields (docs/ARCHITECTURE.md, Wire format). */
export function bodyOverrides(flags: BodyFlags): BodyOverrides {
  const wf: Partial<WorkflowLevel> = {}
  if (flags.wfId !== undefined) wf.wf_id = parseInteger('--wf-id', flags.wfId)
  if (flags.wfSeq !== undefined) wf.wf_seq = parseInteger('--wf-seq', flags.wfSeq)
  if (flags.wfStatus !== undefined) wf.wf_status = parseInteger('--wf-status', flags.wfStatus)
  if (flags.wfName !== undefined) {
    // TrialKit's sample describes a level by its name; a renamed level keeps them together.
    wf.wf_name = flags.wfName
    wf.wf_desc = flags.wfName
  }
  if (flags.wfLock !== undefined) wf.wf_lock = flags.wfLock
  if (flags.wfSign !== undefined) wf.wf_sign = flags.wfSign
  if (flags.wfSoft !== undefined) wf.wf_soft = flags.wfSoft
  if (flags.wfFl !== undefined) wf.wf_fl = flags.wfFl
  const overrides: BodyOverrides = { wf }
  if (flags.transId !== undefined) overrides.trans_id = flags.transId
  if (flags.formId !== undefined) overrides.form_id = flags.formId
  if (flags.formName !== undefined) overrides.form_name = flags.formName
  if (flags.lockBroken !== undefined) overrides.LockBroken = flags.lockBroken
  return overrides
}

function checkJson(flag: string, text: string): void {
  try {
    JSON.parse(text)
  } catch (error) {
    const detail = errorMessage(error)
    throw new UsageError(`${flag} is not valid JSON: ${detail}`)
  }
}

/** Reads a body file as UTF-8 text that keeps every byte (a byte order mark included). */
async function readTextFile(flag: string, path: string): Promise<string> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code
    throw new UsageError(`${flag} "${path}" cannot be read (${why ?? 'unknown error'})`)
  }
  if (flag === '--body-file' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new UsageError(
      `--body-file "${path}" starts with a byte order mark, which makes it invalid JSON; save it without one`
    )
  }
  try {
    // ignoreBOM keeps every byte, so what is sent is exactly the file.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new UsageError(`${flag} "${path}" is not valid UTF-8 text`)
  }
}

/** Reads --body-file as bytes; they must be UTF-8 JSON, sent unchanged. */
async function readBodyFile(path: string): Promise<string> {
  const text = await readTextFile('--body-file', path)
  checkJson('--body-file', text)
  return text
}

/** The flags that give the body itself, in the order they are named in messages. */
const BODY_FLAGS: [keyof BodyFlags, string][] = [
  ['body', '--body'],
  ['bodyFile', '--body-file'],
  ['rawBody', '--raw-body'],
  ['rawBodyFile', '--raw-body-file']
]

/** The body given whole on the command line or in a file: JSON checked, or raw sent unchecked. */
async function givenBody(flags: BodyFlags): Promise<string> {
  if (flags.body !== undefined) {
    checkJson('--body', flags.body)
    return flags.body
  }
  if (flags.bodyFile !== undefined) return readBodyFile(flags.bodyFile)
  if (flags.rawBody !== undefined) return flags.rawBody
  return readTextFile('--raw-body-file', flags.rawBodyFile as string)
}

/**
 * The body to fire: the field flags for TrialKit's exact body (built by the engine, as for the
 * composer), a JSON body given with --body / --body-file, or any text given with --raw-body /
 * --raw-body-file (malformed JSON included, for bad-input tests), sent byte for byte. Flags that
 * would have no effect are reported.
 */
export async function buildBody(event: HookEvent, flags: BodyFlags): Promise<BuiltBody> {
  const bodyFlags = given(flags, BODY_FLAGS)
  if (bodyFlags.length > 1) {
    throw new UsageError(`${bodyFlags[0]} and ${bodyFlags[1]} cannot both be given; choose one`)
  }
  const fieldFlags = given(flags, FIELD_FLAGS)
  const reviewFlags = given(flags, REVIEW_FLAGS)
  const rawFlag = bodyFlags[0] ?? null
  if (rawFlag !== null) {
    const ignored = [...fieldFlags, ...reviewFlags]
    const warnings =
      ignored.length > 0
        ? [`warning: ${ignored.join(', ')} ignored: ${rawFlag} is sent as it is`]
        : []
    return { body: { rawBody: await givenBody(flags) }, flag: rawFlag, warnings }
  }
  const overrides = bodyOverrides(flags)
  const warnings =
    event !== 'review' && reviewFlags.length > 0
      ? [`warning: ${reviewFlags.join(', ')} only apply to review events; ignored for ${event}`]
      : []
  return { body: { fields: overrides }, flag: null, warnings }
}
