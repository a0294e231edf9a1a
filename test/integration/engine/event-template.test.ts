import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { removeDir, tempDir } from './entries'

let dir: string
let engine: Engine

beforeEach(async () => {
  dir = await tempDir()
  engine = await createHeadlessEngine({ dataDir: dir, receiverOverrides: { port: 0 } })
})
afterEach(async () => {
  await engine.close()
  await removeDir(dir)
})

const REAL = '{"form_id":"1","trans_id":"9","OnInsert":true,"form_name":"Vitals","site_id":"S01"}'

describe('a hook with a captured template', () => {
  it('fires the captured shape with the composer values, and an editor save keeps it', async () => {
    const url = `${engine.receiverStatus().url}hook`
    const hook = await engine.saveHook({
      name: 'Real TrialKit shape',
      url,
      templates: { insert: REAL, update: null, review: null }
    })
    const ex = await engine.fire({
      hookId: hook.id,
      event: 'insert',
      fields: { trans_id: '777' }
    })
    expect(ex.error).toBeNull()
    expect(ex.request.body).toBe(
      '{"form_id":"319","trans_id":"777","OnInsert":true,"form_name":"Sample Form","site_id":"S01"}'
    )
    // The hook editor sends drafts without templates: the template stays.
    const { templates: _dropped, ...draft } = hook
    void _dropped
    await engine.saveHook({ ...draft, name: 'Renamed' })
    const [saved] = (await engine.getSettings()).hooks
    expect(saved?.templates?.insert).toBe(REAL)
    // Other events still fire the documented body.
    const update = await engine.fire({ hookId: hook.id, event: 'update' })
    expect(update.request.body).toBe(
      '{"trans_id":"435","form_id":"319","form_name":"Sample Form","OnUpdate":true}'
    )
  })
})
