// Bundle the CLI into a few files: Node loads one module graph of ~10 files instead of ~900 small ESM
// modules, which is most of a one-article build's start-up time. Renderers stay separate chunks,
// loaded only when their format is asked for.
import { readFileSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { build } from 'esbuild'

// unist-util-visit-parents (under every unified plugin and Quire's own tree passes) renames the
// closure it makes for each node visited, `Object.defineProperty(visit, 'name', …)`, so stack
// traces read "node (element<p>)". That is a third of the cost of a tree walk, ~12% of parsing an
// article; the bundle leaves the renaming out. The build fails if the code is not found as expected.
const NAMING = /\n {4}if \(typeof value\.type === 'string'\) \{\n {6}const name =[\s\S]*?Object\.defineProperty\(visit, 'name', \{[\s\S]*?\}\)\n {4}\}\n/
const unnamedVisits = {
  name: 'unnamed-visits',
  setup(bundle) {
    bundle.onLoad({ filter: /unist-util-visit-parents[\\/]lib[\\/]index\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8')
      if (!NAMING.test(source)) throw new Error(`${path}: the per-node renaming to leave out was not found (new version?)`)
      return { contents: source.replace(NAMING, '\n'), loader: 'js' }
    })
  }
}

// Two of fontkit's dependencies decode data as soon as they are loaded, ~35 ms of every start:
// unicode-trie inflates its tables (fontkit's, unicode-properties', linebreak's) with tiny-inflate,
// deflate written in JavaScript, and brotli builds its dictionary, which only WOFF2 fonts need.
// tiny-inflate's one function is given Node's zlib instead (the same bytes), and brotli is loaded
// when a WOFF2 font is first read.
const NATIVE_INFLATE = `const { inflateRawSync } = require('node:zlib')
module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source)
  const length = Math.min(out.length, dest.length)
  dest.set(out.subarray(0, length))
  return length < dest.length ? dest.slice(0, length) : dest
}
`
const LAZY_BROTLI = `let decompress
module.exports = function (...args) {
  decompress ??= require('brotli/decompress.js')
  return decompress(...args)
}
`
const lighterStart = {
  name: 'lighter-start',
  setup(bundle) {
    bundle.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: 'tiny-inflate', namespace: 'lighter-start' }))
    bundle.onResolve({ filter: /^brotli\/decompress\.js$/ }, ({ importer }) => (/[\\/]fontkit[\\/]/.test(importer) ? { path: 'brotli', namespace: 'lighter-start', pluginData: importer } : undefined))
    bundle.onLoad({ filter: /.*/, namespace: 'lighter-start' }, ({ path, pluginData }) =>
      path === 'brotli' ? { contents: LAZY_BROTLI, loader: 'js', resolveDir: dirname(pluginData) } : { contents: NATIVE_INFLATE, loader: 'js' }
    )
  }
}

// Chunk names carry a content hash: clear out the chunks of earlier builds.
rmSync('dist/bundle', { recursive: true, force: true })

await build({
  entryPoints: { quire: 'src/cli/index.ts', worker: 'src/build/worker.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // pdfkit, fontkit and their ~100 modules are bundled too (a one-article build ~0.1 s faster). What
  // pdfkit finds beside its own module through import.meta.url (the 14 standard fonts, the PDF/A
  // colour profile) would not resolve from here: Quire uses neither, it embeds its fonts and
  // writes plain PDF 1.7. piscina starts workers from its own files; the DejaVu fonts are data.
  external: ['piscina', 'dejavu-fonts-ttf'],
  banner: { js: "import { createRequire as __quireRequire } from 'node:module'; const require = __quireRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
  // Every thread keeps the source text of the code it loaded: minified (names kept, so stack traces
  // still name functions) the bundle is 3.0 MB instead of 4.9 MB, and a 1,000-article build peaks
  // ~15 MB lower (292–301 MB instead of 309–317 MB).
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [unnamedVisits, lighterStart]
})
