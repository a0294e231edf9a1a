import { shell, type WebContents } from 'electron'

/** Whether a URL may be handed to the system browser: absolute http(s) only. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Opens an http(s) link in the system browser; anything else is ignored. Threat: a link in
 * attacker-controlled content (file:, smb:, custom schemes) would otherwise make the OS open
 * local files or launch other programs.
 */
export function openExternally(url: string): boolean {
  if (!isExternalWebUrl(url)) return false
  void shell.openExternal(url).catch(() => undefined)
  return true
}

/**
 * The window never leaves the app page and never opens another window. Threat: a page navigated
 * to (or opened from) a link would run with the preload's bridge to the engine. Web links go to
 * the system browser instead; <webview> is refused.
 */
export function guardNavigation(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    const target = event.url ?? url
    if (!isAppUrl(target)) openExternally(target)
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (!isAppUrl(url)) openExternally(url)
    return { action: 'deny' }
  })
}
