import { TOKEN_QUERY_PARAM } from '@shared/http-contract'

const STORAGE_KEY = 'hook-inspector.token'

/**
 * The control-server token arrives once in the address (`/?token=…`). It is moved into
 * sessionStorage and removed from the visible URL, so it does not end up in screenshots,
 * bookmarks or the history list, and a reload of the same tab keeps working.
 */
export function takeToken(loc: Location, storage: Storage, history: History): string | null {
  const url = new URL(loc.href)
  const fromUrl = url.searchParams.get(TOKEN_QUERY_PARAM)
  if (fromUrl) {
    try {
      storage.setItem(STORAGE_KEY, fromUrl)
    } catch {
      // Storage can be disabled; the token then lives for this page only.
    }
    url.searchParams.delete(TOKEN_QUERY_PARAM)
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`)
    return fromUrl
  }
  try {
    return storage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}
