// brotli 1.3.3 (fontkit's, for WOFF2 fonts only): the bundle leaves it out and loads it on first use.
//
// What it changes: `brotli/decompress.js` builds its dictionary as soon as it is loaded (part of
// ~35 ms of every start), and only WOFF2 fonts need it. fontkit's `require('brotli/decompress.js')`
// gets a function that requires the module on its first call, from where fontkit is installed
// (brotli is fontkit's dependency), so its ~490 KB of source are not in the bundle either: every
// process and worker that loads the PDF renderer compiled them (~20 ms) for nothing.
// Relies on: fontkit importing `brotli/decompress.js` by that name and calling the export as a
// function. Pinned by test/dependency-internals.test.ts.
import { dirname } from 'node:path'
import { NAMESPACE } from './native-inflate.mjs'

export const LAZY_BROTLI = `const { createRequire } = require('node:module')
let decompress
module.exports = function (...args) {
  decompress ??= createRequire(require.resolve('fontkit'))('brotli/decompress.js')
  return decompress(...args)
}
`

export const lazyBrotli = {
  name: 'lazy-brotli',
  setup(bundle) {
    bundle.onResolve({ filter: /^brotli\/decompress\.js$/ }, ({ importer }) =>
      /[\\/]fontkit[\\/]/.test(importer) ? { path: 'brotli', namespace: NAMESPACE, pluginData: importer } : undefined
    )
    bundle.onLoad({ filter: /^brotli$/, namespace: NAMESPACE }, ({ pluginData }) => ({
      contents: LAZY_BROTLI,
      loader: 'js',
      resolveDir: dirname(pluginData)
    }))
  }
}
