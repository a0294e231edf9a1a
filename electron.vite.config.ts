import { resolve } from 'node:path'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import pkg from './package.json' with { type: 'json' }
import { API_METHODS } from './src/shared/api-table'

/** `@shared` and `@renderer` name the two trees every process imports from, as tsconfig's paths do. */
const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@renderer': resolve(__dirname, 'src/renderer/src')
}

/** The sandboxed preload gets the API's method names from the API table here, at build time. */
const define = {
  __APP_VERSION__: JSON.stringify(pkg.version),
  __API_METHOD_NAMES__: JSON.stringify(API_METHODS)
}

/**
 * The built page carries its own CSP, so it holds where no response header can be set (the desktop
 * app loads it from file://). Dev builds skip it: the dev server injects an inline script.
 */
const RENDERER_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
  "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

const cspMeta: Plugin = {
  name: 'hook-inspector-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(
      '<head>',
      `<head>\n    <meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP}" />`
    )
}

export default defineConfig({
  main: {
    define,
    resolve: { alias },
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts')
        }
      }
    }
  },
  preload: {
    define,
    resolve: { alias },
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // The sandboxed preload cannot `require` project files, so it is one CommonJS bundle.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    define,
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [react(), cspMeta],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    }
  }
})
