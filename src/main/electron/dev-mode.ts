export interface DevModeInput {
  isPackaged: boolean
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  rendererUrl: string | undefined
  argv: readonly string[]
}

/**
 * Development mode (devtools, the dev server, the devtools menu item). Threat: a packaged app must
 * never be talked into it by an environment variable or a flag, so packaged is always production.
 */
export function isDevelopment({ isPackaged, rendererUrl, argv }: DevModeInput): boolean {
  if (isPackaged) return false
  return Boolean(rendererUrl) || argv.includes('--dev')
}
