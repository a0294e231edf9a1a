import { describe, expect, it } from 'vitest'
import { joinPieces, MAX_EXPORT_TEXT_CHARS } from '@main/engine/sharing/export-file'

async function* pieces(count: number, piece: string): AsyncGenerator<string> {
  for (let i = 0; i < count; i++) yield piece
}

describe('an export returned as one text', () => {
  it('joins the pieces when they fit', async () => {
    expect(await joinPieces(pieces(3, 'ab'))).toBe('ababab')
  })

  it('refuses past the bound with where to save it instead, before building the string', async () => {
    const mib = 'x'.repeat(1024 * 1024)
    await expect(joinPieces(pieces(MAX_EXPORT_TEXT_CHARS / mib.length + 1, mib))).rejects.toThrow(
      'This export is larger than 256 MiB, too large to pass as one text: save it to a file instead (File → Export in the desktop app, the Export button of the browser UI, or `hook-inspector export --out FILE`).'
    )
  })
})
