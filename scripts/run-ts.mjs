// Runs a TypeScript script of the repository (scripts/*.ts) on Node 20, which cannot strip types:
// esbuild bundles it with its imports from test/helpers into scripts/.build/ (npm packages stay
// outside), then the bundle runs with the remaining arguments.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const [entry, ...rest] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs scripts/<name>.ts [arguments…]')
  process.exit(2)
}
const outdir = path.resolve('scripts/.build')
mkdirSync(outdir, { recursive: true })
const outfile = path.join(outdir, `${path.basename(entry, '.ts')}.mjs`)
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning'
})
process.argv = [process.argv[0], outfile, ...rest]
await import(pathToFileURL(outfile).href)
