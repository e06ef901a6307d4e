// unist-util-visit-parents 6.1.0 (under every unified plugin and Quire's own tree passes): the bundle
// leaves out the renaming of the closure it makes for each node visited.
//
// What it changes: `lib/index.js` renames each visit closure, `Object.defineProperty(visit, 'name', …)`,
// so stack traces read "node (element<p>)". That is a third of the cost of a tree walk, ~12% of
// parsing an article; the bundle drops the `if (typeof value.type === 'string') { … }` block.
// Relies on: the block's text as NAMING matches it. The build fails if it is not found (a new
// version): `npm run build` says which file. Pinned by test/dependency-internals.test.ts.
import { readFileSync } from 'node:fs'

export const NAMING =
  /\n {4}if \(typeof value\.type === 'string'\) \{\n {6}const name =[\s\S]*?Object\.defineProperty\(visit, 'name', \{[\s\S]*?\}\)\n {4}\}\n/

/** The module's source without the renaming; throws when the renaming is not where it was. */
export function withoutNaming(source, path) {
  if (!NAMING.test(source)) throw new Error(`${path}: the per-node renaming to leave out was not found (new version?)`)
  return source.replace(NAMING, '\n')
}

export const unnamedVisits = {
  name: 'unnamed-visits',
  setup(bundle) {
    bundle.onLoad({ filter: /unist-util-visit-parents[\\/]lib[\\/]index\.js$/ }, ({ path }) => ({
      contents: withoutNaming(readFileSync(path, 'utf8'), path),
      loader: 'js'
    }))
  }
}
