import { describe, expect, it } from 'vitest'
import { escapeControls, formatCaptureLine } from '@main/cli/capture-line'
import type { Capture } from '@shared/schemas'

function capture(patch: Partial<Capture>): Capture {
  return {
    type: 'capture',
    id: 'cap_1',
    receivedAt: '2025-01-02T10:11:12.350Z',
    method: 'POST',
    path: '/hook',
    query: {},
    httpVersion: '1.1',
    headers: [],
    bodyBase64: '',
    bodySize: 0,
    truncated: false,
    json: null,
    jsonError: null,
    auth: null,
    event: null,
    response: { status: 200, delayMs: 0, fault: 'none' },
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    exchangeId: null,
    ...patch
  }
}

function hasControl(text: string): boolean {
  return [...text].some((c) => {
    const code = c.charCodeAt(0)
    return code < 0x20 || (code >= 0x7f && code <= 0x9f)
  })
}

describe('listen text output', () => {
  it('escapes every C0, DEL and C1 control character, and nothing else', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('')
    const escaped = escapeControls(all)
    expect(hasControl(all)).toBe(true)
    expect(hasControl(escaped)).toBe(false)
    expect(escaped).toContain('\\x1b')
    expect(escaped).toContain('\\x0d')
    expect(escaped).toContain('\\x0a')
    expect(escaped).toContain('\\x9b')
    expect(escaped).toContain(' !"#$%&')
    expect(escaped).toContain('ABCDEFG')
    expect(escaped).toContain('xyz{|}~\\x7f')
    expect(escapeControls('é → ✓')).toBe('é → ✓')
  })

  it('a path and credentials carrying terminal escapes print as one harmless line', () => {
    const line = formatCaptureLine(
      capture({
        path: '/a\u001b[2J\r\nFAKE LINE',
        auth: {
          scheme: 'Basic',
          email: 'ev\u001b]0;owned\u0007il@x.org',
          password: 'p',
          base64Valid: true,
          matchesExpected: null
        }
      })
    )
    expect(hasControl(line)).toBe(false)
    expect(line).toContain('/a\\x1b[2J\\x0d\\x0aFAKE LINE')
    expect(line).toContain('ev\\x1b]0;owned\\x07il@x.org')
  })
})
