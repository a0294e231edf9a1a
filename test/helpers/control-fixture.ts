/** A real headless engine in a temp data dir, plus a fake built UI, for control-server tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { buildControlServer } from '@main/web/control-server'

export const TOKEN = 'control-test-token-abcdefghijklmnop'

export interface Fixture {
  engine: Engine
  dir: string
  staticDir: string
  /**
   * The control server on this engine as `serve` builds it for `port`, ready but not listening
   * (tests reach it with `inject`); `dispose` closes it.
   */
  app(port: number): Promise<FastifyInstance>
  dispose(): Promise<void>
}

/** How the fixture's engine differs from the default (a receiver on a free port). */
export type FixtureEngineOptions = Partial<Parameters<typeof createHeadlessEngine>[0]>

/**
 * A data dir of its own with a fake built UI beside it, and a headless engine on it: what a
 * control-server test serves. `engineOptions` override the engine's options (e.g. no receiver).
 */
export async function startFixture(engineOptions: FixtureEngineOptions = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'hi-control-'))
  const staticDir = join(dir, 'ui')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>')
  writeFileSync(join(staticDir, 'assets', 'app-123.js'), 'console.log("ui")')
  writeFileSync(join(staticDir, 'secret.txt'), 'not served')
  const engine = await createHeadlessEngine({
    dataDir: join(dir, 'data'),
    portConflict: 'fail',
    receiverOverrides: { port: 0 },
    ...engineOptions
  })
  const apps: FastifyInstance[] = []
  return {
    engine,
    dir,
    staticDir,
    async app(port) {
      const app = buildControlServer({ engine, token: TOKEN, staticDir, port })
      apps.push(app)
      await app.ready()
      return app
    },
    async dispose() {
      for (const app of apps) await app.close()
      await engine.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
