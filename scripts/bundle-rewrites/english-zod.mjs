// zod 4 (the schemas of front matter, configuration, themes and books): the bundle keeps its English
// messages only.
//
// What it changes: zod's `z` namespace re-exports `z.locales` and `z.core.locales`, the messages of
// ~50 languages (~350 KB of the ~570 KB zod puts in the bundle), which every process then compiles
// on start. Quire never sets a locale: its messages are zod's English default, which zod imports
// itself (`classic/schemas.js` imports `locales/en.js`). Both namespaces keep `en` alone.
// Relies on: zod's `classic/external.js` and `core/index.js` exporting `locales` from
// `../locales/index.js`, and English being `locales/en.js`. Pinned by
// test/dependency-internals.test.ts.
import { NAMESPACE } from './native-inflate.mjs'

export const ENGLISH_LOCALES = `export { default as en } from './en.js'
`

export const englishZod = {
  name: 'english-zod',
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(importer)
        ? { path: 'zod-locales', namespace: NAMESPACE, pluginData: importer }
        : undefined
    )
    bundle.onLoad({ filter: /^zod-locales$/, namespace: NAMESPACE }, ({ pluginData }) => ({
      contents: ENGLISH_LOCALES,
      loader: 'js',
      resolveDir: pluginData.replace(/(classic[\\/]external|core[\\/]index)\.js$/, 'locales')
    }))
  }
}
