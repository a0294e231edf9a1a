import { open } from 'node:fs/promises'
import { errorMessage } from '@shared/error-message'
import { UsageError } from './errors'
import { promptHidden, type PromptInput, type PromptOutput } from './hidden-prompt'

/**
 * Secrets without the command line. Threat: a value in argv is readable by every local user
 * (`ps`, /proc/PID/cmdline) and lands in shell history and CI logs. So each secret flag has three
 * other sources: an environment variable (`--X-env NAME`), a file (`--X-file FILE`) and stdin
 * (`--X -`, a prompt without echo on a terminal). `--X VALUE` still works. Error messages name the
 * flag, the variable or the file, never the secret.
 */

/** The flags of one secret. */
export interface SecretFlagNames {
  /** `--password`: takes the value, or "-" for stdin. */
  value: string
  /** `--password-env`: the name of an environment variable. */
  env: string
  /** `--password-file`: a file holding the value. */
  file: string
  /** Shown on a terminal before reading a value nobody sees typed. */
  prompt: string
}

export const PASSWORD_FLAGS: SecretFlagNames = {
  value: '--password',
  env: '--password-env',
  file: '--password-file',
  prompt: 'Password: '
}

export const EXPECT_AUTH_FLAGS: SecretFlagNames = {
  value: '--expect-auth',
  env: '--expect-auth-env',
  file: '--expect-auth-file',
  prompt: 'Expected credentials (EMAIL:PASSWORD): '
}

/** The raw values commander collected for one secret. */
export interface SecretSources {
  value?: string
  env?: string
  file?: string
}

/** Where a secret is read from; process's own by default, fakes in tests. */
export interface SecretIo {
  env: NodeJS.ProcessEnv
  stdin: PromptInput
  stderr: PromptOutput
}

/** Far above any password the schemas accept; a bigger file or stdin is not a secret. */
const MAX_SECRET_BYTES = 64 * 1024
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** One line break at the end is how files and `echo` end a value; it is not part of the secret. */
function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '')
}

async function readSecretFile(flag: string, path: string): Promise<string> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw new UsageError(`${flag}: cannot read "${path}" (${errorMessage(error)})`)
  }
  try {
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }))
    if (!isFile) throw new UsageError(`${flag}: "${path}" is not a regular file`)
    if (size > MAX_SECRET_BYTES) {
      throw new UsageError(`${flag}: "${path}" is ${size} bytes, too big to hold a secret`)
    }
    return withoutFinalNewline(await handle.readFile('utf8'))
  } finally {
    await handle.close()
  }
}

async function readAllStdin(flag: string, stdin: PromptInput): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += bytes.length
    if (size > MAX_SECRET_BYTES) throw new UsageError(`${flag} -: stdin is too big for a secret`)
    chunks.push(bytes)
  }
  return withoutFinalNewline(Buffer.concat(chunks).toString('utf8'))
}

/**
 * The secret from whichever one source was given, or undefined when none was. Two sources at
 * once are a UsageError: which one wins would be a guess.
 */
export async function readSecret(
  names: SecretFlagNames,
  sources: SecretSources,
  io: SecretIo = { env: process.env, stdin: process.stdin, stderr: process.stderr }
): Promise<string | undefined> {
  const given = [
    sources.env === undefined ? null : names.env,
    sources.file === undefined ? null : names.file,
    sources.value === undefined ? null : names.value
  ].filter((flag) => flag !== null)
  if (given.length > 1) {
    throw new UsageError(`give only one of ${names.env}, ${names.file} and ${names.value}`)
  }
  if (sources.env !== undefined) {
    const name = sources.env.trim()
    if (!ENV_NAME.test(name)) {
      throw new UsageError(`${names.env}: "${name}" is not an environment variable name`)
    }
    const value = io.env[name]
    if (value === undefined) {
      throw new UsageError(`${names.env}: the environment variable ${name} is not set`)
    }
    return value
  }
  if (sources.file !== undefined) return readSecretFile(names.file, sources.file)
  if (sources.value !== '-') return sources.value
  if (io.stdin.isTTY === true) return promptHidden(names.prompt, io.stdin, io.stderr)
  return readAllStdin(names.value, io.stdin)
}

/** The help of `--X-env NAME`. */
export function secretEnvHelp(names: SecretFlagNames): string {
  return `read ${names.value} from this environment variable (keeps it off the command line)`
}

/** The help of `--X-file FILE`. */
export function secretFileHelp(names: SecretFlagNames): string {
  return `read ${names.value} from this file (a line break at its end is dropped)`
}

/** The help of a secret flag that also takes "-". */
export function secretValueHelp(what: string): string {
  return `${what}; "-" reads it from stdin (a prompt without echo on a terminal); a value given here is visible to other local users`
}
