import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { errorBody } from './api-errors'

/**
 * The page's policy. Threat: captured bodies and headers are attacker-controlled text shown in the
 * UI; should any of it ever reach the DOM as markup, the CSP stops it from running scripts,
 * loading foreign resources, sending data elsewhere, or being framed by another site.
 */
export const UI_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'"
].join('; ')

/** Whether a directory holds a built UI (out/renderer). */
export function hasBuiltUi(dir: string): boolean {
  return existsSync(join(dir, 'index.html'))
}

/**
 * Serves the built renderer: `/` is index.html (with the CSP, never cached, so a new build or a
 * new token is picked up) and `/assets/*` its hashed files. Nothing else under the directory is
 * reachable. No token is needed (the page holds no secret; it reads the token from its own URL),
 * but the Host and Origin checks apply as everywhere.
 */
export function registerStaticUi(app: FastifyInstance, staticDir: string | null): void {
  if (staticDir === null) {
    app.get('/', { config: { access: 'public' } }, async (_request, reply) =>
      reply.code(404).send(errorBody('The UI is not built. Run `npm run build` and start again.'))
    )
    return
  }
  void app.register(fastifyStatic, {
    root: join(staticDir, 'assets'),
    prefix: '/assets/',
    index: false,
    dotfiles: 'deny',
    wildcard: true
  })
  app.get('/', { config: { access: 'public' } }, async (_request, reply) =>
    reply
      .header('Content-Security-Policy', UI_CSP)
      .header('Cache-Control', 'no-cache')
      .sendFile('index.html', staticDir, { cacheControl: false })
  )
}
