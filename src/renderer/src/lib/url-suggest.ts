const LOCAL_HOST =
  /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})$/i

/**
 * A URL typed without its scheme ("localhost:8080/hook", "hooks.example.org/tk") with the one it
 * most likely needs: http:// for this machine and private networks, https:// elsewhere. Null when
 * the text already has a scheme or would not make a URL either way.
 */
export function suggestScheme(raw: string): string | null {
  const text = raw.trim()
  if (text === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return null
  if (/^https?:/i.test(text) || /\s/.test(text)) return null
  let url: URL
  try {
    url = new URL(`http://${text.replace(/^\/+/, '')}`)
  } catch {
    return null
  }
  const host = url.hostname
  if (host === '' || (!host.includes('.') && !LOCAL_HOST.test(host) && host !== 'localhost')) {
    return null
  }
  const scheme = LOCAL_HOST.test(host) ? 'http' : 'https'
  return `${scheme}://${text.replace(/^\/+/, '')}`
}
