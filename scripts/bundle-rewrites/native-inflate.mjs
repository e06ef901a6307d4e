// tiny-inflate 1.0.3 (under unicode-trie, which fontkit, unicode-properties and linebreak load): the
// bundle gives its one function Node's zlib instead.
//
// What it changes: unicode-trie inflates its tables with tiny-inflate, deflate written in JavaScript,
// as soon as it is loaded (most of ~35 ms of every start). `inflate(source, dest)` is replaced by
// zlib's inflateRawSync writing into `dest`: the same bytes.
// Relies on: tiny-inflate's interface, `module.exports = function inflate(source, dest)` returning
// `dest` (or its first bytes). Pinned by test/dependency-internals.test.ts (same bytes as tiny-inflate).
export const NATIVE_INFLATE = `const { inflateRawSync } = require('node:zlib')
module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source)
  const length = Math.min(out.length, dest.length)
  dest.set(out.subarray(0, length))
  return length < dest.length ? dest.slice(0, length) : dest
}
`

// Both rewrites of fontkit's dependencies load from this namespace (its name is in the bundle).
export const NAMESPACE = 'lighter-start'

export const nativeInflate = {
  name: 'native-inflate',
  setup(bundle) {
    bundle.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: 'tiny-inflate', namespace: NAMESPACE }))
    bundle.onLoad({ filter: /^tiny-inflate$/, namespace: NAMESPACE }, () => ({ contents: NATIVE_INFLATE, loader: 'js' }))
  }
}
