/** Why a configured hook URL cannot be called; shown as the `invalid-url` ProtocolError. */
export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string }

/**
 * TrialKit calls absolute http(s) URLs only. Credentials embedded in the URL are refused rather
 * than silently sent: in TrialKit they belong in the hook's email and password fields.
 */
export function checkHookUrl(raw: string): UrlCheck {
  const text = raw.trim()
  if (text === '') return { ok: false, message: 'The hook URL is empty.' }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return {
      ok: false,
      message: `"${text}" is not an absolute URL (expected http://… or https://…).`
    }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      message: `Only http and https URLs can be called; "${url.protocol.slice(0, -1)}" is not supported.`
    }
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      message:
        'The URL contains credentials (user:password@host). Put them in the hook’s email and password fields instead.'
    }
  }
  if (url.hostname === '') return { ok: false, message: `"${text}" has no host name.` }
  return { ok: true, url }
}
