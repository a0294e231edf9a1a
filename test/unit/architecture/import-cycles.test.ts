import { join } from 'node:path'
import madge from 'madge'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')

describe('module graph of src/', () => {
  it('has no import cycles (type-only imports included)', async () => {
    const graph = await madge(join(ROOT, 'src'), {
      fileExtensions: ['ts', 'tsx'],
      tsConfig: join(ROOT, 'tsconfig.node.json')
    })
    const modules = graph.obj()
    // The graph is real: every module was found and the facade's edges to its services resolved.
    expect(Object.keys(modules).length).toBeGreaterThan(150)
    expect(modules['main/engine/engine.ts']).toContain('main/engine/services/assemble.ts')
    expect(modules['main/engine/services/assemble.ts']).toContain(
      'main/engine/services/exchanges.ts'
    )
    // Imports through the path aliases resolve too.
    expect(modules['preload/index.ts']).toContain('shared/ipc-names.ts')
    expect(graph.circular()).toEqual([])
  }, 120_000)
})
