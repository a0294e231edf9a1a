import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it, vi, type Mock } from 'vitest'
import { promptHidden } from '@main/cli/hidden-prompt'
import {
  EXPECT_AUTH_FLAGS,
  PASSWORD_FLAGS,
  readSecret,
  type SecretIo
} from '@main/cli/secret-flags'

/** A terminal the test types into: raw mode recorded, everything written kept. */
function fakeTerminal(): {
  input: PassThrough & { isTTY: boolean; setRawMode: Mock<(raw: boolean) => void> }
  written: () => string
  output: { write: (chunk: string) => boolean }
} {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: vi.fn<(raw: boolean) => void>()
  })
  let text = ''
  return {
    input,
    written: () => text,
    output: {
      write: (chunk: string) => {
        text += chunk
        return true
      }
    }
  }
}

function pipedStdin(text: string): PassThrough {
  const stdin = new PassThrough()
  stdin.end(text)
  return stdin
}

const io = (over: Partial<SecretIo> = {}): SecretIo => ({
  env: {},
  stdin: pipedStdin(''),
  stderr: { write: () => true },
  ...over
})

describe('reading a secret without the command line', () => {
  let dir = ''
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hi-secret-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('takes each source: the value, an environment variable, a file, piped stdin', async () => {
    expect(await readSecret(PASSWORD_FLAGS, { value: 's3cr:et' }, io())).toBe('s3cr:et')
    expect(
      await readSecret(PASSWORD_FLAGS, { env: 'HI_PW' }, io({ env: { HI_PW: 'a b:c' } }))
    ).toBe('a b:c')
    writeFileSync(join(dir, 'pw'), 'from-file\n')
    expect(await readSecret(PASSWORD_FLAGS, { file: join(dir, 'pw') }, io())).toBe('from-file')
    expect(
      await readSecret(PASSWORD_FLAGS, { value: '-' }, io({ stdin: pipedStdin('piped\r\n') }))
    ).toBe('piped')
    expect(await readSecret(PASSWORD_FLAGS, {}, io())).toBeUndefined()
  })

  it('keeps all but one final line break, and an empty variable is an empty password', async () => {
    writeFileSync(join(dir, 'two'), 'pw\n\n')
    expect(await readSecret(PASSWORD_FLAGS, { file: join(dir, 'two') }, io())).toBe('pw\n')
    expect(await readSecret(PASSWORD_FLAGS, { env: 'E' }, io({ env: { E: '' } }))).toBe('')
  })

  it('names the missing variable, the unreadable file and the clash, never a secret', async () => {
    await expect(readSecret(PASSWORD_FLAGS, { env: 'HI_NOT_SET' }, io())).rejects.toThrow(
      '--password-env: the environment variable HI_NOT_SET is not set'
    )
    await expect(readSecret(PASSWORD_FLAGS, { env: 'no-such name' }, io())).rejects.toThrow(
      '--password-env: "no-such name" is not an environment variable name'
    )
    const missing = join(dir, 'missing')
    await expect(readSecret(EXPECT_AUTH_FLAGS, { file: missing }, io())).rejects.toThrow(
      `--expect-auth-file: cannot read "${missing}" (ENOENT: no such file or directory, open '${missing}')`
    )
    await expect(readSecret(EXPECT_AUTH_FLAGS, { file: dir }, io())).rejects.toThrow(
      `--expect-auth-file: "${dir}" is not a regular file`
    )
    const clash = readSecret(
      PASSWORD_FLAGS,
      { value: 'SecretPW', env: 'E' },
      io({ env: { E: 'x' } })
    )
    await expect(clash).rejects.toThrow(
      'give only one of --password-env, --password-file and --password'
    )
    await clash.catch((e: Error) => expect(e.message).not.toContain('SecretPW'))
  })

  it('refuses a file too big to be a secret', async () => {
    writeFileSync(join(dir, 'big'), 'x'.repeat(64 * 1024 + 1))
    await expect(readSecret(PASSWORD_FLAGS, { file: join(dir, 'big') }, io())).rejects.toThrow(
      `--password-file: "${join(dir, 'big')}" is 65537 bytes, too big to hold a secret`
    )
  })

  it('on a terminal, prompts on stderr and reads what is typed without echoing it', async () => {
    const term = fakeTerminal()
    const read = readSecret(
      PASSWORD_FLAGS,
      { value: '-' },
      io({ stdin: term.input, stderr: term.output })
    )
    await vi.waitFor(() => expect(term.written()).toBe('Password: '))
    term.input.write('s3cX')
    term.input.write('\u007fr:et\r')
    expect(await read).toBe('s3cr:et')
    expect(term.written()).toBe('Password: \n')
    expect(term.input.setRawMode.mock.calls).toEqual([[true], [false]])
  })
})

describe('the prompt without echo', () => {
  it('gives up on Ctrl+C and on the end of input, leaving raw mode', async () => {
    const term = fakeTerminal()
    const cancelled = promptHidden('Password: ', term.input, term.output)
    term.input.write('abc\u0003')
    await expect(cancelled).rejects.toThrow('the prompt was cancelled')
    expect(term.input.setRawMode.mock.calls).toEqual([[true], [false]])
    const other = fakeTerminal()
    const ended = promptHidden('Password: ', other.input, other.output)
    other.input.end()
    await expect(ended).rejects.toThrow('no value was typed at the prompt')
    expect(other.written()).toBe('Password: \n')
  })
})
