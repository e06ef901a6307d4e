// @noble/ciphers 1.x (pdfkit's, for encrypted PDFs only): the bundle builds its AES tables on first use.
//
// What it changes: `@noble/ciphers/aes` computes its S-boxes and four lookup tables as soon as it is
// loaded (~6–10 ms and ~1.3 MB in every process and worker that loads the PDF renderer), and only
// pdfkit's encryption uses them, which Quire never asks for. pdfkit's `import { cbc, ecb }` gets two
// functions that load the module on their first call.
// Relies on: pdfkit importing `cbc` and `ecb`, and only them, from `@noble/ciphers/aes`. Pinned by
// test/dependency-internals.test.ts.
import { NAMESPACE } from './native-inflate.mjs'

export const LAZY_AES = `let aes
const load = () => (aes ??= require('@noble/ciphers/aes'))
export const cbc = (...args) => load().cbc(...args)
export const ecb = (...args) => load().ecb(...args)
`

export const lazyAes = {
  name: 'lazy-aes',
  setup(bundle) {
    bundle.onResolve({ filter: /^@noble\/ciphers\/aes$/ }, ({ importer, namespace }) =>
      namespace !== NAMESPACE && /[\\/]pdfkit[\\/]/.test(importer)
        ? { path: '@noble/ciphers/aes', namespace: NAMESPACE, pluginData: importer }
        : undefined
    )
    bundle.onLoad({ filter: /^@noble\/ciphers\/aes$/, namespace: NAMESPACE }, ({ pluginData }) => ({
      contents: LAZY_AES,
      loader: 'js',
      resolveDir: pluginData.replace(/[\\/][^\\/]*$/, '')
    }))
  }
}
