// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { AuthView } from '@renderer/components/inspector/AuthView'
import { decodeAuthorization } from '@shared/basic-auth'

afterEach(cleanup)

/** "Basic " + base64 of these bytes. */
function basic(bytes: number[]): string {
  return `Basic ${btoa(String.fromCharCode(...bytes))}`
}
const latin1 = (text: string): number[] => [...text].map((c) => c.charCodeAt(0))
const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)]

describe('decoded credentials in the inspector', () => {
  it('shows Latin-1 credentials decoded, with a note that TrialKit sends UTF-8', () => {
    const header = basic(latin1('ann@site.org:pässwörd'))
    render(<AuthView auth={decodeAuthorization(header)} matchesExpected={null} testId="auth" />)
    expect(screen.getByTestId('auth-email').textContent).toBe('ann@site.org')
    expect(screen.getByTestId('auth-latin1').textContent).toMatch(
      /decoded as Latin-1\. TrialKit sends UTF-8; Python requests sends Latin-1 by default/
    )
    expect(screen.getByTestId('auth').textContent).not.toMatch(/Not valid base64/)
  })

  it('has no note for UTF-8 credentials', () => {
    const header = basic(utf8('ann@site.org:pässwörd'))
    render(<AuthView auth={decodeAuthorization(header)} matchesExpected={null} testId="auth" />)
    expect(screen.queryByTestId('auth-latin1')).toBeNull()
  })

  it('says a 401 answered with no credentials expected is the behaviour refusing everyone', () => {
    const header = basic(utf8('ann@site.org:pw'))
    const auth = decodeAuthorization(header)
    render(<AuthView auth={auth} matchesExpected={null} answeredStatus={401} testId="auth" />)
    expect(screen.getByTestId('auth-match').textContent).toBe(
      'none: the behaviour answers 401 to every request (as the Unauthorized preset does), whatever credentials it carries'
    )
    cleanup()
    render(<AuthView auth={auth} matchesExpected={null} answeredStatus={200} testId="auth" />)
    expect(screen.getByTestId('auth-match').textContent).toBe('the receiver expects no credentials')
  })
})
