import type { ExchangeErrorKind } from '@shared/schemas'

/**
 * What a clinical site user plausibly reads in TrialKit's ProtocolError box, per kind: plain
 * words, no jargon. TrialKit's exact wording is not public, so the UI labels this as an
 * approximation.
 */
export const SITE_USER_MESSAGES: Record<ExchangeErrorKind, string> = {
  timeout: 'The connected system did not respond in time.',
  'connection-refused': 'The connected system could not be reached.',
  'connection-reset': 'The connection to the connected system was interrupted.',
  dns: 'The address of the connected system could not be found.',
  tls: 'A secure connection to the connected system could not be established.',
  'http-status': 'The connected system reported an error.',
  'invalid-url': 'The study’s connection to another system is not set up correctly.',
  aborted: 'The request was cancelled.'
}

export const SITE_USER_ADVICE =
  'Your changes may not have been saved. Please try again. If the problem continues, contact your study administrator.'

/** A one-line explanation of each kind for the integrator. */
export const KIND_EXPLANATIONS: Record<ExchangeErrorKind, string> = {
  timeout: 'No complete response within the hook’s timeout (connect → last body byte).',
  'connection-refused': 'Nothing listens at that address and port.',
  'connection-reset': 'The peer closed or reset the connection before a complete response.',
  dns: 'The host name does not resolve.',
  tls: 'The TLS handshake or the certificate check failed.',
  'http-status':
    'A complete response arrived, but its status is not 2xx (redirects are not followed).',
  'invalid-url': 'The configured URL is not an absolute http(s) URL.',
  aborted: 'Cancelled in Hook Inspector; TrialKit has no such outcome.'
}
