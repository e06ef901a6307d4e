// Bundle the CLI into a few files: Node loads one module graph of ~10 files instead of ~900 small ESM
// modules, which is most of a one-article build's start-up time. Renderers stay separate chunks,
// loaded only when their format is asked for.
import { rmSync } from 'node:fs'
import { build } from 'esbuild'
import { rewrites } from './bundle-rewrites/index.mjs'

// Five dependencies are rewritten as they are bundled (scripts/bundle-rewrites/, one file each;
// docs/dependencies.md): unist-util-visit-parents without its per-node renaming, tiny-inflate on
// Node's zlib, brotli left out and loaded on first use, pdfkit's AES tables built on first use, zod's
// messages in English only. A rewrite whose code is not found fails the build.

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
  // writes plain PDF 1.7. piscina starts workers from its own files; the DejaVu fonts are data;
  // harfbuzzjs reads its WebAssembly beside its own module.
  external: ['piscina', 'dejavu-fonts-ttf', 'harfbuzzjs'],
  banner: { js: "import { createRequire as __quireRequire } from 'node:module'; const require = __quireRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
  // Every thread keeps the source text of the code it loaded: minified (names kept, so stack traces
  // still name functions) the bundle is 3.0 MB instead of 4.9 MB, and a 1,000-article build peaks
  // ~15 MB lower (292–301 MB instead of 309–317 MB).
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: rewrites
})
