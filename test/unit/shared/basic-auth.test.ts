import { describe, expect, it } from 'vitest'
import { credentialsMatch, decodeAuthorization, encodeBasicAuth } from '@shared/basic-auth'

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

describe('Basic auth codec', () => {
  it('encodes base64 of UTF-8 email:password', () => {
    expect(encodeBasicAuth('ann@site.org', 'pw')).toBe(`Basic ${b64('ann@site.org:pw')}`)
    expect(encodeBasicAuth('zoë+qa@exämple.org', 'pässwörd')).toBe(
      `Basic ${b64('zoë+qa@exämple.org:pässwörd')}`
    )
  })

  it('round-trips a password containing colons and an email with + and non-ASCII letters', () => {
    const header = encodeBasicAuth('jörg+hooks@klinik.de', 'a:b::c:')
    expect(decodeAuthorization(header)).toEqual({
      scheme: 'Basic',
      email: 'jörg+hooks@klinik.de',
      password: 'a:b::c:',
      base64Valid: true
    })
  })

  it('handles an empty password and non-BMP characters', () => {
    expect(decodeAuthorization(encodeBasicAuth('a@b.c', ''))).toMatchObject({
      email: 'a@b.c',
      password: '',
      base64Valid: true
    })
    expect(decodeAuthorization(encodeBasicAuth('a@b.c', '🔑')).password).toBe('🔑')
  })

  it('flags malformed base64 and a missing colon', () => {
    expect(decodeAuthorization('Basic not base64!').base64Valid).toBe(false)
    expect(decodeAuthorization('Basic YWJj').base64Valid).toBe(false) // "abc": no colon
    expect(decodeAuthorization('Basic YWJjOmRlZg').base64Valid).toBe(false) // missing padding
    expect(decodeAuthorization('Basic').base64Valid).toBe(false)
  })

  it('reads valid base64 whose bytes are not UTF-8 as Latin-1, and says so', () => {
    // What Python requests sends for "ann@site.org:pässwörd": Latin-1 bytes.
    const latin1 = Buffer.from('ann@site.org:pässwörd', 'latin1').toString('base64')
    expect(decodeAuthorization(`Basic ${latin1}`)).toEqual({
      scheme: 'Basic',
      email: 'ann@site.org',
      password: 'pässwörd',
      base64Valid: true,
      charset: 'latin1'
    })
    expect(
      decodeAuthorization(`Basic ${Buffer.from([0xff, 0x3a, 0x41]).toString('base64')}`)
    ).toMatchObject({ base64Valid: true, email: 'ÿ', password: 'A', charset: 'latin1' })
    // UTF-8 is read as UTF-8, with no note.
    expect(decodeAuthorization(encodeBasicAuth('ann@site.org', 'pässwörd'))).not.toHaveProperty(
      'charset'
    )
  })

  it('reports other schemes without decoding', () => {
    expect(decodeAuthorization('Bearer abc.def')).toEqual({
      scheme: 'Bearer',
      email: null,
      password: null,
      base64Valid: false
    })
    expect(decodeAuthorization('basic ' + b64('x:y')).email).toBe('x')
  })

  it('matches expected credentials exactly', () => {
    const decoded = decodeAuthorization(encodeBasicAuth('a@b.c', 'Secret'))
    expect(credentialsMatch(decoded, { email: 'a@b.c', password: 'Secret' })).toBe(true)
    expect(credentialsMatch(decoded, { email: 'a@b.c', password: 'secret' })).toBe(false)
    expect(credentialsMatch(decoded, { email: 'A@b.c', password: 'Secret' })).toBe(false)
  })
})

describe('decodeAuthorization at its edges', () => {
  const token = Buffer.from('ann@site.org:pw').toString('base64')
  it('trims the header and the token, and reads the scheme in any case', () => {
    expect(decodeAuthorization(`  basic    ${token}  `)).toEqual({
      scheme: 'basic',
      email: 'ann@site.org',
      password: 'pw',
      base64Valid: true
    })
  })
  it('decodes nothing of another scheme, even a Basic-looking token', () => {
    expect(decodeAuthorization(`Bearer ${token}`)).toEqual({
      scheme: 'Bearer',
      email: null,
      password: null,
      base64Valid: false
    })
  })
  it('takes a header with no space as a scheme alone', () => {
    expect(decodeAuthorization('Bearer')).toEqual({
      scheme: 'Bearer',
      email: null,
      password: null,
      base64Valid: false
    })
    expect(decodeAuthorization('Basic')).toEqual({
      scheme: 'Basic',
      email: '',
      password: null,
      base64Valid: false
    })
  })
})
