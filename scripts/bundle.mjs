// Bundle the CLI into a few files: Node loads one module graph of ~10 files instead of ~900 small ESM
// modules, which is most of a one-article build's start-up time. Renderers stay separate chunks,
// loaded only when their format is asked for.
import { rmSync } from 'node:fs'
import { build } from 'esbuild'

// Chunk names carry a content hash: clear out the chunks of earlier builds.
rmSync('dist/bundle', { recursive: true, force: true })

await build({
  entryPoints: { quire: 'src/cli.ts', worker: 'src/worker.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // pdfkit and fontkit read data files next to their own modules: keep them as installed packages.
  external: ['piscina', 'pdfkit', 'fontkit', 'linebreak', 'svg-to-pdfkit', 'dejavu-fonts-ttf'],
  banner: { js: "import { createRequire as __quireRequire } from 'node:module'; const require = __quireRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'none'
})
