import type { HookInspectorBridge } from '@shared/api'
import { bundleFileName } from '@shared/bundle'
import { describeImport, MAX_IMPORT_BYTES } from '@shared/sharing'
import { downloadBlob, downloadText, readPickedFile } from '../lib/download'
import type { ShareSlice, ShareState } from './share-types'
import type { Slice } from './types'
import { errorMessage } from '@shared/error-message'

const IDLE_SHARE: ShareState = { busy: false, error: null, summary: null }

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
}

/** Export (HAR, support bundle) and import, with what the share dialog shows of them. */
export function createShareSlice(bridge: HookInspectorBridge): Slice<ShareSlice> {
  return (set, get) => {
    const patch = (change: Partial<ShareState>): void =>
      set({ share: { ...get().share, ...change } })

    async function exportWith(run: () => Promise<void>): Promise<void> {
      patch({ busy: true, error: null })
      try {
        await run()
      } catch (e) {
        patch({ error: errorMessage(e) })
      } finally {
        patch({ busy: false })
      }
    }

    return {
      share: IDLE_SHARE,

      exportHar(includeSecrets, ids) {
        return exportWith(async () => {
          const request = { includeSecrets, ...(ids ? { ids } : {}) }
          const name = `hook-inspector-${stamp()}.har`
          // Streamed where the bridge can (serve): a large history is never one string here.
          if (bridge.downloadExport) downloadBlob(name, await bridge.downloadExport('har', request))
          else downloadText(name, await bridge.exportHar(request))
          get().toast('info', 'HAR file saved.')
        })
      },

      exportBundle(includeSecrets) {
        return exportWith(async () => {
          const name = bundleFileName(new Date())
          if (bridge.downloadExport) {
            downloadBlob(name, await bridge.downloadExport('bundle', { includeSecrets }))
          } else downloadText(name, await bridge.exportBundle({ includeSecrets }))
          get().toast('info', 'Support bundle saved.')
        })
      },

      async importPicked(file) {
        patch({ busy: true, error: null, summary: null })
        try {
          const text = await readPickedFile(file, MAX_IMPORT_BYTES)
          const result = await bridge.importFile({ text, fileName: file.name })
          patch({ summary: result })
          // What still needs doing (passwords to enter again) is said in the same breath.
          get().toast('info', [describeImport(result), ...result.messages].join(' '))
        } catch (e) {
          patch({ error: `${file.name} was not imported: ${errorMessage(e)}` })
        } finally {
          patch({ busy: false })
        }
      },

      resetShare() {
        set({ share: IDLE_SHARE })
      }
    }
  }
}
