import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the window's page comes from: the built file, or the dev server in development. */
export type RendererLocation =
  { kind: 'file'; file: string } | { kind: 'dev-server'; url: string; origin: string }

export interface AppPaths {
  /** The sandboxed preload: one CommonJS bundle (see electron.vite.config.ts). */
  preload: string
  /** The built renderer page. */
  renderer: string
}

/** The preload and renderer of the build, found from the main bundle's own folder (out/main). */
export function appPaths(mainDir: string): AppPaths {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    renderer: join(mainDir, '..', 'renderer', 'index.html')
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The dev server is used only in development and only on loopback. Threat: the page gets the
 * preload's bridge (settings, hook passwords, the dispatcher), so it must never be a remote page.
 */
export function rendererLocation(options: {
  dev: boolean
  devServerUrl: string | undefined
  rendererFile: string
}): RendererLocation {
  if (options.dev && options.devServerUrl) {
    let url: URL | null = null
    try {
      url = new URL(options.devServerUrl)
    } catch {
      url = null
    }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
      if (LOOPBACK_HOSTS.has(url.hostname)) {
        return { kind: 'dev-server', url: url.href, origin: url.origin }
      }
    }
  }
  return { kind: 'file', file: resolve(options.rendererFile) }
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b
}

/**
 * Whether a URL is the app's own page: exactly the built index.html (any query or fragment), or
 * the dev server's origin in development. Used for the IPC sender check, navigation and the CSP.
 */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (location.kind === 'dev-server') return parsed.origin === location.origin
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false
  try {
    return samePath(resolve(fileURLToPath(parsed)), location.file)
  } catch {
    return false
  }
}
