import { describe, expect, it } from 'vitest'
import { errorMessage } from '@shared/error-message'

describe('errorMessage', () => {
  const noMessage = 'Something went wrong, and the error had no message.'
  it.each([
    ['an Error', new Error('port 8080 is in use'), 'port 8080 is in use'],
    ['a subclass', new TypeError('not a function'), 'not a function'],
    ['a string', 'refused', 'refused'],
    ['a number', 42, '42'],
    ['an Error without a message', new Error(''), noMessage],
    ['an empty string', '', noMessage],
    ['undefined', undefined, noMessage],
    ['null', null, noMessage],
    ['a plain object', { code: 'EPIPE' }, noMessage]
  ])('reads %s', (_name, thrown, expected) => {
    expect(errorMessage(thrown)).toBe(expected)
  })
})
